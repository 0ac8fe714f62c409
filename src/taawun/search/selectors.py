"""One search interface over every indexed record type, filtered by the reader's clearance.

Clearance is enforced in the query itself, twice: the index row's classification must be one the
reader may see, and the live record must be in `Model.objects.visible_to(reader)` (an EXISTS on
its primary key), so a record whose classification was raised without re-indexing is still hidden
from results and counts. The records of the page are then loaded through `visible_to` again;
titles and snippets are built from them only, never from the index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from taawun.access.policy import visible_levels
from taawun.search.backends import Candidates, engine, rank_window
from taawun.search.indexing import KIND_KEYS, IndexedKind, kind_named
from taawun.search.models import SearchDocument
from taawun.search.snippets import Matcher, highlight, snippet
from taawun.search.text import query_terms


@dataclass(frozen=True)
class Hit:
    kind: IndexedKind
    record: Any
    score: float
    title_html: SafeString
    snippet_html: SafeString
    date: dt.date | None


@dataclass(frozen=True)
class SearchPage:
    results: list[Hit]
    total: int
    terms: tuple[str, ...] = ()
    prefix: bool = False  # no document had every word, so the words were taken as beginnings
    windowed: bool = False  # more records match than are ranked: the newest ones are (backends.rank_window)
    window: int = 0


def _candidates(
    user,
    *,
    kinds: Iterable[str] | None,
    party: str | None,
    domain: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> Candidates | None:
    """The documents the user may see that pass the filters (None when no record type is left)."""
    keys = [key for key in (kinds or KIND_KEYS) if key in KIND_KEYS]
    if not keys:
        return None
    records = {key: kind_named(key).model._default_manager.visible_to(user) for key in keys}
    documents = SearchDocument.objects.filter(kind__in=keys, classification__in=visible_levels(user))
    if party:
        documents = documents.filter(parties__contains=f" {party} ")
    if domain:
        documents = documents.filter(domains__contains=f" {domain} ")
    if date_from:
        documents = documents.filter(date__gte=date_from)
    if date_to:
        documents = documents.filter(date__lte=date_to)
    return Candidates(documents, records)


def _hits(user, ranked_ids: list[int], scores: dict[int, float], matcher: Matcher) -> list[Hit]:
    documents = SearchDocument.objects.in_bulk(ranked_ids)
    wanted: dict[str, list[int]] = {}
    for doc_id in ranked_ids:
        wanted.setdefault(documents[doc_id].kind, []).append(documents[doc_id].object_id)
    records: dict[tuple[str, int], Any] = {}
    for key, object_ids in wanted.items():
        kind = kind_named(key)
        for record in kind.model._default_manager.visible_to(user).filter(pk__in=object_ids):
            records[(key, record.pk)] = record
    hits = []
    for doc_id in ranked_ids:
        document = documents[doc_id]
        record = records.get((document.kind, document.object_id))
        if record is None:  # hidden since the query ran: never shown
            continue
        kind = kind_named(document.kind)
        title = " · ".join(dict.fromkeys(text for text in kind.titles(record) if text and text.strip()))
        hits.append(
            Hit(
                kind=kind,
                record=record,
                score=scores[doc_id],
                title_html=highlight(title or str(record), matcher),
                snippet_html=snippet(kind.texts(record), matcher),
                date=kind.date(record),
            )
        )
    return hits


def search(
    user,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    party: str | None = None,
    domain: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Records matching every word of the query (as stems; as word beginnings when no record has
    them all), best first, among those the user may see and the filters allow."""
    terms = query_terms(query)
    if not terms or not visible_levels(user):
        return SearchPage(results=[], total=0)
    candidates = _candidates(
        user, kinds=kinds, party=party, domain=domain, date_from=date_from, date_to=date_to
    )
    if candidates is None:
        return SearchPage(results=[], total=0, terms=tuple(terms))
    backend = engine()
    prefix = False
    ranked = backend.rank(candidates, terms, prefix=False, limit=limit, offset=offset)
    if ranked.total == 0:
        prefix = True
        ranked = backend.rank(candidates, terms, prefix=True, limit=limit, offset=offset)
    hits = _hits(user, ranked.ids, ranked.scores, Matcher(tuple(terms), prefix=prefix))
    return SearchPage(
        results=hits,
        total=ranked.total,
        terms=tuple(terms),
        prefix=prefix,
        windowed=ranked.windowed,
        window=rank_window(),
    )
