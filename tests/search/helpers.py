"""Helpers for the search tests: a search that answers with the records found, best first."""

from __future__ import annotations

from taawun.search.selectors import search


def found(user, query: str, **filters) -> list:
    """The records a search finds, best first (the first page of 100)."""
    return [hit.record for hit in search(user, query, limit=100, **filters).results]
