"""Form conventions shared by every record form, and the one way a form offers records to choose."""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.urls import reverse
from django.utils.choices import BaseChoiceIterator

from taawun.access.classified import ClassifiedQuerySet
from taawun.core.i18n import in_reading_order
from taawun.core.widgets import DateInput
from taawun.records.pickers import is_picker, picker_for
from taawun.records.visibility import restrict_choices

# --- choosing records -------------------------------------------------------------------------
#
# A choice among classified records (parties, people, agencies, committees, engagements ...) is
# always a RecordChoiceField or RecordMultipleChoiceField: its choices are built in one place, as
# `Model.objects.visible_to(user)`, when the form is given its user (`restrict_choices`, which
# every form taking `user=` calls). Until then it refuses to list or accept anything, so a form
# that forgets its user fails loudly instead of offering every record; and `restrict_choices`
# refuses a plain ModelChoiceField over classified records (tests/records/test_record_choices.py
# walks every form and filter of the project for one).


def is_classified_model(model) -> bool:
    return isinstance(model._default_manager.all(), ClassifiedQuerySet)


class _NotShownYet(BaseChoiceIterator):
    """The choices of a record field whose form was not given its user: listing them is an error."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        self.field.require_user()
        yield from ()

    def __len__(self):
        self.field.require_user()
        return 0


class _VisibleRecords:
    """A ModelChoiceField (or its multiple or django-filter variants) whose queryset is only ever
    `model.objects.visible_to(user)`, narrowed by `narrow(queryset)` and `limit_choices_to`."""

    def __init__(self, queryset=None, *, model=None, narrow=None, limit_choices_to=None, **kwargs):
        model = model if model is not None else getattr(queryset, "model", None)
        if model is None or not is_classified_model(model):
            raise ImproperlyConfigured(
                f"{type(self).__name__} chooses among classified records, not {model}."
            )
        if queryset is not None and queryset.query.has_filters():
            raise ImproperlyConfigured(
                f"{type(self).__name__}'s choices are the records the user may see: narrow them with "
                "`narrow=`, never with a filtered queryset."
            )
        self.record_model = model
        self.narrow = narrow
        self.record_limit = limit_choices_to  # applied by show_to, not by Django's form
        self.shown_to = None
        super().__init__(queryset=model._default_manager.none(), **kwargs)

    def show_to(self, user) -> None:
        """Offer (and accept) the records `user` may see."""
        queryset = self.record_model._default_manager.visible_to(user)
        limit = self.record_limit() if callable(self.record_limit) else self.record_limit
        if limit:
            queryset = queryset.complex_filter(limit)
        if self.narrow is not None:
            queryset = self.narrow(queryset)
        self.shown_to = user
        forms.ModelChoiceField.queryset.fset(self, in_reading_order(queryset))
        self._offer_with_picker(user)

    def _offer_with_picker(self, user) -> None:
        """Replace a select listing every record by a picker (taawun.records.pickers): records
        of a type declared "search" are found by typing, a short list is filtered as typed.
        Check boxes and radio buttons chosen by a form stay as they are."""
        if not isinstance(self.widget, forms.Select) or is_picker(self.widget):
            return
        from taawun.records import catalog  # the declarations import the forms: read them late

        try:
            crud = catalog.get(self.record_model)
        except KeyError:
            return
        searched = crud.picker == "search" and self.to_field_name in (None, "pk", "id")
        url = reverse(crud.url_name("choices")) if searched else ""
        self.widget = picker_for(self, url=url, label=lambda record: crud.choice_text(record, user))

    def require_user(self) -> None:
        if self.shown_to is None:
            raise ImproperlyConfigured(
                f"A {type(self).__name__} lists and accepts records only once its form has a user "
                "(pass user=, or call restrict_choices(form, user))."
            )

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        if queryset is not None and not queryset.query.is_empty():
            raise ImproperlyConfigured(
                f"{type(self).__name__}'s choices are set by show_to(user) only (narrow them with `narrow=`)."
            )
        forms.ModelChoiceField.queryset.fset(self, queryset)

    queryset = property(_get_queryset, _set_queryset)

    @property
    def choices(self):
        if self.shown_to is None:
            return _NotShownYet(self)
        return super().choices

    @choices.setter
    def choices(self, value):
        # Only the offered list changes (a shorter list of proposals): what is accepted is still
        # checked against the queryset.
        self.require_user()
        super(_VisibleRecords, type(self)).choices.__set__(self, value)

    def get_limit_choices_to(self):
        return None  # Django's ModelForm would filter the queryset itself: show_to does

    def clean(self, value):
        self.require_user()
        return super().clean(value)

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        if hasattr(self, "_choices"):
            result._choices = copy.deepcopy(self._choices, memo)
        forms.ModelChoiceField.queryset.fset(result, self._queryset)
        return result


class RecordChoiceField(_VisibleRecords, forms.ModelChoiceField):
    """One record, among those the form's user may see."""


class RecordMultipleChoiceField(_VisibleRecords, forms.ModelMultipleChoiceField):
    """Records, among those the form's user may see."""


class _FilterRecordChoiceField(_VisibleRecords, django_filters.fields.ModelChoiceField):
    pass


class RecordChoiceFilter(django_filters.ModelChoiceFilter):
    """A list filter by one record, offering those the reader may see (bound by the list's
    `restrict_choices`, like every record choice)."""

    field_class = _FilterRecordChoiceField

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, queryset=model._default_manager.all(), **kwargs)


def formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """Every RecordForm's Meta.formfield_callback (set by RecordFormMetaclass: Django reads it
    from each form's own Meta only).

    Links to classified records become record choices (offered within the user's clearance).
    Adopts Django 6.0's default now: an address typed without a scheme is https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if model_field.is_relation and is_classified_model(model_field.related_model):
        many = model_field.many_to_many
        kwargs.setdefault("form_class", RecordMultipleChoiceField if many else RecordChoiceField)
    return model_field.formfield(**kwargs)


class RecordFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = formfield
        return super().__new__(mcs, name, bases, attrs)


class RecordForm(forms.ModelForm, metaclass=RecordFormMetaclass):
    """A ModelForm with native date pickers and text direction hints on bilingual fields, whose
    record choices are those `user` may see.

    Subclasses always list their fields explicitly (never "__all__"), so no request can set a
    field the form does not show. Built without `user` (the API reads its fields to describe
    itself), it refuses to list or accept any record.
    """

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            restrict_choices(self, user)
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
