"""The notifications page, the unread count in the navigation, and the administrators' contacts page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from taawun.audit.models import AuditEntry
from taawun.notifications.models import Contact, Notification
from taawun.notifications.services import notification_create, notifications_mark_read
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

PERSONAS = ("administrator", "officer", "viewer", "auditor", "low_clearance", "outsider")


def url(name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def client_for(persona: str, django_user_model) -> Client:
    return Client() if persona == "outsider" else logged_in(make_user(django_user_model, persona))


def test_the_page_lists_the_users_own_notifications_only(officer_client, officer, viewer):
    notification_create(recipient=officer, title="For the officer", body="Due soon")
    notification_create(recipient=viewer, title="For the viewer")
    page = officer_client.get(url("notifications:list")).content.decode()
    assert "For the officer" in page and "Due soon" in page and "For the viewer" not in page


def test_the_navigation_shows_the_unread_count(officer_client, officer):
    for n in range(3):
        notification_create(recipient=officer, title=f"Note {n}")
    notifications_mark_read(user=officer, pks=[Notification.objects.first().pk])
    page = officer_client.get(url("web:home")).content.decode()
    assert url("notifications:list") in page and 'aria-label="2 unread">2</span>' in page


def test_the_navigation_shows_no_count_when_all_is_read(officer_client, officer):
    page = officer_client.get(url("web:home")).content.decode()
    assert url("notifications:list") in page and "unread" not in page


def test_a_notification_is_marked_read(officer_client, officer):
    notification = notification_create(recipient=officer, title="Read me")
    response = officer_client.post(url("notifications:read", notification.pk))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_read_with_htmx_answers_in_place(officer_client, officer):
    notification = notification_create(recipient=officer, title="Read me")
    response = officer_client.post(url("notifications:read", notification.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"<html" not in response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_someone_elses_notification_cannot_be_marked_read(persona, django_user_model):
    owner = django_user_model.objects.create_user(username="someone")
    notification = notification_create(recipient=owner, title="Not yours")
    response = client_for(persona, django_user_model).post(url("notifications:read", notification.pk))
    assert response.status_code == (302 if persona == "outsider" else 404)
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_each_persona_marks_its_own_notification_read(persona, django_user_model):
    client = client_for(persona, django_user_model)
    user = django_user_model.objects.get(username=persona)
    notification = notification_create(recipient=user, title="Yours")
    assert client.get(url("notifications:read", notification.pk)).status_code == 405
    assert client.post(url("notifications:read", notification.pk)).status_code == 302


def test_mark_all_read_touches_only_the_users_own(officer_client, officer, viewer):
    notification_create(recipient=officer, title="Mine")
    theirs = notification_create(recipient=viewer, title="Theirs")
    officer_client.post(url("notifications:read_all"))
    assert not Notification.objects.filter(recipient=officer).unread().exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_notification_about_a_record_now_above_the_clearance_hides_its_text(make, django_user_model):
    user = make_user(django_user_model, "low_clearance")
    item = make.action_item(title="Once public", classification="public")
    notification_create(recipient=user, title="About “Once public”", body="Due soon", record=item, url="/x/")
    type(item).objects.filter(pk=item.pk).update(classification="secret")
    page = logged_in(user).get(url("notifications:list")).content.decode()
    assert "Once public" not in page and "a record you can no longer see" in page


def test_a_notification_link_follows_the_readers_language(officer_client, officer, make):
    item = make.action_item()
    notification_create(recipient=officer, title="Go", url=item.get_absolute_url(), record=item)
    page = officer_client.get(url("notifications:list", language="en")).content.decode()
    assert f'href="/en/agreements/actionitem/{item.pk}/"' in page


# --- contacts ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_administrators_reach_a_users_contact_page(persona, django_user_model):
    target = django_user_model.objects.create_user(username="target")
    response = client_for(persona, django_user_model).get(url("notifications:contact_update", target.pk))
    expected = {"administrator": 200, "outsider": 302}.get(persona, 404)
    assert response.status_code == expected


def test_an_administrator_links_a_user_to_a_person_and_it_is_audited(make, django_user_model):
    admin = make_user(django_user_model, "administrator")
    target = django_user_model.objects.create_user(username="target")
    person = make.person("SA")
    response = logged_in(admin).post(
        url("notifications:contact_update", target.pk), {"record-person": person.pk}
    )
    assert response.status_code == 302
    assert Contact.objects.get(user=target).person == person
    entry = AuditEntry.objects.get(model_label="notifications.contact")
    assert entry.changes["person"] == {"old": None, "new": person.pk}


def test_a_person_of_another_agency_than_the_one_chosen_is_refused(make, django_user_model):
    admin = make_user(django_user_model, "administrator")
    target = django_user_model.objects.create_user(username="target")
    person = make.person("SA", agency=make.agency("SA"))
    data = {"record-person": person.pk, "record-agency": make.agency("SA").pk}
    response = logged_in(admin).post(url("notifications:contact_update", target.pk), data)
    assert response.status_code == 400 and not Contact.objects.exists()


def test_an_unknown_user_has_no_contact_page(django_user_model):
    admin = make_user(django_user_model, "administrator")
    assert logged_in(admin).get(url("notifications:contact_update", 99999)).status_code == 404
