"""Finding records by the words typed into a picker: Arabic as the reader types it (hamza,
alef forms, ta marbuta, spacing and diacritics do not matter), English as typed, a code or an
abbreviation exactly.

The database cannot normalise Arabic in an index, so it narrows the rows with the longest piece
of each word that normalisation leaves unchanged (`stable_fragment`), and the words are then
checked on the normalised text of at most SCAN rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from taawun.extract import normalize, normalize_arabic

RESULTS = 20
SCAN = 500  # rows narrowed by the database that are checked word by word
LONGEST_QUERY = 100


def _unstable_pattern() -> re.Pattern:
    """Characters normalisation changes, drops or produces (both sides of the engine's table)."""
    chars = set(normalize._TABLE) | {v for v in normalize._TABLE.values() if v} | set(normalize._DROPPED)
    return re.compile("[\\sA-Za-z" + "".join(re.escape(char) for char in sorted(chars)) + "]+")


_UNSTABLE = _unstable_pattern()


def stable_fragment(name: str) -> str:
    """The longest piece of the name that Arabic normalisation leaves unchanged (no alef, hamza,
    ya, ta marbuta, diacritics or spaces), for narrowing a search in the database."""
    pieces = [piece for piece in _UNSTABLE.split(name or "") if piece]
    return max(pieces, key=len) if pieces else ""


def _comparable(text: str) -> str:
    """Normalised Arabic with the servant names joined as people write them either way
    ("عبد الله" and "عبدالله", "عبد الرحمن" and "عبدالرحمن")."""
    return normalize_arabic(text or "").replace("عبد ال", "عبدال")


def typed(value: str | None) -> str:
    """The words typed into a picker, or "" when too few to search on (one letter finds half
    the registry)."""
    query = " ".join((value or "").split())[:LONGEST_QUERY]
    return query if len(query) >= 2 else ""


@dataclass(frozen=True)
class SearchFields:
    """Where a record type's name is kept: an Arabic field, an English one, and fields matched
    exactly (a partner's code, an agency's abbreviation)."""

    arabic: str
    english: str = ""
    exact: tuple[str, ...] = ()

    @classmethod
    def of(cls, model: type[models.Model]) -> SearchFields:
        """The name fields of a bilingual record (name_ar/name_en, title_ar/title_en), else its
        title: every record type of the registry has one of these."""
        names = {field.name for field in model._meta.get_fields()}
        exact = tuple(name for name in ("code", "abbreviation") if name in names)
        for stem in ("name", "title"):
            if f"{stem}_ar" in names:
                return cls(f"{stem}_ar", f"{stem}_en" if f"{stem}_en" in names else "", exact)
        if "title" in names:
            return cls("title", "", exact)
        raise ValueError(f"{model._meta.label} has no name or title to search on")


def matching(queryset: models.QuerySet, query: str, fields: SearchFields, *, limit: int = RESULTS) -> list:
    """Rows of `queryset` whose Arabic field holds every word typed (normalised), whose English
    field holds the whole query, or whose exact fields are the query; in the queryset's order."""
    if not query:
        return []
    narrowed = Q()
    for fragment in (stable_fragment(word) for word in query.split()):
        if fragment:
            narrowed &= Q(**{f"{fields.arabic}__contains": fragment})
    wider = Q(**{f"{fields.arabic}__icontains": query})
    if fields.english:
        wider |= Q(**{f"{fields.english}__icontains": query})
    for name in fields.exact:
        wider |= Q(**{f"{name}__iexact": query})
    wanted = _comparable(query).split()
    lowered = query.lower()

    def holds(row) -> bool:
        arabic = _comparable(getattr(row, fields.arabic))
        if all(word in arabic for word in wanted):
            return True
        if fields.english and lowered in (getattr(row, fields.english) or "").lower():
            return True
        return any(lowered == (getattr(row, name) or "").lower() for name in fields.exact)

    found = []
    for row in queryset.filter(narrowed | wider)[:SCAN]:
        if holds(row):
            found.append(row)
            if len(found) == limit:
                break
    return found
