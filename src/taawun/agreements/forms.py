from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import LEVELS, level
from taawun.agreements.lifecycle import allowed_next
from taawun.agreements.models import ActionItem, AgendaItem, CommitteeSession, JointCommittee, Understanding
from taawun.core.widgets import DateInput
from taawun.records.forms import RecordForm


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


class UnderstandingUpdateForm(UnderstandingForm):
    """Editing an understanding: everything but its status, which changes only through the
    lifecycle (UnderstandingTransitionForm, services.understanding_transition). The status is
    chosen once, when an understanding is first recorded (it may already be in force then)."""

    class Meta(UnderstandingForm.Meta):
        fields = [name for name in UnderstandingForm.Meta.fields if name != "status"]


class UnderstandingTransitionForm(forms.Form):
    """The next step of an understanding's lifecycle, among those allowed from its status."""

    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    on = forms.DateField(
        label=_("Date of the event"),
        required=False,
        widget=DateInput(),
        help_text=_("Recorded as the date of signature or of entry into force where none is recorded yet."),
    )
    expires_on = forms.DateField(
        label=_("New expiry (renewal)"),
        required=False,
        widget=DateInput(),
        help_text=_("Only for a renewal."),
    )

    def __init__(self, *args, understanding: Understanding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", "—")] + [
            (status, Understanding.Status(status).label) for status in allowed_next(understanding.status)
        ]


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


class ActionItemProgressForm(forms.Form):
    """A short update of an action item: status, progress, and what happened."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class CommitteeSessionForm(RecordForm):
    """A session of a joint committee; its agenda is edited in the formset below it
    (AgendaFormSet). The number is given in order when left empty (services.session_save)."""

    class Meta:
        model = CommitteeSession
        fields = [
            "committee",
            "number",
            "held_on",
            "place_country",
            "place_city",
            "chair_ours",
            "chair_theirs",
            "engagement",
            "notes",
            "classification",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class AgendaItemForm(RecordForm):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "status", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 2})}


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    # The API matches an agenda item sent again to the one stored by these (api.resources.Inline).
    api_keys = ("position", "title")


AgendaFormSet = forms.inlineformset_factory(
    CommitteeSession,
    AgendaItem,
    form=AgendaItemForm,
    formset=BaseAgendaFormSet,
    fields=["position", "title", "status", "outcome"],
    extra=3,
    can_delete=True,
)


def visible_levels_up_to(classification: str) -> list[str]:
    """The clearances that reach a record of this classification (its own and every higher one)."""
    return [value for value, rank in LEVELS.items() if rank >= level(classification)]


class AssignForm(forms.Form):
    """Assign a user to an action item: the choice lists only active users cleared for the item
    (the service checks again)."""

    # Narrowed per item in __init__; the class-level queryset names the model for whoever inspects
    # the form's fields (tests/records/test_record_choices.py walks every form's record fields).
    user = forms.ModelChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none())

    def __init__(self, data=None, *, item: ActionItem):
        super().__init__(data)
        cleared = visible_levels_up_to(item.classification)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, clearance__in=cleared)
            .exclude(assigned_action_items=item)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, strip=True
    )
