"""Watching RSS and Atom feeds: new items become drafts with their link and publication date.

An item is taken once (by its id, else its link, else its content); its text is the entry's
content, else its summary, HTML reduced to readable text. The same text arriving through two feeds
is one source. An item that cannot become a draft (a link that is no web address, no text, ...) is
skipped, remembered with the reason (shown on the feed's page) and not tried again; it never stops
the poll, and one feed failing never stops the others.

Polls run in the task queue (`taawun worker`), never in a web request: a slow feed held a web
worker for the whole fetch timeout. Fetching is guarded against internal addresses (fetching.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from taawun.ingest import services
from taawun.ingest.fetching import FetchFailed, fetch
from taawun.ingest.models import FeedEntry, FeedSubscription, FetchError
from taawun.ingest.readers import NotArabic, UnreadableDocument, html_to_text, max_bytes

log = logging.getLogger(__name__)
_web_address = URLValidator(schemes=["http", "https"])  # what Source.url's full_clean accepts


@dataclass
class PollResult:
    new: int = 0
    known: int = 0
    skipped: int = 0
    error: str = ""  # a FetchError code
    skipped_items: list[tuple[str, str]] = field(default_factory=list)  # (title, FeedEntry.Reason)

    @property
    def failed(self) -> int:
        return self.skipped

    def counts(self) -> dict:
        return {"new": self.new, "known": self.known, "skipped": self.skipped}


class SkippedItem(Exception):
    """An item that cannot become a draft; args[0] is a FeedEntry.Reason."""


def _published(entry) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:  # year 0 and the like: the date is left out, not the item
                return None
    return None


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return html_to_text(content["value"])[0]
    return html_to_text(entry.get("summary") or entry.get("description") or "")[0]


def _link(entry, feed_url: str) -> str:
    """The item's address, resolved against the feed's; "" when it has none.

    A <guid> is an identifier, not necessarily an address: feedparser copies a guid into the link
    when the item has no <link> (and then lists no links), and such a copy counts only if it is an
    absolute web address. A real <link> that does not resolve to one (javascript:, mailto:, ...)
    skips the item."""
    link = (entry.get("link") or "").strip()
    if not link:
        return ""
    if not entry.get("links"):  # the guid's copy
        try:
            _web_address(link)
        except ValidationError:
            return ""
        return link
    resolved = urljoin(feed_url, link)
    try:
        _web_address(resolved)
    except ValidationError:
        raise SkippedItem(FeedEntry.Reason.LINK) from None
    if len(resolved) > 1000:
        raise SkippedItem(FeedEntry.Reason.LINK)
    return resolved


def _key(entry) -> str:
    key = (entry.get("id") or entry.get("link") or "").strip()
    if key:
        return key[:1000]
    content = "\n".join([entry.get("title") or "", entry.get("summary") or ""])
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()


def _take(entry, subscription: FeedSubscription, key: str) -> str:
    """Draft one item in one transaction with the memory of having taken it: "new" or "known"."""
    try:
        with transaction.atomic():
            outcome = services.ingest_text(
                text=_entry_text(entry),
                title=entry.get("title") or "",
                url=_link(entry, subscription.url),
                published_on=_published(entry),
                feed_home=subscription.home,  # the feed's country, when it has one, else per item
                outlet_url=subscription.url,
                classification=subscription.classification,
                username=f"feed {subscription.pk}",
            )
            FeedEntry.objects.create(
                subscription=subscription, key=key, draft=outcome.draft, title=_title(entry)
            )
    except NotArabic:
        raise SkippedItem(FeedEntry.Reason.NOT_ARABIC) from None
    except UnreadableDocument:
        raise SkippedItem(FeedEntry.Reason.EMPTY) from None
    except (ValidationError, ValueError) as error:
        log.warning("feed %s: item %r not stored: %s", subscription.pk, key, error)
        raise SkippedItem(FeedEntry.Reason.INVALID) from None
    except services.DraftError as error:
        log.warning("feed %s: item %r not drafted: %s", subscription.pk, key, error)
        raise SkippedItem(FeedEntry.Reason.REFUSED) from None
    return "new" if outcome.status == "new" else "known"


def _title(entry) -> str:
    return (entry.get("title") or "").strip()[:500]


def _remember_skipped(subscription: FeedSubscription, key: str, entry, reason: str) -> None:
    try:
        with transaction.atomic():
            FeedEntry.objects.create(subscription=subscription, key=key, title=_title(entry), reason=reason)
    except IntegrityError:  # another poll of the same feed got there first
        pass


def _finish(subscription: FeedSubscription, result: PollResult) -> PollResult:
    FeedSubscription.objects.filter(pk=subscription.pk).update(
        last_polled_at=timezone.now(),
        last_error=result.error,
        last_result=result.counts(),
        poll_requested_at=None,
    )
    return result


def _read_feed(subscription: FeedSubscription) -> feedparser.FeedParserDict:
    timeout = float(getattr(settings, "TAAWUN_FEED_TIMEOUT", 20))
    data = fetch(subscription.url, limit=max_bytes(), timeout=timeout)
    if len(data) > max_bytes():
        raise UnreadableDocument(FetchError.TOO_LARGE)
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise UnreadableDocument(FetchError.UNREADABLE)
    return parsed


def feed_poll(subscription: FeedSubscription) -> PollResult:
    """Take the feed's new items into the review queue; one transaction per item."""
    result = PollResult()
    try:
        parsed = _read_feed(subscription)
    except FetchFailed as error:
        log.warning("feed %s (%s) could not be fetched: %s", subscription.pk, subscription.url, error)
        result.error = FetchError.FETCH
        return _finish(subscription, result)
    except UnreadableDocument as error:
        log.warning("feed %s (%s): %s", subscription.pk, subscription.url, error.args[0])
        result.error = error.args[0]
        return _finish(subscription, result)
    for entry in parsed.entries:
        key = _key(entry)
        if FeedEntry.objects.filter(subscription=subscription, key=key).exists():
            continue
        try:
            status = _take(entry, subscription, key)
        except SkippedItem as skipped:
            reason = skipped.args[0]
            _remember_skipped(subscription, key, entry, reason)
            result.skipped += 1
            result.skipped_items.append((_title(entry), reason))
            continue
        except IntegrityError:  # another poll of the same feed took this item at the same moment
            continue
        if status == "new":
            result.new += 1
        else:
            result.known += 1
    return _finish(subscription, result)


def poll_all() -> dict[int, PollResult]:
    """Poll every active feed; a feed that fails in any way is logged and the others go on."""
    results = {}
    for feed in FeedSubscription.objects.filter(active=True).order_by("pk"):
        try:
            results[feed.pk] = feed_poll(feed)
        except Exception:  # noqa: BLE001 - one feed must never stop the others
            log.exception("feed %s: the poll failed", feed.pk)
            results[feed.pk] = PollResult(error=FetchError.UNREADABLE)
            try:
                _finish(feed, results[feed.pk])
            except Exception:  # noqa: BLE001 - nor may writing down that it failed
                log.exception("feed %s: the failed poll could not be recorded", feed.pk)
    return results
