"""The lifecycle of an understanding: the full transition table, what each step records, and refusals."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from taawun.agreements.forms import UnderstandingForm, UnderstandingUpdateForm
from taawun.agreements.lifecycle import TRANSITIONS, allowed_next
from taawun.agreements.models import Understanding, UnderstandingStatusChange
from taawun.agreements.services import TransitionNotAllowed, understanding_transition
from taawun.audit.models import AuditEntry
from tests.personas import cleared_officer

pytestmark = pytest.mark.django_db

S = Understanding.Status
SIGNED_ON = dt.date(2024, 1, 10)
EVENT_ON = dt.date(2024, 6, 1)
NOW = timezone.make_aware(dt.datetime(2024, 6, 1, 9, 30))

ALLOWED = {
    (S.DRAFT, S.NEGOTIATION),
    (S.DRAFT, S.TERMINATED),
    (S.NEGOTIATION, S.SIGNED),
    (S.NEGOTIATION, S.DRAFT),
    (S.NEGOTIATION, S.TERMINATED),
    (S.SIGNED, S.IN_FORCE),
    (S.SIGNED, S.TERMINATED),
    (S.IN_FORCE, S.EXPIRING),
    (S.IN_FORCE, S.EXPIRED),
    (S.IN_FORCE, S.RENEWED),
    (S.IN_FORCE, S.TERMINATED),
    (S.EXPIRING, S.EXPIRED),
    (S.EXPIRING, S.RENEWED),
    (S.EXPIRING, S.TERMINATED),
    (S.EXPIRED, S.RENEWED),
    (S.RENEWED, S.IN_FORCE),
    (S.RENEWED, S.TERMINATED),
}
EVERY_PAIR = list(itertools.product(S.values, S.values))
UNSIGNED = {S.DRAFT, S.NEGOTIATION}


def understanding_in(make, status: str) -> Understanding:
    """An understanding in `status` with dates that status needs (set directly: a starting point)."""
    dates = {} if status in UNSIGNED else {"signed_on": SIGNED_ON, "expires_on": dt.date(2029, 1, 10)}
    if status not in UNSIGNED | {S.SIGNED}:
        dates["effective_on"] = SIGNED_ON
    return make.understanding(status=status, **dates)


def test_the_table_in_the_code_is_the_documented_one():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED
    assert set(TRANSITIONS) == set(S.values)


def test_terminated_is_final():
    assert allowed_next(S.TERMINATED) == ()


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_an_allowed_transition_changes_the_status_and_records_who_when_and_why(
    make, officer, from_status, to_status
):
    understanding = understanding_in(make, from_status)
    change = understanding_transition(
        understanding=understanding, to=to_status, actor=officer, reason="Agreed in the meeting", now=NOW
    )
    understanding.refresh_from_db()
    assert understanding.status == to_status
    assert (change.from_status, change.to_status) == (from_status, to_status)
    assert (change.changed_by, change.changed_at, change.reason) == (officer, NOW, "Agreed in the meeting")
    entries = AuditEntry.objects.filter(user_id=officer.pk).order_by("seq")
    assert [(e.action, e.model_label) for e in entries] == [
        ("update", "agreements.understanding"),
        ("create", "agreements.understandingstatuschange"),
    ]
    assert entries[0].changes["status"] == {"old": from_status, "new": to_status}


@pytest.mark.parametrize(
    ("from_status", "to_status"), sorted(pair for pair in EVERY_PAIR if pair not in ALLOWED)
)
def test_a_forbidden_transition_is_refused_and_writes_nothing(make, officer, from_status, to_status):
    understanding = understanding_in(make, from_status)
    with pytest.raises(TransitionNotAllowed):
        understanding_transition(understanding=understanding, to=to_status, actor=officer, reason="Try")
    understanding.refresh_from_db()
    assert understanding.status == from_status
    assert not UnderstandingStatusChange.objects.exists()
    assert not AuditEntry.objects.filter(user_id=officer.pk).exists()


def test_the_refusal_names_both_statuses_in_the_readers_language(make, officer):
    understanding = understanding_in(make, S.DRAFT)
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as refused:
        understanding_transition(understanding=understanding, to=S.IN_FORCE, actor=officer, reason="x")
    assert refused.value.message_dict == {"to": ["An understanding cannot go from “Draft” to “In force”."]}


def test_an_unknown_status_is_refused(make, officer):
    with pytest.raises(ValidationError):
        understanding_transition(
            understanding=understanding_in(make, S.DRAFT), to="lost", actor=officer, reason="x"
        )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_transition_needs_a_reason(make, officer, reason):
    understanding = understanding_in(make, S.DRAFT)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        understanding_transition(understanding=understanding, to=S.NEGOTIATION, actor=officer, reason=reason)
    assert refused.value.message_dict == {"reason": ["Say why the status changes."]}
    understanding.refresh_from_db()
    assert understanding.status == S.DRAFT


def test_signing_records_the_date_of_signature(make, officer):
    understanding = understanding_in(make, S.NEGOTIATION)
    understanding_transition(
        understanding=understanding, to=S.SIGNED, actor=officer, reason="Signed in Riyadh", on=EVENT_ON
    )
    assert understanding.signed_on == EVENT_ON


def test_entry_into_force_records_its_date_and_keeps_the_signature_date(make, officer):
    understanding = make.understanding(status=S.SIGNED, signed_on=SIGNED_ON)
    understanding_transition(
        understanding=understanding, to=S.IN_FORCE, actor=officer, reason="Ratified", on=EVENT_ON
    )
    assert (understanding.signed_on, understanding.effective_on) == (SIGNED_ON, EVENT_ON)


def test_entry_into_force_before_the_signature_is_refused_and_nothing_is_written(make, officer):
    understanding = make.understanding(status=S.SIGNED, signed_on=SIGNED_ON)
    with pytest.raises(ValidationError) as refused:
        understanding_transition(
            understanding=understanding,
            to=S.IN_FORCE,
            actor=officer,
            reason="x",
            on=SIGNED_ON - dt.timedelta(days=1),
        )
    assert "effective_on" in refused.value.message_dict
    understanding.refresh_from_db()
    assert (understanding.status, understanding.effective_on) == (S.SIGNED, None)
    assert not UnderstandingStatusChange.objects.exists()


def test_a_renewal_moves_the_expiry_later(make, officer):
    understanding = understanding_in(make, S.EXPIRING)
    understanding_transition(
        understanding=understanding,
        to=S.RENEWED,
        actor=officer,
        reason="Renewal protocol",
        expires_on=dt.date(2034, 1, 10),
    )
    assert understanding.expires_on == dt.date(2034, 1, 10)


def test_a_renewal_cannot_bring_the_expiry_forward(make, officer):
    understanding = understanding_in(make, S.EXPIRING)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        understanding_transition(
            understanding=understanding,
            to=S.RENEWED,
            actor=officer,
            reason="x",
            expires_on=dt.date(2028, 1, 1),
        )
    assert refused.value.message_dict == {"expires_on": ["A renewal moves the expiry later than it was."]}
    understanding.refresh_from_db()
    assert understanding.status == S.EXPIRING


def test_the_history_reads_newest_first(make, officer):
    understanding = understanding_in(make, S.DRAFT)
    for step, to_status in enumerate([S.NEGOTIATION, S.SIGNED]):
        understanding_transition(
            understanding=understanding,
            to=to_status,
            actor=officer,
            reason=f"step {step}",
            now=NOW + dt.timedelta(hours=step),
        )
    assert [c.to_status for c in understanding.status_changes.all()] == [S.SIGNED, S.NEGOTIATION]


# --- forms ---------------------------------------------------------------------------------


def test_the_edit_form_does_not_offer_the_status():
    assert "status" not in UnderstandingUpdateForm.base_fields


def test_the_edit_form_ignores_a_status_sent_anyway(make):
    understanding = make.understanding(status=S.DRAFT)
    data = {
        "kind": "mou",
        "title_ar": "مذكرة",
        "parties": ["SA", "SY"],
        "status": "in_force",
        "classification": "internal",
    }
    form = UnderstandingUpdateForm(user=cleared_officer(), data=data, instance=understanding)
    assert form.is_valid(), form.errors
    assert form.save().status == S.DRAFT


def test_a_new_understanding_is_recorded_in_the_status_it_is_in():
    # An understanding signed years ago is recorded as in force straight away.
    assert "status" in UnderstandingForm.base_fields
