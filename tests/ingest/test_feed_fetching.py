"""A feed cannot make the server fetch internal addresses, every fetch failure reads the same, and
"Poll now" queues the poll for the task worker instead of running it inside the web request."""

from __future__ import annotations

import logging
import socket

import pytest
from django_tasks_db.models import DBTaskResult

from taawun.ingest.feeds import feed_poll
from taawun.ingest.fetching import is_public
from taawun.ingest.models import Draft, FeedSubscription, FetchError
from tests.ingest.feed_server import feed_server, rss
from tests.ingest.samples import VISIT

pytestmark = pytest.mark.django_db
NEUTRAL = "The feed could not be fetched."


@pytest.fixture
def nothing_allowed(settings):
    settings.TAAWUN_FEED_ALLOWED_HOSTS = []


@pytest.fixture
def feed_at_loopback(nothing_allowed):
    with feed_server(rss([("n-1", "زيارة", "https://news.example/1", VISIT)])) as server:
        yield server


def test_a_loopback_feed_is_refused_and_never_fetched(feed_at_loopback):
    feed = FeedSubscription.objects.create(url=feed_at_loopback.url, home="SA")
    result = feed_poll(feed)
    assert result.error == FetchError.FETCH and feed_at_loopback.hits == 0
    assert not Draft.objects.exists()


def test_a_host_name_is_judged_by_the_address_it_resolves_to_when_connecting(feed_at_loopback, monkeypatch):
    # A public-looking name that resolves to an internal address (DNS rebinding) is refused.
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        return real("127.0.0.1" if host == "feeds.partner.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    feed = FeedSubscription.objects.create(url=f"http://feeds.partner.example:{feed_at_loopback.port}/f.xml")
    assert feed_poll(feed).error == FetchError.FETCH and feed_at_loopback.hits == 0


def test_an_allowed_host_name_may_resolve_to_an_internal_address(feed_at_loopback, monkeypatch, settings):
    settings.TAAWUN_FEED_ALLOWED_HOSTS = ["feeds.moi.example"]
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1" if host == "feeds.moi.example" else host, *a, **k),
    )
    feed = FeedSubscription.objects.create(
        url=f"http://feeds.moi.example:{feed_at_loopback.port}/f.xml", home="SA"
    )
    assert feed_poll(feed).new == 1


def test_an_allowed_network_lets_its_addresses_through(feed_at_loopback, settings):
    settings.TAAWUN_FEED_ALLOWED_HOSTS = ["10.0.0.0/8", "127.0.0.0/8"]
    feed = FeedSubscription.objects.create(url=feed_at_loopback.url, home="SA")
    assert feed_poll(feed).new == 1


def test_a_redirect_to_an_internal_host_is_refused(settings):
    settings.TAAWUN_FEED_ALLOWED_HOSTS = ["localhost"]  # the first hop only
    with (
        feed_server(rss([("n-1", "زيارة", "https://news.example/1", VISIT)])) as inside,
        feed_server() as outside,
    ):
        outside.location = inside.url  # http://127.0.0.1:…, not allowed
        feed = FeedSubscription.objects.create(url=f"http://localhost:{outside.port}/feed.xml")
        result = feed_poll(feed)
    assert outside.hits == 1 and inside.hits == 0
    assert result.error == FetchError.FETCH and not Draft.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::",
        "ff02::1",
    ],
)
def test_internal_addresses_are_not_public(address):
    import ipaddress

    assert not is_public(ipaddress.ip_address(address))


def test_every_fetch_failure_shows_the_same_text_and_the_detail_goes_to_the_log(
    nothing_allowed, settings, caplog, officer_client
):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    pages = []
    with feed_server(None) as failing:  # answers HTTP 500
        cases = [
            (f"http://127.0.0.1:{closed_port}/feed.xml", ["127.0.0.1"]),  # allowed, port closed
            (failing.url, ["127.0.0.1"]),  # allowed, HTTP error
            (failing.url.replace("/feed.xml", "/other.xml"), []),  # refused address, port open
        ]
        for url, allowed in cases:
            settings.TAAWUN_FEED_ALLOWED_HOSTS = allowed
            feed = FeedSubscription.objects.create(url=url)
            with caplog.at_level(logging.WARNING, logger="taawun.ingest.feeds"):
                feed_poll(feed)
            feed.refresh_from_db()
            assert feed.last_error == FetchError.FETCH and feed.error_message == NEUTRAL
            page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
            pages.append(page.count(NEUTRAL))
            assert "refused" not in page.lower() and "500" not in page
    assert pages == [1, 1, 1]
    assert (
        "Connection refused" in caplog.text and "500" in caplog.text and "not a public address" in caplog.text
    )


def test_an_internal_address_typed_in_the_form_is_refused(officer_client, nothing_allowed):
    response = officer_client.post(
        "/en/ingest/feeds/", {"url": "http://169.254.169.254/latest/", "classification": "internal"}
    )
    assert (
        response.status_code == 400 and "Feeds cannot be read from this address." in response.content.decode()
    )
    assert not FeedSubscription.objects.exists()


@pytest.fixture
def task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_poll_now_queues_the_poll_and_the_page_shows_polling_then_the_result(
    task_queue, served, officer_client
):
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    response = officer_client.post(f"/en/ingest/feeds/{feed.pk}/poll/")
    assert response.status_code == 302 and response["Location"] == f"/en/ingest/feeds/{feed.pk}/"
    assert served.hits == 0  # the web request did not fetch
    officer_client.post(f"/en/ingest/feeds/{feed.pk}/poll/")  # asked twice, queued once
    queued = DBTaskResult.objects.get(task_path="taawun.ingest.tasks.poll_feed")
    assert queued.args_kwargs["args"] == [feed.pk]
    assert "Polling…" in officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()

    queued.task.call(*queued.args_kwargs["args"])  # what the worker does

    page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
    assert served.hits == 1 and "Polling…" not in page and "1 new, 0 already known, 0 skipped" in page
    assert Draft.objects.count() == 1


def test_the_feed_status_fragment_polls_until_the_poll_is_done(task_queue, served, officer_client):
    feed = FeedSubscription.objects.create(url=served.url, home="SA")
    officer_client.post(f"/en/ingest/feeds/{feed.pk}/poll/")
    fragment = officer_client.get(f"/en/ingest/feeds/{feed.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    feed_poll(feed)
    fragment = officer_client.get(f"/en/ingest/feeds/{feed.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment
