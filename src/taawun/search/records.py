"""What the search index gives the record types it holds: their pickers find engagements and
sources through the index (words as stems, or as beginnings while still being typed) instead of
scanning a million titles."""

from __future__ import annotations

from taawun.records import catalog, lookup
from taawun.registry.models import Engagement, Source
from taawun.search.selectors import search


def _found_in_the_index(kind: str):
    def find(user, query: str) -> list:
        return [hit.record for hit in search(user, query, kinds=[kind], limit=lookup.RESULTS).results]

    return find


catalog.provide(Engagement, find=_found_in_the_index("engagement"))
catalog.provide(Source, find=_found_in_the_index("source"))
