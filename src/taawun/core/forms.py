"""Form conventions shared by every record form."""

from __future__ import annotations

from django import forms
from django.db import models


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """For a form's Meta.formfield_callback (each form's own Meta: Django does not inherit it).

    Adopts Django 6.0's default now: an address typed without a scheme is https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class RecordForm(forms.ModelForm):
    """A ModelForm with native date pickers and text direction hints on bilingual fields.

    Subclasses always list their fields explicitly (never "__all__"), so no request can set a
    field the form does not show.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.DateInput):
                field.widget = DateInput()
            if name.endswith("_ar"):
                field.widget.attrs.update(dir="rtl", lang="ar")
            elif name.endswith("_en"):
                field.widget.attrs.update(dir="ltr", lang="en")
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)

    def _save_m2m(self):
        super()._save_m2m()
        # Links to records the editor may not see were not offered, so put them back.
        for name, hidden in getattr(self, "hidden_related", {}).items():
            getattr(self.instance, name).add(*hidden)


def party_choice_label(party: models.Model) -> str:
    return f"{party} ({party.pk})"
