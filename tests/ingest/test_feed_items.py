"""Ordinary feeds never crash a poll: an item that cannot become a draft is skipped, remembered
with the reason (shown on the feed's page, not tried again), and one feed never stops the others."""

from __future__ import annotations

import pytest

from taawun.ingest import feeds
from taawun.ingest.feeds import feed_poll
from taawun.ingest.models import Draft, FeedEntry, FeedSubscription
from taawun.ingest.tasks import poll_feeds
from tests.ingest.feed_server import feed_server, rss
from tests.ingest.samples import VISIT, WORKSHOP

pytestmark = pytest.mark.django_db


def test_an_item_whose_guid_is_no_address_is_taken_without_a_link(served):
    served.body = rss([("item-7", "زيارة", "", VISIT)])
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    result = feed_poll(feed)
    assert (result.new, result.skipped) == (1, 0)
    assert Draft.objects.get().source.url == ""


def test_a_relative_link_is_resolved_against_the_feed_address(served):
    served.body = rss([("n-1", "زيارة", "/news/1?lang=ar", VISIT)])
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    assert feed_poll(feed).new == 1
    assert Draft.objects.get().source.url == f"http://127.0.0.1:{served.port}/news/1?lang=ar"


def test_an_item_with_a_javascript_link_is_skipped_once_and_shown_on_the_feeds_page(served, officer_client):
    served.body = rss(
        [
            ("n-1", "خبر مريب", "javascript:alert(1)", VISIT),
            ("n-2", "ورشة", "https://news.example/2", WORKSHOP),
        ]
    )
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    result = feed_poll(feed)
    assert (result.new, result.skipped) == (1, 1)
    skipped = FeedEntry.objects.get(subscription=feed, reason=FeedEntry.Reason.LINK)
    assert skipped.title == "خبر مريب" and skipped.draft is None
    again = feed_poll(feed)  # remembered: not tried (and failed) again at every poll
    assert (again.new, again.known, again.skipped) == (0, 0, 0)
    page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
    assert "خبر مريب" in page and "Its link is not a web address." in page


def test_the_last_poll_is_summed_up_on_the_feeds_page(served, officer_client):
    served.body = rss([("n-1", "خبر", "javascript:void(0)", VISIT), ("n-2", "ورشة", "", WORKSHOP)])
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    feed_poll(feed)
    page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
    assert "1 new, 0 already known, 1 skipped" in page


def test_an_item_without_text_is_skipped_with_its_reason(served):
    served.body = rss([("n-1", "بلا نص", "https://news.example/1", "")])
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    assert feed_poll(feed).skipped == 1
    assert FeedEntry.objects.get().reason == FeedEntry.Reason.EMPTY


def test_a_bad_item_in_one_feed_does_not_stop_the_other_feeds(served, settings):
    served.body = rss([("n-1", "خبر", "javascript:alert(1)", VISIT)])
    with feed_server(rss([("w-1", "ورشة", "https://news.example/w", WORKSHOP)])) as other:
        first = FeedSubscription.objects.create(url=served.url, home="SA")
        second = FeedSubscription.objects.create(url=other.url, home="SA")
        poll_feeds.enqueue()
    assert Draft.objects.get().source.url == "https://news.example/w"
    first.refresh_from_db(), second.refresh_from_db()
    assert first.last_polled_at and second.last_polled_at


def test_any_failure_of_one_feed_leaves_the_others_polled(served, monkeypatch):
    broken = FeedSubscription.objects.create(url=served.url + "?broken", home="SA")
    working = FeedSubscription.objects.create(url=served.url, home="SA")
    real_poll = feeds.feed_poll

    def poll(feed):
        if feed.pk == broken.pk:
            raise RuntimeError("a bug met by one feed only")
        return real_poll(feed)

    monkeypatch.setattr(feeds, "feed_poll", poll)
    results = feeds.poll_all()
    assert results[working.pk].new == 1 and Draft.objects.count() == 1
    broken.refresh_from_db()
    assert broken.last_error and broken.last_polled_at
