"""Model rules of understandings, joint committees and action items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from taawun.agreements.models import ActionItem, JointCommittee, Understanding

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2024, 5, 1)


def new_understanding(**fields) -> Understanding:
    fields.setdefault("title_ar", "مذكرة تفاهم")
    return Understanding(**fields)


class TestUnderstanding:
    def test_it_accepts_a_draft_without_dates(self, errors_of):
        assert errors_of(new_understanding()) == {}

    def test_it_accepts_signature_entry_into_force_and_expiry_in_order(self, errors_of):
        record = new_understanding(
            status=Understanding.Status.IN_FORCE,
            signed_on=SIGNED,
            effective_on=SIGNED,
            expires_on=dt.date(2029, 5, 1),
        )
        assert errors_of(record) == {}

    def test_it_rejects_an_entry_into_force_before_the_signature(self, errors_of):
        record = new_understanding(signed_on=SIGNED, effective_on=SIGNED - dt.timedelta(days=1))
        with translation.override("en"):
            assert errors_of(record) == {"effective_on": ["It cannot come into force before it is signed."]}

    @pytest.mark.parametrize("days", [0, -1])
    def test_it_rejects_an_expiry_not_after_the_signature(self, errors_of, days):
        record = new_understanding(signed_on=SIGNED, expires_on=SIGNED + dt.timedelta(days=days))
        with translation.override("en"):
            assert errors_of(record) == {
                "expires_on": ["The expiry must come after the signature and the entry into force."]
            }

    def test_it_rejects_an_expiry_before_the_entry_into_force(self, errors_of):
        record = new_understanding(
            signed_on=SIGNED, effective_on=dt.date(2024, 9, 1), expires_on=dt.date(2024, 8, 1)
        )
        assert list(errors_of(record)) == ["expires_on"]

    def test_it_rejects_an_expiry_before_an_entry_into_force_without_signature_date(self, errors_of):
        record = new_understanding(effective_on=dt.date(2024, 9, 1), expires_on=dt.date(2024, 8, 1))
        assert list(errors_of(record)) == ["expires_on"]

    @pytest.mark.parametrize(
        "status",
        [
            Understanding.Status.SIGNED,
            Understanding.Status.IN_FORCE,
            Understanding.Status.EXPIRING,
            Understanding.Status.RENEWED,
        ],
    )
    def test_it_rejects_a_signed_status_without_a_signature_date(self, errors_of, status):
        with translation.override("en"):
            errors = errors_of(new_understanding(status=status))
        assert errors == {"signed_on": ["A signed understanding needs its date of signature."]}

    @pytest.mark.parametrize("status", [Understanding.Status.DRAFT, Understanding.Status.NEGOTIATION])
    def test_it_accepts_an_unsigned_status_without_a_signature_date(self, errors_of, status):
        assert errors_of(new_understanding(status=status)) == {}

    def test_it_rejects_an_empty_title_in_both_languages(self, errors_of):
        with translation.override("en"):
            errors = errors_of(new_understanding(title_ar=" ", title_en=""))
        assert errors == {"title_ar": ["Give a title in Arabic or in English."]}

    def test_it_rejects_an_unknown_status(self, errors_of):
        assert list(errors_of(new_understanding(status="lost"))) == ["status"]


class TestJointCommittee:
    def test_it_accepts_a_name_in_one_language(self, errors_of):
        assert errors_of(JointCommittee(name_en="Saudi-Syrian security committee")) == {}

    def test_it_rejects_a_committee_without_a_name(self, errors_of):
        with translation.override("en"):
            errors = errors_of(JointCommittee(name_ar=" ", name_en=""))
        assert errors == {"name_ar": ["Give the name in Arabic or in English."]}


class TestActionItem:
    def test_it_accepts_an_owner_of_the_responsible_side(self, make, errors_of):
        agency = make.agency("SY")
        item = ActionItem(
            title="Exchange liaison officers",
            owner_party=make.party("SY"),
            owner_person=make.person("SY", agency=agency),
            owner_agency=agency,
        )
        assert errors_of(item) == {}

    def test_it_rejects_an_owner_person_of_the_other_side(self, make, errors_of):
        item = ActionItem(title="x", owner_party=make.party("SY"), owner_person=make.person("SA"))
        with translation.override("en"):
            assert errors_of(item) == {"owner_person": ["The owner must belong to the responsible side."]}

    def test_it_rejects_an_owner_agency_of_the_other_side(self, make, errors_of):
        item = ActionItem(title="x", owner_party=make.party("SY"), owner_agency=make.agency("SA"))
        with translation.override("en"):
            assert errors_of(item) == {"owner_agency": ["The agency must belong to the responsible side."]}

    @pytest.mark.parametrize("progress", [0, 50, 99])
    def test_it_rejects_a_done_item_below_one_hundred_percent(self, make, errors_of, progress):
        item = ActionItem(title="x", owner_party=make.party("SY"), status="done", progress=progress)
        with translation.override("en"):
            assert errors_of(item) == {"progress": ["A done item is at 100%."]}

    def test_it_accepts_a_done_item_at_one_hundred_percent(self, make, errors_of):
        item = ActionItem(title="x", owner_party=make.party("SY"), status="done", progress=100)
        assert errors_of(item) == {}

    def test_it_rejects_progress_above_one_hundred_percent(self, make, errors_of):
        item = ActionItem(title="x", owner_party=make.party("SY"), progress=101)
        assert list(errors_of(item)) == ["progress"]

    def test_it_rejects_a_blank_title(self, make, errors_of):
        item = ActionItem(title="   ", owner_party=make.party("SY"))
        with translation.override("en"):
            assert errors_of(item) == {"title": ["Give the action item a title."]}

    def test_it_needs_a_responsible_side(self, errors_of):
        assert "owner_party" in errors_of(ActionItem(title="x"))
