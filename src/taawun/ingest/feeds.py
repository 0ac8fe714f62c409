"""Watching RSS and Atom feeds: new items become drafts with their link and publication date.

An item is taken once (by its id, else its link); its text is the entry's content, else its
summary, HTML reduced to readable text. The same text arriving through two feeds is one source.
"""

from __future__ import annotations

import datetime as dt
import urllib.request
from dataclasses import dataclass

import feedparser
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.ingest import services
from taawun.ingest.models import FeedEntry, FeedSubscription
from taawun.ingest.readers import UnreadableDocument, html_to_text, max_bytes


@dataclass
class PollResult:
    new: int = 0
    known: int = 0
    failed: int = 0
    error: str = ""


def fetch(url: str) -> bytes:
    """The feed's bytes (at most the upload limit), fetched with the configured timeout."""
    if not url.lower().startswith(("http://", "https://")):
        raise UnreadableDocument(_("Only http and https feeds can be watched."))
    request = urllib.request.Request(url, headers={"User-Agent": "Taawun feed reader"})
    timeout = float(getattr(settings, "TAAWUN_FEED_TIMEOUT", 20))
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
        data = response.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise UnreadableDocument(_("The feed is larger than the upload limit."))
    return data


def _published(entry) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return html_to_text(content["value"])[0]
    return html_to_text(entry.get("summary") or entry.get("description") or "")[0]


def feed_poll(subscription: FeedSubscription) -> PollResult:
    """Take the feed's new items into the review queue; one transaction per item."""
    result = PollResult()
    try:
        parsed = feedparser.parse(fetch(subscription.url))
        if parsed.get("bozo") and not parsed.entries:
            raise UnreadableDocument(_("The address did not return a readable feed."))
    except (OSError, ValueError, UnreadableDocument) as error:
        result.error = str(error)[:500] or _("The feed could not be read.")
        FeedSubscription.objects.filter(pk=subscription.pk).update(
            last_polled_at=timezone.now(), last_error=result.error
        )
        return result
    for entry in parsed.entries:
        key = (entry.get("id") or entry.get("link") or "").strip()[:1000]
        if not key or FeedEntry.objects.filter(subscription=subscription, key=key).exists():
            continue
        try:
            with transaction.atomic():
                outcome = services.ingest_text(
                    text=_entry_text(entry),
                    title=entry.get("title") or "",
                    url=(entry.get("link") or "")[:1000],
                    published_on=_published(entry),
                    home=subscription.home,
                    classification=subscription.classification,
                    username=f"feed {subscription.pk}",
                )
                FeedEntry.objects.create(subscription=subscription, key=key, draft=outcome.draft)
        except (UnreadableDocument, services.DraftError, IntegrityError):
            result.failed += 1
            continue
        if outcome.status == "new":
            result.new += 1
        else:
            result.known += 1
    FeedSubscription.objects.filter(pk=subscription.pk).update(last_polled_at=timezone.now(), last_error="")
    return result


def poll_all() -> dict[int, PollResult]:
    return {feed.pk: feed_poll(feed) for feed in FeedSubscription.objects.filter(active=True)}
