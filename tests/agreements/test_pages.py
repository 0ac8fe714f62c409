"""The follow-up pages: lifecycle, progress updates, the committee page and the overdue page; and
understandings and action items written through the web."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from taawun.agreements.models import ActionItem, ActionItemUpdate, Understanding, UnderstandingStatusChange
from tests.pages import text
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

PERSONAS = ("administrator", "officer", "viewer", "auditor", "low_clearance", "outsider")
# An internal record: editors who see it may change it; readers may not (403); the public-only
# officer does not see it at all (404); anonymous visitors go to log in (302).
WRITE_ACCESS = {
    "administrator": 200,
    "officer": 200,
    "viewer": 403,
    "auditor": 403,
    "low_clearance": 404,
    "outsider": 302,
}


def client_for(persona: str, django_user_model) -> Client:
    return Client() if persona == "outsider" else logged_in(make_user(django_user_model, persona))


def url(name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


# --- access per persona --------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_transition_page_answers_each_persona(persona, make, django_user_model):
    understanding = make.understanding(title_en="Hidden from the public-only officer")
    response = client_for(persona, django_user_model).get(
        url("agreements:understanding_transition", understanding.pk)
    )
    assert response.status_code == WRITE_ACCESS[persona]
    if response.status_code == 404:
        assert b"Hidden from the public-only officer" not in response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_transition_is_posted_only_by_an_editor_who_sees_the_understanding(
    persona, make, django_user_model
):
    understanding = make.understanding(status="draft")
    client = client_for(persona, django_user_model)
    data = {"to": "negotiation", "reason": "Talks opened"}
    response = client.post(url("agreements:understanding_transition", understanding.pk), data)
    understanding.refresh_from_db()
    if WRITE_ACCESS[persona] == 200:
        assert response.status_code == 302 and understanding.status == "negotiation"
    else:
        assert response.status_code == WRITE_ACCESS[persona] and understanding.status == "draft"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_progress_page_answers_each_persona(persona, make, django_user_model):
    item = make.action_item(title="Hidden from the public-only officer")
    response = client_for(persona, django_user_model).get(url("agreements:actionitem_progress", item.pk))
    assert response.status_code == WRITE_ACCESS[persona]
    if response.status_code == 404:
        assert b"Hidden from the public-only officer" not in response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_progress_update_is_posted_only_by_an_editor_who_sees_the_item(persona, make, django_user_model):
    item = make.action_item(status="open", progress=0)
    client = client_for(persona, django_user_model)
    data = {"status": "in_progress", "progress": "40", "comment": "Started"}
    response = client.post(url("agreements:actionitem_progress", item.pk), data)
    item.refresh_from_db()
    if WRITE_ACCESS[persona] == 200:
        assert response.status_code == 302 and item.progress == 40
    else:
        assert response.status_code == WRITE_ACCESS[persona] and item.progress == 0


@pytest.mark.parametrize("classification", ["public", "internal", "secret"])
def test_the_overdue_page_shows_only_items_within_the_clearance(classification, make, django_user_model):
    make.action_item(title=f"Late {classification} item", due_on=days(-10), classification=classification)
    page = client_for("low_clearance", django_user_model).get(url("agreements:overdue")).content.decode()
    assert (f"Late {classification} item" in page) == (classification == "public")


# --- the lifecycle through the web ---------------------------------------------------------


def test_the_understanding_page_offers_only_the_allowed_next_statuses(officer_client, make):
    understanding = make.understanding(status="negotiation")
    page = officer_client.get(url("agreements:understanding_detail", understanding.pk)).content.decode()
    offered = {value for value in Understanding.Status.values if f'value="{value}"' in page}
    assert offered == {"signed", "draft", "terminated"}


def test_the_understanding_page_of_a_reader_offers_no_transition(viewer_client, make):
    understanding = make.understanding(status="negotiation")
    page = viewer_client.get(url("agreements:understanding_detail", understanding.pk)).content.decode()
    assert url("agreements:understanding_transition", understanding.pk) not in page


def test_a_transition_through_the_web_is_shown_in_the_history(officer_client, make):
    understanding = make.understanding(status="negotiation")
    response = officer_client.post(
        url("agreements:understanding_transition", understanding.pk),
        {"to": "signed", "reason": "Signed during the visit", "on": "2025-01-15"},
    )
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert (understanding.status, understanding.signed_on) == ("signed", dt.date(2025, 1, 15))
    page = officer_client.get(url("agreements:understanding_detail", understanding.pk)).content.decode()
    assert "Signed during the visit" in page


def test_a_forbidden_transition_through_the_web_changes_nothing(officer_client, make):
    understanding = make.understanding(status="draft")
    response = officer_client.post(
        url("agreements:understanding_transition", understanding.pk),
        {"to": "in_force", "reason": "Skip ahead"},
    )
    assert response.status_code == 400
    understanding.refresh_from_db()
    assert understanding.status == "draft" and not UnderstandingStatusChange.objects.exists()


def test_a_transition_without_a_reason_is_refused_in_arabic(officer_client, make):
    understanding = make.understanding(status="draft")
    response = officer_client.post(
        url("agreements:understanding_transition", understanding.pk, language="ar"), {"to": "negotiation"}
    )
    assert response.status_code == 400
    assert "هذا الحقل مطلوب." in response.content.decode()


def test_the_edit_page_does_not_change_the_status(officer_client, make):
    understanding = make.understanding(status="draft")
    data = {
        "record-kind": "mou",
        "record-title_ar": "مذكرة",
        "record-parties": ["SA", "SY"],
        "record-status": "in_force",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:understanding_update", understanding.pk), data)
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert understanding.status == "draft"


# --- progress through the web --------------------------------------------------------------


def test_an_htmx_update_returns_the_panel_with_the_new_entry(officer_client, make):
    item = make.action_item(status="open", progress=0)
    response = officer_client.post(
        url("agreements:actionitem_progress", item.pk),
        {"status": "in_progress", "progress": "35", "comment": "Liaison officer named"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    panel = response.content.decode()
    assert panel.startswith('<section id="progress-panel"') and "Liaison officer named" in panel
    assert "<html" not in panel


def test_marking_done_without_touching_the_percentage_records_one_hundred(officer_client, make):
    item = make.action_item(status="in_progress", progress=60)
    officer_client.post(url("agreements:actionitem_progress", item.pk), {"status": "done", "progress": "60"})
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)


def test_an_empty_update_is_refused_and_says_why(officer_client, make):
    item = make.action_item(status="open", progress=0)
    response = officer_client.post(
        url("agreements:actionitem_progress", item.pk), {"status": "open", "progress": "0", "comment": ""}
    )
    assert response.status_code == 400
    assert "Nothing to record" in response.content.decode()
    assert not ActionItemUpdate.objects.exists()


def test_the_item_page_shows_the_update_log(officer_client, make, officer):
    from taawun.agreements.services import action_item_update

    item = make.action_item()
    action_item_update(item=item, actor=officer, progress=15, comment="First draft of the plan")
    page = officer_client.get(url("agreements:actionitem_detail", item.pk)).content.decode()
    assert "First draft of the plan" in page and "0% → 15%" in page


# --- the committee page --------------------------------------------------------------------


def test_the_committee_page_shows_members_understandings_meetings_and_the_action_plan(officer_client, make):
    saudi = make.person("SA", name_en="Saudi member")
    syrian = make.person("SY", name_en="Syrian member")
    committee = make.committee(members=[saudi, syrian], chair=saudi)
    understanding = make.understanding(title_en="Security understanding")
    committee.understandings.add(understanding)
    meeting = make.engagement("SA", ["SY"], title_en="Second session")
    committee.meetings.add(meeting)
    make.action_item("SY", committee=committee, title="Exchange lists", progress=50)
    make.action_item("SA", committee=committee, title="Host the third session", status="done", progress=100)
    make.action_item("SY", committee=committee, title="Late item", due_on=days(-40))
    page = officer_client.get(url("agreements:jointcommittee_detail", committee.pk)).content.decode()
    for shown in [
        "Saudi member",
        "Syrian member",
        "Security understanding",
        "Second session",
        "Exchange lists",
        "Host the third session",
        "30 to 90 days",
    ]:
        assert shown in page, shown
    assert "<strong>50%</strong>" in page  # (50 + 100 + 0) / 3


def test_the_committee_page_hides_what_is_above_the_clearance(make, django_user_model):
    secret_person = make.person("SY", name_en="Secret member", classification="secret")
    committee = make.committee(members=[secret_person], chair=secret_person, classification="public")
    committee.understandings.add(make.understanding(title_en="Secret understanding", classification="secret"))
    committee.meetings.add(make.engagement("SA", ["SY"], title_en="Secret meeting", classification="secret"))
    make.action_item("SY", committee=committee, title="Secret item", classification="secret", progress=10)
    make.action_item("SY", committee=committee, title="Public item", classification="public", progress=70)
    client = client_for("low_clearance", django_user_model)
    page = client.get(url("agreements:jointcommittee_detail", committee.pk)).content.decode()
    for hidden in ["Secret member", "Secret understanding", "Secret meeting", "Secret item"]:
        assert hidden not in page, hidden
    assert "Public item" in page and "<strong>70%</strong>" in page


def test_the_item_table_hides_an_owner_above_the_clearance(make, django_user_model):
    owner = make.person("SY", name_en="Secret owner", classification="secret")
    committee = make.committee(classification="public")
    make.action_item("SY", committee=committee, owner_person=owner, classification="public")
    client = client_for("low_clearance", django_user_model)
    page = client.get(url("agreements:jointcommittee_detail", committee.pk)).content.decode()
    assert "Secret owner" not in page


def test_an_htmx_update_that_is_refused_shows_the_reason_in_the_panel(officer_client, make):
    item = make.action_item(status="open", progress=0)
    response = officer_client.post(
        url("agreements:actionitem_progress", item.pk),
        {"status": "done", "progress": "70"},
        HTTP_HX_REQUEST="true",
    )
    # htmx swaps in only 2xx answers, so the refusal comes back as 200 with the message in the panel.
    assert response.status_code == 200 and "A done item is at 100%." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.progress) == ("open", 0)


def test_a_terminated_understanding_offers_no_next_status(officer_client, make):
    understanding = make.understanding(status="terminated")
    detail = officer_client.get(url("agreements:understanding_detail", understanding.pk)).content.decode()
    page = officer_client.get(url("agreements:understanding_transition", understanding.pk)).content.decode()
    assert "This status is final." in detail and "This status is final." in page
    assert 'name="to"' not in detail + page


# --- writing through the web ------------------------------------------------------------------


def test_an_understanding_is_created_and_edited_through_the_web(officer_client):
    data = {
        "record-kind": "mou",
        "record-title_ar": "مذكرة تفاهم في مكافحة المخدرات",
        "record-parties": ["SA", "SY"],
        "record-status": "signed",
        "record-signed_on": "2024-05-01",
        "record-domains": ["narcotics"],
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:understanding_create", language="ar"), data)
    understanding = Understanding.objects.get()
    assert response.status_code == 302 and response["Location"] == understanding.get_absolute_url()
    assert sorted(p.code for p in understanding.parties.all()) == ["SA", "SY"]

    data.update({"record-effective_on": "2024-06-01", "record-parties": ["SA", "SY", "QA"]})
    response = officer_client.post(
        url("agreements:understanding_update", understanding.pk, language="ar"), data
    )
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert understanding.status == "signed"  # the edit form no longer sets the status
    assert understanding.effective_on == dt.date(2024, 6, 1)
    assert understanding.parties.count() == 3

    # The status moves through the lifecycle, with a reason.
    response = officer_client.post(
        url("agreements:understanding_transition", understanding.pk, language="ar"),
        {"to": "in_force", "reason": "Ratified"},
    )
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert understanding.status == "in_force"


def test_an_understanding_with_one_party_is_refused_through_the_web(officer_client):
    data = {
        "record-kind": "mou",
        "record-title_ar": "مذكرة",
        "record-parties": ["SY"],
        "record-status": "draft",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:understanding_create", language="en"), data)
    assert response.status_code == 400
    assert "An understanding is between at least two parties." in text(response)
    assert not Understanding.objects.exists()


def test_an_action_item_is_created_and_edited_through_the_web(officer_client, make):
    committee = make.committee()
    owner = make.person("SY")
    data = {
        "record-title": "تبادل ضباط الارتباط",
        "record-committee": committee.pk,
        "record-owner_party": "SY",
        "record-owner_person": owner.pk,
        "record-due_on": "2025-06-30",
        "record-status": "open",
        "record-progress": "0",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:actionitem_create", language="ar"), data)
    item = ActionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()

    data.update({"record-status": "done", "record-progress": "100"})
    response = officer_client.post(url("agreements:actionitem_update", item.pk, language="ar"), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)


def test_an_action_item_done_below_one_hundred_percent_is_not_saved(officer_client, make):
    item = make.action_item("SY", title="Unchanged")
    data = {
        "record-title": "Changed",
        "record-owner_party": "SY",
        "record-status": "done",
        "record-progress": "90",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:actionitem_update", item.pk, language="en"), data)
    assert response.status_code == 400
    assert "A done item is at 100%." in text(response)
    item.refresh_from_db()
    assert (item.title, item.status) == ("Unchanged", "open")
