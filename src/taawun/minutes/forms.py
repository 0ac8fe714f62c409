"""The minutes' forms: the minutes with their items (one formset), and the choices of the PDF and
of a sending (the highest classification to include, the language to read first)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import LEVELS, Classification, level
from taawun.minutes.models import MinuteItem, Minutes
from taawun.records.forms import RecordForm


class MinutesForm(RecordForm):
    """Minutes of a committee session or of an engagement (one of the two); their decisions,
    recommendations and commitments are edited in the formset below (MinuteItemFormSet)."""

    class Meta:
        model = Minutes
        fields = ["session", "engagement", "summary_ar", "summary_en", "classification"]
        widgets = {
            "summary_ar": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }


class MinuteItemForm(RecordForm):
    class Meta:
        model = MinuteItem
        fields = [
            "position",
            "kind",
            "text_ar",
            "text_en",
            "classification",
            "owner_side",
            "owner_person",
            "due_on",
            "from_decision",
        ]
        widgets = {
            "text_ar": forms.Textarea(attrs={"rows": 2}),
            "text_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, an item is classified as the minutes (services.minutes_save sets it).
        field = self.fields["classification"]
        field.required = False
        field.choices = [
            ("", _("As the minutes")),
            *((value, label) for value, label in field.choices if value),
        ]
        if self.instance.pk is None:
            self.initial["classification"] = ""

    def clean_classification(self):
        value = self.cleaned_data.get("classification")
        self.as_minutes = not value
        # A stand-in until the service knows the minutes' classification (the lowest an item may have).
        return value or Classification.PUBLIC


class BaseMinuteItemFormSet(forms.BaseInlineFormSet):
    """The minutes' items the editor may see: an item above their clearance is neither shown nor
    changed (nor deleted) by their edit."""

    # The API matches an item sent again to the one stored by its number.
    api_keys = ("position",)

    def __init__(self, *args, **kwargs):
        user = (kwargs.get("form_kwargs") or {}).get("user")
        if user is not None and kwargs.get("queryset") is None:
            kwargs["queryset"] = MinuteItem.objects.visible_to(user)
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A row's hidden id names one of this formset's rows (those the editor may see): checked
        # against them, it offers no record, and so is no record choice to restrict.
        key = form.fields.get(self._pk_field.name)
        if key is not None:
            key.queryset = models.QuerySet(MinuteItem).filter(pk__in=self.get_queryset().values("pk"))


MinuteItemFormSet = forms.inlineformset_factory(
    Minutes,
    MinuteItem,
    form=MinuteItemForm,
    formset=BaseMinuteItemFormSet,
    fields=MinuteItemForm.Meta.fields,
    extra=3,
    can_delete=True,
)


def caps_for(user, minutes: Minutes) -> list[tuple[str, str]]:
    """The classifications a reader may choose as the highest to include: from the minutes' own
    (below it there is no document) up to the reader's clearance."""
    floor = level(minutes.classification)
    try:
        ceiling = level(user.clearance)
    except (ValueError, AttributeError):
        return []
    return [(value, label) for value, label in Classification.choices if floor <= LEVELS[value] <= ceiling]


class CapForm(forms.Form):
    """The highest classification a document of the minutes holds."""

    cap = forms.ChoiceField(label=_("Include items up to"))

    def __init__(self, *args, user, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        choices = caps_for(user, minutes)
        self.fields["cap"].choices = choices
        if choices and "cap" not in self.initial:
            self.initial["cap"] = choices[-1][0]


class PdfForm(CapForm):
    first = forms.ChoiceField(
        label=_("Language first"),
        choices=[("ar", "العربية"), ("en", "English")],
        initial="ar",
        required=False,
    )


class SendForm(CapForm):
    pass
