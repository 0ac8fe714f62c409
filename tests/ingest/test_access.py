"""Who may reach the ingestion pages that take an argument (the rest are in access.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taawun.audit.models import AuditEntry
from taawun.ingest import services
from taawun.ingest.models import Draft, FeedSubscription, ImportBatch
from tests.ingest.access import DECISIONS
from tests.ingest.samples import VISIT

pytestmark = pytest.mark.django_db

# persona -> status of the review screen of an "internal" draft
REVIEW = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 404}


@pytest.mark.parametrize(("persona", "expected"), REVIEW.items())
def test_review_screen_by_persona(persona, expected, client_of, draft):
    response = client_of(persona).get(f"/en/ingest/drafts/{draft.pk}/")
    assert response.status_code == expected
    if expected == 404:
        assert "عبدالعزيز" not in response.content.decode()


@pytest.mark.parametrize("persona", ["viewer", "auditor", "low_clearance"])
def test_decisions_are_refused_to_those_who_cannot_review(persona, client_of, draft):
    response = client_of(persona).post(f"/en/ingest/drafts/{draft.pk}/reject/", {"reject-reason": "x"})
    assert response.status_code in {403, 404}
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING


@pytest.mark.parametrize("persona", list(REVIEW))
@pytest.mark.parametrize("name", list(DECISIONS))
def test_each_decision_by_persona(name, persona, client_of, draft):
    response = client_of(persona).post(reverse(name, args=[draft.pk]))
    assert response.status_code == DECISIONS[name][persona]
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING and draft.edited is None


@pytest.mark.parametrize("name", list(DECISIONS))
def test_a_decision_takes_no_get(name, client_of, draft):
    address = reverse(name, args=[draft.pk])
    assert client_of("officer").get(address).status_code == 405
    assert client_of("viewer").get(address).status_code == 403


def test_the_review_desk_takes_no_post(client_of, draft):
    """Each decision has its own address; the desk's own is for reading."""
    assert (
        client_of("officer").post(f"/en/ingest/drafts/{draft.pk}/", {"action": "accept"}).status_code == 405
    )


@pytest.mark.parametrize("name", list(DECISIONS))
def test_a_hidden_draft_is_refused_to_a_decision_and_the_refusal_audited(name, client_of, draft):
    assert client_of("low_clearance").post(reverse(name, args=[draft.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="access_denied", object_pk=str(draft.pk)).exists()


def test_a_hidden_draft_is_refused_and_the_refusal_audited(client_of, draft):
    client_of("low_clearance").get(f"/en/ingest/drafts/{draft.pk}/")
    assert AuditEntry.objects.filter(action="access_denied", object_pk=str(draft.pk)).exists()


def test_a_restricted_draft_view_is_audited(client_of, officer):
    draft = services.ingest_text(text=VISIT, actor=officer, classification="restricted").draft
    client_of("administrator").get(f"/en/ingest/drafts/{draft.pk}/")
    assert AuditEntry.objects.filter(
        action="view", model_label="ingest.draft", object_pk=str(draft.pk)
    ).exists()


def test_the_queue_lists_only_drafts_within_the_clearance(client_of, officer):
    public = services.ingest_text(text=VISIT, actor=officer, classification="public").draft
    secret = services.ingest_text(text=VISIT + " سري", actor=officer, classification="secret").draft
    page = client_of("low_clearance").get("/en/ingest/").content.decode()
    assert f"/ingest/drafts/{public.pk}/" in page and f"/ingest/drafts/{secret.pk}/" not in page


BATCH = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 404}


@pytest.mark.parametrize(("persona", "expected"), BATCH.items())
def test_a_batch_page_is_its_uploaders_and_the_administrators(
    persona, expected, client_of, django_user_model
):
    client_of("officer")
    uploader = django_user_model.objects.get(username="officer")
    batch = ImportBatch.objects.create(created_by=uploader, total=1)
    assert client_of(persona).get(f"/en/ingest/batches/{batch.pk}/").status_code == expected


POLL = {"administrator": 302, "officer": 302, "viewer": 403, "auditor": 403, "low_clearance": 404}


@pytest.mark.parametrize(("persona", "expected"), POLL.items())
def test_polling_a_feed_by_persona(persona, expected, client_of):
    feed = FeedSubscription.objects.create(url="http://127.0.0.1:9/feed.xml", classification="internal")
    assert client_of(persona).post(f"/en/ingest/feeds/{feed.pk}/poll/").status_code == expected


# persona -> status of the edit and delete pages of an "internal" feed (GET, then POST)
FEED_PAGES = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 404}
FEED_POSTS = {"administrator": 302, "officer": 302, "viewer": 403, "auditor": 403, "low_clearance": 404}


@pytest.mark.parametrize("page", ["edit", "delete"])
@pytest.mark.parametrize("persona", FEED_PAGES)
def test_editing_and_deleting_a_feed_by_persona(persona, page, client_of):
    feed = FeedSubscription.objects.create(url="https://news.example/feed.xml", classification="internal")
    url = f"/en/ingest/feeds/{feed.pk}/{page}/"
    client = client_of(persona)
    assert client.get(url).status_code == FEED_PAGES[persona]
    fields = {"title": "changed", "url": feed.url, "home": "SA", "classification": "internal"}
    assert client.post(url, fields).status_code == FEED_POSTS[persona]
    changed = FeedSubscription.objects.filter(pk=feed.pk, title="changed").exists()
    gone = not FeedSubscription.objects.filter(pk=feed.pk).exists()
    allowed = FEED_POSTS[persona] == 302
    assert (changed if page == "edit" else gone) == allowed


def test_a_hidden_feed_is_refused_and_the_refusal_audited(client_of):
    feed = FeedSubscription.objects.create(url="https://news.example/secret.xml", classification="secret")
    response = client_of("low_clearance").get(f"/en/ingest/feeds/{feed.pk}/edit/")
    assert response.status_code == 404 and "secret.xml" not in response.content.decode()
    assert AuditEntry.objects.filter(action="access_denied", object_pk=str(feed.pk)).exists()


def test_anonymous_visitors_go_to_log_in(draft):
    response = Client().get(f"/en/ingest/drafts/{draft.pk}/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
    for name in DECISIONS:
        response = Client().post(reverse(name, args=[draft.pk]))
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
