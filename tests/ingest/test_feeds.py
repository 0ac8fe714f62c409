"""Watched feeds: items of an RSS feed served on the loopback address land in the review queue."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

from taawun.audit.models import AuditEntry
from taawun.core.periodic import registered_jobs
from taawun.ingest.feeds import feed_poll
from taawun.ingest.models import Draft, FeedEntry, FeedSubscription
from taawun.ingest.tasks import poll_feeds
from taawun.registry.models import Source
from tests.ingest.samples import VISIT, WORKSHOP

pytestmark = pytest.mark.django_db


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title><link>{link}</link>"
        f"<pubDate>Wed, 16 Apr 2025 08:00:00 +0300</pubDate>"
        f"<description>{escape('<p>' + body + '</p>')}</description></item>"
        for guid, title, link, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>'
        f"{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def served():
    """A feed server on 127.0.0.1; set `served.body` to change what it returns."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = server.body
            self.send_response(200 if body is not None else 500)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.body = rss([("n-1", "زيارة", "https://news.example/1", VISIT)])
    server.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


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
