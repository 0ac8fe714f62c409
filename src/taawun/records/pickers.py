"""Record pickers: a choice among thousands of records, found by typing instead of listed.

A form's choice of a person, an engagement, a source or a committee used to list every record
the user may see: at 100,000 engagements an engagement form rendered tens of thousands of
<option>s for its sources and participants and took seconds. A picker renders only the records
already chosen; the browser (web/static/taawun/pickers.js, over Tom Select) asks the record
type's choices address for those matching what is typed. What is posted is checked by the field
against the records the user may see, as before: the picker changes what is offered, never what
is accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View

from taawun.records import lookup


class _ChosenOnly:
    """A Select (or SelectMultiple) over a ModelChoiceIterator that renders only the chosen
    records, with what the browser needs to find others."""

    def __init__(self, *, url: str = "", label: Callable | None = None, attrs=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.label = label

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("size", None)  # a list box's height means nothing to a picker
        attrs["data-picker"] = "search" if self.url else "list"
        attrs["data-picker-placeholder"] = str(_("Type to search…") if self.url else _("Choose…"))
        attrs["data-picker-empty"] = str(_("Nothing found."))
        attrs["data-picker-remove"] = str(_("Remove"))
        if self.url:
            attrs["data-picker-url"] = self.url
            attrs["data-picker-short"] = str(_("Type at least two letters."))
        return attrs

    def _offered(self, value) -> list:
        """The choices rendered: those chosen (a searched picker), or every one (a listed
        picker), labelled as the record type's pickers label them."""
        iterator = self.choices
        field = getattr(iterator, "field", None)
        if field is None:  # choices set by the form (proposals): rendered as given
            return list(iterator)
        if not self.url:  # a listed picker: every record
            return self._empty_choice(field) + self._listed(iterator, field)
        wanted = {str(item) for item in value if item not in (None, "")}
        try:
            key = field.to_field_name or "pk"
            rows = list(iterator.queryset.filter(**{f"{key}__in": wanted})) if wanted else []
        except (ValueError, TypeError, ValidationError):  # a posted value that is no key
            rows = []
        return self._empty_choice(field) + self._labelled(iterator, rows)

    def _empty_choice(self, field) -> list:
        return (
            [("", field.empty_label)]
            if not self.allow_multiple_selected and field.empty_label is not None
            else []
        )

    def _labelled(self, iterator, rows) -> list:
        labelled = []
        for row in rows:
            key, label = iterator.choice(row)
            labelled.append((key, self.label(row) if self.label else label))
        return labelled

    def _listed(self, iterator, field) -> list:
        """Every record of a listed picker, read and labelled once per request and language: a
        review page offers the same few hundred partners in a dozen rows. A short list that is not
        of classified records (the review desk's domains and forms of cooperation) has no reader
        and is read each time."""
        reader = getattr(field, "shown_to", None)
        if reader is None:
            return self._labelled(iterator, iterator.queryset)
        cache = reader.__dict__.setdefault("_listed_choices", {})
        key = (str(iterator.queryset.query), get_language())
        if key not in cache:
            cache[key] = self._labelled(iterator, iterator.queryset)
        return cache[key]

    def optgroups(self, name, value, attrs=None):
        everything = self.choices
        self.choices = self._offered(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything


class RecordPicker(_ChosenOnly, forms.Select):
    """One record."""


class RecordsPicker(_ChosenOnly, forms.SelectMultiple):
    """Several records, shown as removable chips."""


def is_picker(widget) -> bool:
    return isinstance(widget, _ChosenOnly)


def picker_for(field, *, url: str = "", label: Callable | None = None) -> forms.Widget:
    """The picker widget replacing `field`'s select (its attributes kept)."""
    picker_class = RecordsPicker if isinstance(field.widget, forms.SelectMultiple) else RecordPicker
    picker = picker_class(url=url, label=label, attrs=dict(field.widget.attrs))
    picker.is_required = field.required
    picker.choices = field.choices
    return picker


class RecordChoicesView(LoginRequiredMixin, View):
    """JSON: the records of one type the user may see whose name holds the words typed (`q`),
    labelled as the pickers show them."""

    crud = None  # set by as_view(crud=...)
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        query = lookup.typed(request.GET.get("q"))
        found = self.crud.find_choices(request.user, query) if query else []
        return JsonResponse(
            {
                "results": [
                    {"id": str(record.pk), "label": self.crud.choice_text(record, request.user)}
                    for record in found
                ]
            }
        )
