from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.notifications.models import Contact, ReminderRule
from taawun.notifications.wording import wording_errors
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


class ReminderRuleForm(forms.ModelForm):
    """A committee's reminder rule: offsets in days, counted before the due date or the next
    session, the wording (placeholders checked) and the escalation delay."""

    class Meta:
        model = ReminderRule
        fields = ["offsets", "relative_to", "subject", "body", "escalate_after_days"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def clean_offsets(self) -> str:
        parts = [part.strip() for part in self.cleaned_data["offsets"].replace("،", ",").split(",")]
        days = []
        for part in filter(None, parts):
            if not part.isdigit() or not 0 <= int(part) <= 365:
                raise forms.ValidationError(
                    _("Give whole numbers of days from 0 to 365, separated by commas.")
                )
            days.append(int(part))
        if not days:
            raise forms.ValidationError(_("Give at least one number of days."))
        return ", ".join(str(day) for day in sorted(set(days), reverse=True))

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")

    def _checked(self, field: str) -> str:
        text = self.cleaned_data[field]
        errors = wording_errors(text)
        if errors:
            raise forms.ValidationError(errors)
        return text
