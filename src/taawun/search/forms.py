"""The search form: the words, and the filters (record type, partner, domain, dates)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.core.widgets import DateInput
from taawun.records.visibility import restrict_choices
from taawun.registry.forms import PartyChoiceField
from taawun.registry.models import Domain
from taawun.search.indexing import KINDS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=200,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "dir": "auto"}),
    )
    kind = forms.ChoiceField(label=_("Record type"), required=False)
    party = PartyChoiceField(label=_("Partner"), required=False, empty_label=_("All partners"))
    domain = forms.ModelChoiceField(
        label=_("Domain"),
        queryset=Domain.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All domains"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types"))] + [
            (kind.key, kind.label_plural) for kind in KINDS
        ]
        restrict_choices(self, user)  # partners above the reader's clearance are not offered

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period cannot be before its start."))
        return cleaned
