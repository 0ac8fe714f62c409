"""Sending the minutes (issue 21, item 3): to the participants who use Taawun, each only if cleared
for the minutes, each with the items up to the classification chosen or their clearance if lower;
in the app and by e-mail with the PDF; every sending recorded and audited. Tested as a matrix:
clearance × participant or not."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from taawun.audit.models import AuditEntry
from taawun.minutes import services
from taawun.minutes.models import Delivery, Sending
from taawun.notifications.models import Contact, Notification
from tests.minutes.test_documents import has, pdf_text
from tests.pages import text

pytestmark = pytest.mark.django_db

CLEARANCES = ("internal", "restricted", "confidential", "secret")
ITEMS = {"restricted": "قرار مقيد التداول", "confidential": "قرار سري الطابع", "secret": "قرار سري للغاية"}


@pytest.fixture
def meeting(make):
    """A public committee's session, its meeting in the registry with participants, and restricted
    minutes holding one item at each level from restricted to secret."""
    committee = make.committee(("SA", "SY"), classification="public")
    engagement = make.engagement("SA", ["SY"], classification="public")
    session = make.session(
        committee,
        classification="public",
        engagement=engagement,
        chair_ours=make.person("SA"),
        chair_theirs=make.person("SY"),
        held_on=dt.date(2026, 3, 10),
    )
    minutes = make.minutes(
        session,
        classification="restricted",
        items=[{"text_ar": text_ar, "classification": level} for level, text_ar in ITEMS.items()],
    )
    return session, minutes


def user(django_user_model, name: str, clearance: str, *, person=None, email=True, active=True):
    account = django_user_model.objects.create_user(
        username=name,
        password="a long test password 1",
        role="viewer",
        clearance=clearance,
        email=f"{name}@example.org" if email else "",
        is_active=active,
    )
    if person is not None:
        Contact.objects.create(user=account, person=person)
    return account


def attachment_text(message) -> str:
    ((name, content, kind),) = message.attachments
    assert kind == "application/pdf" and name.endswith(".pdf")
    return pdf_text(content)


def test_the_minutes_reach_exactly_the_entitled_participants(officer, make, meeting, django_user_model):
    session, minutes = meeting
    services.minutes_approve(minutes=minutes, actor=officer)
    # The participants: the session's two chairs and two members of its meeting's delegations.
    members = [make.person("SY"), make.person("SA")]
    for person in members:
        session.engagement.participations.create(person=person, role="member")
    participant_people = [session.chair_ours, session.chair_theirs, *members]
    people = iter(participant_people)
    users = {}
    for clearance, participant in itertools.product(CLEARANCES, (True, False)):
        person = next(people) if participant else make.person("SY")  # a person of the registry, not there
        name = f"{clearance}_{'in' if participant else 'out'}"
        users[(clearance, participant)] = user(django_user_model, name, clearance, person=person)
    # A participant whose account is closed, and one who is not a user at all, receive nothing.
    user(django_user_model, "closed", "secret", person=participant_people[0], active=False)

    sending = services.minutes_send(minutes=minutes, actor=officer, cap="confidential")

    received = {d.recipient.username: d for d in sending.deliveries.all()}
    assert set(received) == {"restricted_in", "confidential_in", "secret_in"}
    assert {name: d.cap for name, d in received.items()} == {
        "restricted_in": "restricted",
        "confidential_in": "confidential",
        "secret_in": "confidential",  # the sender's choice
    }
    assert {name: d.items for name, d in received.items()} == {
        "restricted_in": 1,
        "confidential_in": 2,
        "secret_in": 2,
    }
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == set(received)
    assert all(n.target_label == "minutes.minutes" for n in Notification.objects.all())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {f"{name}@example.org" for name in received}
    for name, delivery in received.items():
        assert delivery.emailed
        document = attachment_text(by_address[f"{name}@example.org"])
        assert has(document, ITEMS["restricted"])
        assert has(document, ITEMS["confidential"]) == (delivery.cap == "confidential")
        assert not has(document, ITEMS["secret"])
    # Recorded: who, when, up to which classification, the text's hash; and audited.
    assert (sending.sent_by, sending.cap, sending.text_hash) == (officer, "confidential", minutes.text_hash())
    entry = AuditEntry.objects.get(model_label="minutes.sending", object_pk=str(sending.pk))
    assert "secret_in" in entry.note and "restricted_in" in entry.note


def test_a_participant_without_an_address_is_told_in_the_app_only(officer, meeting, django_user_model):
    session, minutes = meeting
    services.minutes_approve(minutes=minutes, actor=officer)
    user(django_user_model, "no_mail", "secret", person=session.chair_theirs, email=False)
    sending = services.minutes_send(minutes=minutes, actor=officer, cap="secret")
    delivery = sending.deliveries.get()
    assert not delivery.emailed and delivery.notification is not None and mail.outbox == []


def test_drafts_are_not_sent_and_nor_is_anything_above_the_senders_clearance(
    officer, meeting, django_user_model
):
    session, minutes = meeting
    user(django_user_model, "chair", "secret", person=session.chair_ours)
    with pytest.raises(ValidationError):
        services.minutes_send(minutes=minutes, actor=officer, cap="secret")
    services.minutes_approve(minutes=minutes, actor=officer)
    restricted_officer = django_user_model.objects.create_user(
        username="r_officer", password="a long test password 1", role="officer", clearance="restricted"
    )
    with pytest.raises(ValidationError):
        services.minutes_send(minutes=minutes, actor=restricted_officer, cap="secret")
    with pytest.raises(ValidationError):  # below the minutes' own classification
        services.minutes_send(minutes=minutes, actor=officer, cap="internal")
    assert not Sending.objects.exists() and not Delivery.objects.exists()


def test_sending_from_the_page_and_the_record_on_the_minutes_page(
    officer_client, officer, meeting, django_user_model
):
    session, minutes = meeting
    services.minutes_approve(minutes=minutes, actor=officer)
    chair = user(django_user_model, "chair_user", "secret", person=session.chair_ours)
    address = reverse("minutes:minutes_send", args=[minutes.pk])
    preview = text(officer_client.get(address, {"cap": "restricted"}))
    assert "chair_user@example.org" in preview
    response = officer_client.post(address, {"cap": "restricted"})
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.recipient, delivery.cap) == (chair, "restricted")
    page = text(officer_client.get(minutes.get_absolute_url()))
    assert 'id="sendings"' in page and "chair_user" in page


def test_the_minutes_of_an_engagement_reach_its_participants(officer, make, django_user_model):
    guest = make.person("JO")
    engagement = make.engagement("SA", ["JO"], participants=[(guest, "head")], classification="internal")
    minutes = make.minutes(engagement, items=[{"text_ar": "قرار"}])
    services.minutes_approve(minutes=minutes, actor=officer)
    user(django_user_model, "guest_user", "internal", person=guest)
    user(django_user_model, "bystander", "secret", person=make.person("JO"))
    sending = services.minutes_send(minutes=minutes, actor=officer, cap="internal")
    assert [d.recipient.username for d in sending.deliveries.all()] == ["guest_user"]
