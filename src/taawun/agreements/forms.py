from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.core.forms import RecordForm


class UnderstandingForm(RecordForm):
    class Meta:
        model = Understanding
        fields = [
            "kind",
            "title_ar",
            "title_en",
            "parties",
            "status",
            "signed_on",
            "effective_on",
            "expires_on",
            "domains",
            "signed_at",
            "summary",
            "classification",
        ]
        widgets = {
            "parties": forms.SelectMultiple(attrs={"size": 8}),
            "domains": forms.CheckboxSelectMultiple,
        }

    def clean_parties(self):
        parties = self.cleaned_data["parties"]
        if len(parties) < 2:
            raise forms.ValidationError(_("An understanding is between at least two parties."))
        return parties


class JointCommitteeForm(RecordForm):
    class Meta:
        model = JointCommittee
        fields = [
            "name_ar",
            "name_en",
            "parties",
            "understandings",
            "chair",
            "members",
            "meetings",
            "established_on",
            "mandate",
            "classification",
        ]
        widgets = {
            "parties": forms.SelectMultiple(attrs={"size": 8}),
            "members": forms.SelectMultiple(attrs={"size": 8}),
            "meetings": forms.SelectMultiple(attrs={"size": 6}),
        }

    def clean(self):
        cleaned = super().clean()
        parties = set(cleaned.get("parties") or [])
        if len(parties) < 2:
            self.add_error("parties", _("A joint committee has members from at least two parties."))
        for person in cleaned.get("members") or []:
            if parties and person.party not in parties:
                self.add_error(
                    "members",
                    _("%(person)s does not belong to one of the committee's parties.") % {"person": person},
                )
        chair = cleaned.get("chair")
        if chair is not None and parties and chair.party not in parties:
            self.add_error(
                "chair",
                _("%(person)s does not belong to one of the committee's parties.") % {"person": chair},
            )
        return cleaned


class ActionItemForm(RecordForm):
    class Meta:
        model = ActionItem
        fields = [
            "title",
            "description",
            "committee",
            "understanding",
            "engagement",
            "owner_party",
            "owner_person",
            "owner_agency",
            "due_on",
            "status",
            "progress",
            "classification",
        ]
