from __future__ import annotations

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
