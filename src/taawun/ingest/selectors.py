"""Reading for the review: drafts a user may see, and registry records a draft may match.

Matching proposes, a person confirms: nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet

from taawun.extract import normalize_arabic
from taawun.ingest.models import Draft, FeedSubscription, ImportBatch
from taawun.registry import resolution
from taawun.registry.models import Agency, Engagement, Person

_WORD = re.compile(r"\w{3,}")
MERGE_WINDOW = dt.timedelta(days=3)  # reports of one event give dates a few days apart
MERGE_SIMILARITY = 0.2
MERGE_LOOKBACK = dt.timedelta(days=62)  # an engagement that began earlier and is still running


def drafts_visible_to(user, *, status: str | None = None) -> QuerySet[Draft]:
    queryset = Draft.objects.visible_to(user).select_related("source", "created_by", "engagement")
    return queryset.filter(status=status) if status else queryset


def batches_visible_to(user) -> QuerySet[ImportBatch]:
    """A batch is its uploader's (an administrator sees all): it lists the names of their files."""
    queryset = ImportBatch.objects.all()
    return queryset if user.role == "administrator" else queryset.filter(created_by=user)


def feeds_visible_to(user) -> QuerySet[FeedSubscription]:
    return FeedSubscription.objects.visible_to(user)


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A name as matching compares it: normalised Arabic, single spaces."""
    return " ".join(normalize_arabic(name or "").split())


def person_candidates(user, *, name: str, party: str | None, rank: str | None = None) -> list[Person]:
    """The people proposed for a name read in an article (see taawun.registry.resolution)."""
    return [
        candidate.record
        for candidate in resolution.person_candidates(user, name=name, party=party, rank=rank)
    ]


def agency_candidates(user, *, name: str, party: str | None) -> list[Agency]:
    """The party's agencies that go by that name (see taawun.registry.resolution)."""
    return [candidate.record for candidate in resolution.agency_candidates(user, name=name, party=party)]


def agency_match(user, *, name: str, party: str | None) -> Agency | None:
    """The party's agency of that normalised name (Arabic, English or abbreviation)."""
    candidates = agency_candidates(user, name=name, party=party)
    return candidates[0] if candidates else None


def agency_in_position(user, *, position: str, party: str | None) -> Agency | None:
    """The party's agency whose Arabic name the position mentions ("مدير عام مكافحة المخدرات")."""
    text = name_key(position)
    if not text or not party:
        return None
    best = None
    for agency in Agency.objects.visible_to(user).filter(party_id=party).exclude(name_ar=""):
        key = name_key(agency.name_ar)
        if key and key in text and (best is None or len(key) > len(name_key(best.name_ar))):
            best = agency
    return best


def words(text: str) -> set[str]:
    return set(_WORD.findall(normalize_arabic(text or "")))


def similarity(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True)
class MergeCandidate:
    engagement: Engagement
    score: float


def _dates_compatible(start: dt.date | None, end: dt.date | None, engagement: Engagement) -> bool:
    if start is None or engagement.start_date is None:
        return start is None and engagement.start_date is None
    other_end = engagement.end_date or engagement.start_date
    end = end or start
    return start - MERGE_WINDOW <= other_end and engagement.start_date <= end + MERGE_WINDOW


def merge_candidates(
    user,
    *,
    parties: set[str],
    host: str | None = None,
    start: dt.date | None,
    end: dt.date | None,
    text: str,
    exclude_source=None,
) -> list[MergeCandidate]:
    """Engagements that look like the same event: the same parties, compatible dates, similar text."""
    if not parties:
        return []
    queryset = (
        Engagement.objects.visible_to(user)
        .filter(Q(host_id__in=parties) | Q(guests__code__in=parties))
        .distinct()
        .prefetch_related("guests", "sources")
    )
    if host:
        queryset = queryset.filter(host_id=host)
    if start is not None:
        queryset = queryset.filter(
            start_date__gte=start - MERGE_LOOKBACK, start_date__lte=(end or start) + MERGE_WINDOW
        )
    if exclude_source is not None:
        queryset = queryset.exclude(sources=exclude_source)
    mine = words(text)
    found = []
    for engagement in queryset[:200]:
        theirs = {engagement.host_id} if engagement.host_id else set()
        theirs |= {guest.code for guest in engagement.guests.all()}
        if theirs != parties or not _dates_compatible(start, end, engagement):
            continue
        reported = " ".join(
            [engagement.title_ar, engagement.summary, *(source.text for source in engagement.sources.all())]
        )
        score = similarity(mine, words(reported))
        if score >= MERGE_SIMILARITY:
            found.append(MergeCandidate(engagement, round(score, 2)))
    return sorted(found, key=lambda candidate: -candidate.score)[:5]
