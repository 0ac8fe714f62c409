"""Forms of understandings, joint committees and action items."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from taawun.agreements.forms import ActionItemForm, JointCommitteeForm, UnderstandingForm
from tests.personas import cleared_officer

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")


def errors(form_class, data, *, language="en") -> dict[str, list[str]]:
    data = {"classification": "internal", **data}
    with translation.override(language):
        form = form_class(data=data, user=cleared_officer())
        form.is_valid()
        return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def understanding_data(**overrides) -> dict:
    data = {
        "kind": "mou",
        "title_ar": "مذكرة تفاهم أمنية",
        "parties": ["SA", "SY"],
        "status": "draft",
        "classification": "internal",
    }
    data.update(overrides)
    return data


def committee_data(**overrides) -> dict:
    data = {"name_ar": "اللجنة الأمنية المشتركة", "parties": ["SA", "SY"], "classification": "internal"}
    data.update(overrides)
    return data


def action_data(**overrides) -> dict:
    data = {
        "title": "Exchange liaison officers",
        "owner_party": "SY",
        "status": "open",
        "progress": "0",
        "classification": "internal",
    }
    data.update(overrides)
    return data


# --- Understanding --------------------------------------------------------------------------


def test_the_understanding_form_accepts_two_parties():
    form = UnderstandingForm(user=cleared_officer(), data=understanding_data())
    assert form.is_valid(), form.errors
    assert sorted(p.code for p in form.save().parties.all()) == ["SA", "SY"]


def test_the_understanding_form_rejects_a_single_party():
    found = errors(UnderstandingForm, understanding_data(parties=["SY"]))
    assert found == {"parties": ["An understanding is between at least two parties."]}


def test_the_understanding_form_rejects_no_party_in_both_languages():
    assert errors(UnderstandingForm, understanding_data(parties=[]))["parties"] == ["This field is required."]
    assert errors(UnderstandingForm, understanding_data(parties=[]), language="ar")["parties"] == [
        "هذا الحقل مطلوب."
    ]


def test_the_understanding_form_rejects_a_signed_status_without_date():
    found = errors(UnderstandingForm, understanding_data(status="in_force"))
    assert found == {"signed_on": ["A signed understanding needs its date of signature."]}


def test_the_understanding_form_rejects_dates_out_of_order():
    found = errors(
        UnderstandingForm,
        understanding_data(signed_on="2024-05-01", effective_on="2024-04-01", expires_on="2024-03-01"),
    )
    assert set(found) == {"effective_on", "expires_on"}


def test_the_single_party_message_speaks_arabic_in_arabic():
    (message,) = errors(UnderstandingForm, understanding_data(parties=["SY"]), language="ar")["parties"]
    assert ARABIC.search(message) and "at least two" not in message


# --- Joint committee ------------------------------------------------------------------------


def test_the_committee_form_accepts_members_of_its_parties(make):
    saudi, syrian = make.person("SA"), make.person("SY")
    form = JointCommitteeForm(
        user=cleared_officer(), data=committee_data(chair=saudi.pk, members=[saudi.pk, syrian.pk])
    )
    assert form.is_valid(), form.errors


def test_the_committee_form_rejects_a_member_of_another_party(make):
    qatari = make.person("QA", name_ar="", name_en="Khalid")
    found = errors(JointCommitteeForm, committee_data(members=[qatari.pk]))
    assert found == {"members": ["Khalid does not belong to one of the committee's parties."]}


def test_the_committee_form_rejects_a_chair_of_another_party(make):
    qatari = make.person("QA", name_ar="", name_en="Khalid")
    found = errors(JointCommitteeForm, committee_data(chair=qatari.pk))
    assert "Khalid does not belong to one of the committee's parties." in sum(found.values(), [])


def test_the_committee_form_reports_a_foreign_chair_on_the_chair_field(make):
    qatari = make.person("QA", name_ar="", name_en="Khalid")
    found = errors(JointCommitteeForm, committee_data(chair=qatari.pk))
    assert list(found) == ["chair"]


def test_the_committee_form_rejects_a_single_party():
    found = errors(JointCommitteeForm, committee_data(parties=["SY"]))
    assert found == {"parties": ["A joint committee has members from at least two parties."]}


def test_the_committee_form_rejects_a_committee_without_a_name():
    found = errors(JointCommitteeForm, committee_data(name_ar="", name_en=""))
    assert found == {"name_ar": ["Give the name in Arabic or in English."]}


# --- Action item ----------------------------------------------------------------------------


def test_the_action_item_form_accepts_a_valid_item(make):
    form = ActionItemForm(
        user=cleared_officer(), data=action_data(owner_person=make.person("SY").pk, due_on="2025-06-30")
    )
    assert form.is_valid(), form.errors


def test_the_action_item_form_rejects_an_owner_of_the_wrong_side(make):
    found = errors(ActionItemForm, action_data(owner_person=make.person("SA").pk))
    assert found == {"owner_person": ["The owner must belong to the responsible side."]}


def test_the_action_item_form_rejects_an_agency_of_the_wrong_side(make):
    found = errors(ActionItemForm, action_data(owner_agency=make.agency("SA").pk))
    assert found == {"owner_agency": ["The agency must belong to the responsible side."]}


def test_the_action_item_form_rejects_done_below_one_hundred_percent():
    found = errors(ActionItemForm, action_data(status="done", progress="80"))
    assert found == {"progress": ["A done item is at 100%."]}


def test_the_action_item_form_reports_progress_above_one_hundred_in_arabic():
    found = errors(ActionItemForm, action_data(progress="150"), language="ar")
    assert found == {"progress": ["تحقق من أن تكون هذه القيمة أقل من 100 أو مساوية لها."]}


def test_the_action_item_form_reports_a_missing_title_in_arabic():
    found = errors(ActionItemForm, action_data(title=""), language="ar")
    assert list(found) == ["title"] and found["title"][0] == "هذا الحقل مطلوب."


def test_the_wrong_side_message_speaks_arabic_in_arabic(make):
    found = errors(ActionItemForm, action_data(owner_person=make.person("SA").pk), language="ar")
    assert ARABIC.search(found["owner_person"][0]) and "responsible side" not in found["owner_person"][0]
