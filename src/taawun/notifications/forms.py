from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.notifications.models import Contact
from taawun.records.forms import RecordForm


class ContactForm(RecordForm):
    class Meta:
        model = Contact
        fields = ["person", "agency"]

    def clean(self):
        cleaned = super().clean()
        person, agency = cleaned.get("person"), cleaned.get("agency")
        if person and agency and person.agency_id and person.agency_id != agency.pk:
            self.add_error("agency", _("The person works for another agency."))
        return cleaned


class MarkReadForm(forms.Form):
    """Which notification to mark read (none: all of them)."""

    notification = forms.IntegerField(required=False, min_value=1)
