"""The programme item's form, its officer's choice, and the delegation's order of precedence."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from taawun.programmes.models import ProgrammeItem
from taawun.records.forms import RecordForm
from taawun.records.pickers import picker_for


def officers():
    """The users who may answer for an item: active, and allowed to change records."""
    user_model = get_user_model()
    roles = [user_model.Role.ADMINISTRATOR, user_model.Role.OFFICER]
    return user_model.objects.filter(is_active=True, role__in=roles).order_by("first_name", "username")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class ProgrammeItemForm(RecordForm):
    class Meta:
        model = ProgrammeItem
        fields = [
            "engagement",
            "day",
            "start_time",
            "end_time",
            "title_ar",
            "title_en",
            "kind",
            "place",
            "our_participants",
            "their_participants",
            "responsible_officer",
            "transport",
            "interpreters",
            "gifts_given",
            "gifts_received",
            "protocol_notes",
            "classification",
        ]
        field_classes = {"responsible_officer": OfficerChoiceField}
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in ProgrammeItem.LOGISTICS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        officer = self.fields.get("responsible_officer")
        if officer is not None:
            officer.queryset = officers()
            # A short list of the office's officers, filtered as typed.
            officer.widget = picker_for(officer)

    def clean(self):
        cleaned = super().clean()
        home = settings.TAAWUN_HOME_PARTY
        for person in cleaned.get("our_participants") or []:
            if person.party_id != home:
                self.add_error(
                    "our_participants",
                    _("%(person)s is not of our side.") % {"person": person},
                )
        engagement = cleaned.get("engagement")
        others = {party.pk for party in engagement.parties() if party.pk != home} if engagement else set()
        for person in cleaned.get("their_participants") or []:
            if person.party_id == home:
                self.add_error(
                    "their_participants",
                    _("%(person)s is of our side.") % {"person": person},
                )
            elif others and person.party_id not in others:
                self.add_error(
                    "their_participants",
                    _("%(person)s does not belong to a party of the engagement.") % {"person": person},
                )
        return cleaned


class DelegationOrderForm(forms.Form):
    """The order of precedence of an engagement's people: one number per person, 1 first."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for place, person in enumerate(self.people, start=1):
            self.fields[f"person_{person.pk}"] = forms.IntegerField(
                label=str(person), min_value=1, max_value=999, initial=place
            )

    def order(self) -> dict[int, int]:
        """person id -> precedence, as entered."""
        return {person.pk: self.cleaned_data[f"person_{person.pk}"] for person in self.people}
