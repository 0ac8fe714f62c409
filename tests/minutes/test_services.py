"""The minutes' rules (issue 21, item 3): of one session or engagement, classified at least as it;
items numbered, classified at least as the minutes, commitments owed by a side of the meeting;
approval records the text's hash, and an edit of the text reopens approved minutes visibly;
each commitment becomes one action item, never two."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from taawun.agreements.models import ActionItem
from taawun.audit.models import AuditEntry
from taawun.minutes import services
from taawun.minutes.models import MinuteItem, Minutes
from tests.factories import validation_errors
from tests.minutes.helpers import item_values, minutes_form, write_minutes
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(make):
    committee = make.committee(("SA", "SY"))
    return make.session(committee, held_on=dt.date(2026, 3, 10))


def commitment(side="SY", **fields) -> dict:
    return {"kind": "commitment", "owner_side": side, "text_ar": "تزويد الجانب الآخر بالقوائم", **fields}


# --- the record ---------------------------------------------------------------------------------


def test_minutes_are_of_exactly_one_record(make, session):
    engagement = make.engagement()
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.create(session=session, engagement=engagement)
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.create()
    errors = validation_errors(Minutes(session=session, engagement=engagement))
    assert "session" in errors


def test_minutes_are_classified_at_least_as_their_session_or_engagement(make):
    session = make.session(make.committee(classification="restricted"), classification="confidential")
    errors = validation_errors(Minutes(session=session, classification="restricted"))
    assert "classification" in errors
    assert "classification" not in validation_errors(Minutes(session=session, classification="secret"))
    engagement = make.engagement(classification="restricted")
    assert "classification" in validation_errors(Minutes(engagement=engagement, classification="internal"))


def test_one_minutes_per_session(make, session):
    make.minutes(session)
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.create(session=session)


# --- saving through the form ---------------------------------------------------------------------


def test_items_left_at_zero_are_numbered_in_order(officer_client, session):
    minutes = write_minutes(
        officer_client,
        session,
        items=[{"text_ar": "القرار الأول"}, {"kind": "recommendation", "text_ar": "توصية"}, commitment()],
    )
    assert [(i.position, i.kind) for i in minutes.items.all()] == [
        (1, "decision"),
        (2, "recommendation"),
        (3, "commitment"),
    ]


def test_a_commitment_is_owed_by_our_side_or_a_party_of_the_committee(officer_client, make, session):
    ours = make.person("SA")
    qatari = make.person("QA")
    theirs = make.person("SY")
    ok = minutes_form(
        session,
        items=[commitment("SA", owner_person=ours.pk), commitment("SY", owner_person=theirs.pk)],
    )
    assert officer_client.post(reverse("minutes:minutes_create"), ok).status_code == 302
    Minutes.objects.all().delete()
    # Qatar is not a party of this committee.
    refused = minutes_form(session, items=[commitment("QA", owner_person=qatari.pk)])
    response = officer_client.post(reverse("minutes:minutes_create"), refused)
    assert response.status_code == 400 and not Minutes.objects.exists()
    # The owner belongs to the responsible side.
    wrong_person = minutes_form(session, items=[commitment("SY", owner_person=ours.pk)])
    response = officer_client.post(reverse("minutes:minutes_create"), wrong_person)
    assert response.status_code == 400 and not Minutes.objects.exists()


def test_a_commitment_of_an_engagement_is_owed_by_its_host_or_a_guest(officer_client, make):
    engagement = make.engagement("SA", ["JO"])
    write_minutes(officer_client, engagement, items=[commitment("JO")])
    Minutes.objects.all().delete()
    response = officer_client.post(
        reverse("minutes:minutes_create"), minutes_form(engagement, items=[commitment("SY")])
    )
    assert response.status_code == 400


def test_only_a_commitment_has_an_owner_and_a_due_date(errors_of, make, session):
    minutes = make.minutes(session)
    item = MinuteItem(minutes=minutes, kind="decision", text_ar="قرار", owner_side=make.party("SY"))
    assert "owner_side" in errors_of(item)
    item = MinuteItem(minutes=minutes, kind="commitment", text_ar="التزام")
    assert "owner_side" in errors_of(item)
    assert "text_ar" in errors_of(MinuteItem(minutes=minutes, kind="decision"))


def test_an_item_is_classified_at_least_as_the_minutes(officer_client, make):
    session = make.session(make.committee(classification="restricted"), classification="restricted")
    response = officer_client.post(
        reverse("minutes:minutes_create"),
        minutes_form(session, items=[{"text_ar": "قرار", "classification": "internal"}]),
    )
    assert response.status_code == 400 and not Minutes.objects.exists()
    write_minutes(officer_client, session, items=[{"text_ar": "قرار", "classification": "secret"}])


def test_a_commitment_comes_from_a_decision_of_the_same_minutes(officer_client, session):
    response = officer_client.post(
        reverse("minutes:minutes_create"),
        minutes_form(
            session, items=[{"text_ar": "قرار", "position": 1}, commitment(position=2, from_decision=5)]
        ),
    )
    assert response.status_code == 400
    minutes = write_minutes(
        officer_client,
        session,
        items=[{"text_ar": "قرار", "position": 1}, commitment(position=2, from_decision=1)],
    )
    assert minutes.items.get(position=2).from_decision == 1


# --- approval ------------------------------------------------------------------------------------


def test_approval_records_who_when_and_the_hash_of_the_canonical_text(officer, make, session):
    minutes = make.minutes(session, items=[{"text_ar": "قرار"}, commitment()])
    approval = services.minutes_approve(minutes=minutes, actor=officer)
    minutes.refresh_from_db()
    assert minutes.is_approved and approval.approved_by == officer
    assert approval.text_hash == hashlib.sha256(minutes.canonical_text().encode()).hexdigest()
    # The canonical text holds each item in order with its kind, texts, classification, owner and due date.
    text_form = minutes.canonical_text()
    assert text_form.index('"kind":"decision"') < text_form.index('"kind":"commitment"')
    assert '"owner_side":"SY"' in text_form
    assert AuditEntry.objects.filter(
        model_label="minutes.approval", note__contains=approval.text_hash
    ).exists()


def test_an_edit_of_the_text_reopens_approved_minutes_and_keeps_the_approval(
    officer_client, officer, make, session
):
    minutes = make.minutes(session, items=[{"text_ar": "قرار"}])
    first = services.minutes_approve(minutes=minutes, actor=officer)
    item = minutes.items.get()
    # Saved again unchanged: still approved.
    response = officer_client.post(
        reverse("minutes:minutes_update", args=[minutes.pk]), minutes_form(session, existing=[item])
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.is_approved
    # The text changed: back to draft, the approval kept and marked.
    changed = minutes_form(session, existing=[item])
    changed["fs0-0-text_ar"] = "قرار معدل"
    assert (
        officer_client.post(reverse("minutes:minutes_update", args=[minutes.pk]), changed).status_code == 302
    )
    minutes.refresh_from_db()
    first.refresh_from_db()
    assert minutes.status == "draft"
    assert first.reopened_by == officer and first.reopened_at is not None
    page = text(officer_client.get(minutes.get_absolute_url()))
    assert first.text_hash in page
    # "approved by X on D, reopened by Y's edit on D2", in the reader's language.
    assert re.search(r"اعتمده Officer في .*وأعاد فتحه تعديل أجراه Officer في", page)
    # Approved again: a second approval with the new hash; the first stays.
    second = services.minutes_approve(minutes=minutes, actor=officer)
    assert second.text_hash != first.text_hash
    assert list(minutes.approvals.order_by("approved_at")) == [first, second]


def test_an_item_added_to_approved_minutes_reopens_them(officer_client, officer, make, session):
    minutes = make.minutes(session, items=[{"text_ar": "قرار"}])
    services.minutes_approve(minutes=minutes, actor=officer)
    data = minutes_form(session, existing=list(minutes.items.all()), items=[{"text_ar": "قرار جديد"}])
    assert officer_client.post(reverse("minutes:minutes_update", args=[minutes.pk]), data).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == "draft"


def test_approval_is_refused_twice_without_items_and_to_an_approver_not_cleared_for_every_item(
    officer, low_clearance, make
):
    session = make.session(make.committee(classification="public"), classification="public")
    empty = make.minutes(session)
    with pytest.raises(services.ValidationError):
        services.minutes_approve(minutes=empty, actor=officer)
    other = make.session(session.committee, classification="public")
    minutes = make.minutes(other, items=[{"text_ar": "قرار"}, {"text_ar": "سري", "classification": "secret"}])
    with pytest.raises(services.ValidationError):
        services.minutes_approve(minutes=minutes, actor=low_clearance)
    services.minutes_approve(minutes=minutes, actor=officer)
    with pytest.raises(services.ValidationError):
        services.minutes_approve(minutes=minutes, actor=officer)


# --- commitments become action items --------------------------------------------------------------


def test_each_commitment_becomes_one_action_item_on_approval(officer, make, session):
    owner = make.person("SY")
    minutes = make.minutes(
        session,
        items=[
            {"text_ar": "اعتماد خطة التعاون", "text_en": "The plan is adopted"},
            commitment(
                owner_person=owner, due_on=dt.date(2026, 6, 30), from_decision=1, classification="restricted"
            ),
            commitment("SA", text_ar="تنظيم دورة تدريبية"),
        ],
    )
    services.minutes_approve(minutes=minutes, actor=officer)
    first, second = minutes.items.filter(kind="commitment").order_by("position")
    item = first.action_item
    assert (item.owner_party_id, item.owner_person, item.due_on) == ("SY", owner, dt.date(2026, 6, 30))
    assert item.committee == session.committee and item.classification == "restricted"
    assert item.title == "تزويد الجانب الآخر بالقوائم"
    assert "اعتماد خطة التعاون" in item.description  # the decision it came from
    assert second.action_item.owner_party_id == "SA"
    assert ActionItem.objects.count() == 2
    # Reopened and approved again: no second action item for the same commitment.
    services._reopen(minutes, actor=officer, request=None, now=dt.datetime.now(dt.UTC))
    services.minutes_approve(minutes=minutes, actor=officer)
    assert ActionItem.objects.count() == 2
    assert services.commitments_to_action_items(minutes, actor=officer) == 0


def test_the_action_items_page_says_which_minutes_it_came_from(officer_client, officer, make, session):
    minutes = make.minutes(session, items=[commitment()])
    services.minutes_approve(minutes=minutes, actor=officer)
    item = minutes.items.get().action_item
    page = text(officer_client.get(item.get_absolute_url()))
    assert 'id="minutes-origin"' in page and minutes.get_absolute_url() in page


def test_the_sessions_page_shows_its_minutes_or_the_link_to_write_them(
    officer_client, viewer_client, make, session
):
    page = text(officer_client.get(session.get_absolute_url()))
    assert f"{reverse('minutes:minutes_create')}?session={session.pk}" in page
    assert "?session=" not in text(viewer_client.get(session.get_absolute_url()))
    minutes = make.minutes(session)
    page = text(officer_client.get(session.get_absolute_url()))
    assert minutes.get_absolute_url() in page and "?session=" not in page


def test_a_hidden_item_is_neither_shown_nor_changed_by_an_edit(make, django_user_model):
    from tests.personas import logged_in, make_user

    session = make.session(make.committee(classification="public"), classification="public")
    minutes = make.minutes(
        session,
        items=[
            {"text_ar": "قرار علني", "classification": "public"},
            {"text_ar": "قرار سري", "classification": "secret"},
        ],
    )
    client = logged_in(make_user(django_user_model, "low_clearance"))
    assert "قرار سري" not in text(client.get(minutes.get_absolute_url()))
    assert "قرار سري" not in text(client.get(reverse("minutes:minutes_update", args=[minutes.pk])))
    visible = minutes.items.get(classification="public")
    data = minutes_form(session, existing=[visible])
    data["fs0-0-text_ar"] = "قرار علني معدل"
    assert client.post(reverse("minutes:minutes_update", args=[minutes.pk]), data).status_code == 302
    assert minutes.items.get(classification="secret").text_ar == "قرار سري"
    assert item_values(minutes.items.get(classification="public"))["text_ar"] == "قرار علني معدل"


def test_an_item_left_without_a_classification_is_classified_as_the_minutes(officer_client, make):
    session = make.session(make.committee(classification="restricted"), classification="restricted")
    data = minutes_form(
        session, items=[{"text_ar": "قرار", "classification": ""}], classification="confidential"
    )
    response = officer_client.post(reverse("minutes:minutes_create"), data)
    assert response.status_code == 302
    assert Minutes.objects.get().items.get().classification == "confidential"
    created = AuditEntry.objects.get(model_label="minutes.minuteitem", action="create")
    assert "confidential" in str(created.changes)
    numbered = AuditEntry.objects.get(model_label="minutes.minuteitem", note="numbered")
    assert "position" in str(numbered.changes)
