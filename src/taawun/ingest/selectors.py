"""Reading for the review: drafts a user may see, and registry records a draft may match.

Matching proposes, a person confirms: nothing here writes.
"""

from __future__ import annotations

from functools import lru_cache

from django.db.models import QuerySet

from taawun.extract import normalize_arabic
from taawun.ingest.models import Draft, FeedSubscription, ImportBatch
from taawun.registry import resolution
from taawun.registry.models import Agency, Person


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
