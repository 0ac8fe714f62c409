"""Watched feeds: items of an RSS feed served on the loopback address land in the review queue."""

from __future__ import annotations

import pytest

from taawun.audit.models import AuditEntry
from taawun.core.periodic import registered_jobs
from taawun.ingest.feeds import feed_poll
from taawun.ingest.models import Draft, FeedEntry, FeedSubscription
from taawun.ingest.tasks import poll_feeds
from taawun.registry.models import Source
from tests.ingest.feed_server import rss
from tests.ingest.samples import VISIT, WORKSHOP

pytestmark = pytest.mark.django_db


def test_new_items_become_drafts_with_their_link_and_date(served):
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    result = feed_poll(feed)
    assert (result.new, result.known, result.failed, result.error) == (1, 0, 0, "")
    draft = Draft.objects.get()
    assert (
        draft.source.url == "https://news.example/1" and draft.source.published_on.isoformat() == "2025-04-16"
    )
    assert draft.source.title == "زيارة" and "<p>" not in draft.source.text
    assert draft.extracted["guests"] == ["JO"]


def test_an_item_is_never_taken_twice(served):
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    feed_poll(feed)
    served.body = rss(
        [
            ("n-1", "زيارة", "https://news.example/1", VISIT),
            ("n-2", "ورشة", "https://news.example/2", WORKSHOP),
        ]
    )
    result = feed_poll(feed)
    assert result.new == 1 and Draft.objects.count() == 2 and Source.objects.count() == 2


def test_the_same_article_in_two_feeds_is_one_source(served):
    first = FeedSubscription.objects.create(url=served.url, home="SA")
    second = FeedSubscription.objects.create(url=served.url + "?copy", home="SA")
    feed_poll(first)
    result = feed_poll(second)
    assert result.known == 1 and Source.objects.count() == 1


def test_an_unreachable_or_broken_feed_is_reported_not_raised(served):
    served.body = None
    feed = FeedSubscription.objects.create(url=served.url)
    result = feed_poll(feed)
    feed.refresh_from_db()
    assert result.error and feed.last_error and not Draft.objects.exists()


def test_the_periodic_task_polls_every_active_feed(served):
    FeedSubscription.objects.create(url=served.url, home="SA")
    FeedSubscription.objects.create(url=served.url + "?off", home="SA", active=False)
    poll_feeds.enqueue()
    assert Draft.objects.count() == 1
    assert ("taawun.ingest.tasks.poll_feeds", 900) in [
        (job.task_path, int(job.every.total_seconds())) for job in registered_jobs()
    ]


def test_a_feed_is_watched_from_the_feeds_page(officer_client, served):
    response = officer_client.post(
        "/en/ingest/feeds/",
        {"title": "أخبار", "url": served.url, "home": "SA", "classification": "internal", "active": "on"},
    )
    assert response.status_code == 302
    feed = FeedSubscription.objects.get()
    response = officer_client.post(f"/en/ingest/feeds/{feed.pk}/poll/")
    assert response.status_code == 302 and Draft.objects.count() == 1


def test_a_feed_can_be_edited_and_the_change_is_audited(officer_client, officer):
    feed = FeedSubscription.objects.create(url="https://news.example/feed.xml", title="أخبار", home="SA")
    page = officer_client.get("/en/ingest/feeds/").content.decode()
    assert f"/ingest/feeds/{feed.pk}/edit/" in page and f"/ingest/feeds/{feed.pk}/delete/" in page
    response = officer_client.post(
        f"/en/ingest/feeds/{feed.pk}/edit/",
        {"title": "أخبار الشركاء", "url": feed.url, "home": "JO", "classification": "restricted"},
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert (feed.title, feed.home, feed.classification, feed.active) == (
        "أخبار الشركاء",
        "JO",
        "restricted",
        False,  # an unticked box
    )
    entry = AuditEntry.objects.get(action="update", model_label="ingest.feedsubscription")
    assert entry.user_id == officer.pk and entry.changes["title"] == {"old": "أخبار", "new": "أخبار الشركاء"}


def test_an_invalid_feed_edit_changes_nothing(officer_client):
    other = FeedSubscription.objects.create(url="https://news.example/other.xml")
    feed = FeedSubscription.objects.create(url="https://news.example/feed.xml", title="أخبار")
    for fields in [
        {"title": "x", "url": other.url, "classification": "internal"},  # already watched
        {"title": "x", "url": feed.url, "home": "ZZ", "classification": "internal"},  # unknown party
        {"title": "x", "url": "not an address", "classification": "internal"},
    ]:
        response = officer_client.post(f"/en/ingest/feeds/{feed.pk}/edit/", fields)
        assert response.status_code == 400
    feed.refresh_from_db()
    assert feed.title == "أخبار" and not AuditEntry.objects.filter(action="update").exists()


def test_a_feed_above_the_editors_clearance_cannot_be_classified_to(client_of):
    feed = FeedSubscription.objects.create(url="https://news.example/feed.xml", classification="public")
    response = client_of("low_clearance").post(
        f"/en/ingest/feeds/{feed.pk}/edit/", {"url": feed.url, "classification": "secret"}
    )
    assert response.status_code == 400
    feed.refresh_from_db()
    assert feed.classification == "public"


def test_deleting_a_feed_keeps_its_drafts_and_is_audited(officer_client, served):
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    feed_poll(feed)
    draft = Draft.objects.get()
    page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/delete/").content.decode()
    assert served.url in page
    response = officer_client.post(f"/en/ingest/feeds/{feed.pk}/delete/")
    assert response.status_code == 302 and not FeedSubscription.objects.exists()
    assert Draft.objects.filter(pk=draft.pk).exists() and not FeedEntry.objects.exists()
    deleted = set(AuditEntry.objects.filter(action="delete").values_list("model_label", flat=True))
    assert deleted == {"ingest.feedsubscription", "ingest.feedentry"}


# --- the form never reveals a feed or a party above the user's clearance -----------------------

HIDDEN_URL = "https://news.example/secret-feed.xml"


def _feed_form_errors(client, url: str, **fields) -> str:
    response = client.post("/en/ingest/feeds/", {"url": url, "classification": "public", **fields})
    assert response.status_code == 400
    return response.context["form"].errors.as_json()


def test_a_hidden_feeds_address_looks_free_until_saving_and_the_refusal_names_nothing(client_of):
    FeedSubscription.objects.create(url=HIDDEN_URL, classification="secret", title="مصدر سري")
    client = client_of("low_clearance")
    # With another field wrong, the hidden feed's address draws exactly the errors of a free one.
    hidden = _feed_form_errors(client, HIDDEN_URL, home="??")
    free = _feed_form_errors(client, "https://news.example/free.xml", home="??")
    assert hidden == free
    # Saving conflicts: the refusal is the one given for any taken address, and names nothing.
    response = client.post("/en/ingest/feeds/", {"url": HIDDEN_URL, "classification": "public"})
    page = response.content.decode()
    assert response.status_code == 400 and "already exists" not in page and "مصدر سري" not in page
    visible = FeedSubscription.objects.create(url="https://news.example/public.xml", classification="public")
    taken = client.post("/en/ingest/feeds/", {"url": visible.url, "classification": "public"})
    assert taken.context["form"].errors == response.context["form"].errors
    assert FeedSubscription.objects.count() == 2


def test_editing_a_feed_to_a_hidden_feeds_address_is_refused_without_naming_it(client_of):
    FeedSubscription.objects.create(url=HIDDEN_URL, classification="secret")
    feed = FeedSubscription.objects.create(url="https://news.example/mine.xml", classification="public")
    response = client_of("low_clearance").post(
        f"/en/ingest/feeds/{feed.pk}/edit/", {"url": HIDDEN_URL, "classification": "public"}
    )
    assert response.status_code == 400 and "already exists" not in response.content.decode()
    feed.refresh_from_db()
    assert feed.url == "https://news.example/mine.xml"


def test_the_feed_forms_home_party_offers_and_accepts_only_visible_parties(client_of):
    from taawun.registry.models import Party

    Party.objects.create(
        code="XQ", kind="organisation", name_ar="منظمة سرية", name_en="Hidden Org", classification="secret"
    )
    client = client_of("low_clearance")
    page = client.get("/en/ingest/feeds/").content.decode()
    assert "منظمة سرية" not in page and 'value="XQ"' not in page
    response = client.post(
        "/en/ingest/feeds/", {"url": "https://news.example/x.xml", "home": "XQ", "classification": "public"}
    )
    assert response.status_code == 400 and "home" in response.context["form"].errors
    assert "منظمة سرية" not in response.content.decode()
    assert not FeedSubscription.objects.exists()
