"""Search documents for the generated records, written in the same batches as the records.

Loading in bulk sends no signals, so nothing indexes the rows by itself, and reading millions of
rows back to index them (`taawun reindex`) would be a second pass as long as the first. So each
document is built here, from what the generator has in hand, the way `taawun reindex` builds it
(`taawun.search.services._document_fields`): the search app's definitions of what is indexed
(`taawun.search.indexing.KINDS`) applied to light stand-ins for the records, and its text
pipeline (`index_text`) for the terms, word by word: a text's terms are the terms of its
white-space separated words in order (normalisation and tokenisation never cross white space),
and the words of generated records repeat, so each distinct word is put through the pipeline
once and cached. That makes indexing several times faster and changes nothing in the result.

A stand-in carries the attributes the definitions read (related records as `.all()` lists of
keys); a definition that starts reading anything else fails here with an AttributeError, and
tests/bench checks every document against a `reindex` of the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from taawun.search.indexing import codes, kind_named
from taawun.search.models import SearchDocument
from taawun.search.text import index_text

from .writer import Table, write

CACHE_LIMIT = 500_000  # distinct words kept; the cache starts again when full


class Ref(NamedTuple):
    """A related record as the index sees it: only its key."""

    pk: object


class Linked:
    """A many-to-many link as the index reads it: `.all()`."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable):
        self.items = list(items)

    def all(self) -> list:
        return self.items


def linked(pks: Iterable) -> Linked:
    return Linked(Ref(pk) for pk in pks)


# SQLite's full-text table and the trigger that feeds it, from migration search/0002.
FTS_TABLE = "search_fts"
FTS_INSERT_TRIGGER = "search_fts_insert"


@contextmanager
def full_text_in_one_pass() -> Iterator[None]:
    """SQLite: fill the full-text table once, after the documents, instead of row by row.

    The trigger of migration search/0002 adds each document to the FTS5 table as it is inserted;
    FTS5 then writes a small segment per statement and spends its time merging them (a third of
    the generator's time at 100,000 engagements, more beyond). So, inside the caller's
    transaction, the trigger is taken out, and put back (as it was, from its stored SQL) after
    FTS5's own 'rebuild' has indexed the documents in one pass. If anything fails in between,
    the transaction rolls back, the trigger with it. Nothing to do on PostgreSQL, whose
    generated column and GIN index follow the rows by themselves."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT_TRIGGER]
        )
        trigger = cursor.fetchone()
        if trigger is not None:
            cursor.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
    yield
    if trigger is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            cursor.execute(trigger[0])


class Indexer:
    COLUMNS = ["kind", "object_id", "classification", "parties", "domains", "date", "title_terms", "body_terms",
               "indexed_at"]  # fmt: skip

    def __init__(self) -> None:
        self.table = Table(SearchDocument, self.COLUMNS, explicit_pk=False)
        self.rows: list[tuple] = []
        self.now = timezone.now()
        self.cache: dict[str, str] = {}

    def terms(self, *texts: str) -> str:
        """index_text(*texts), word by word from the cache."""
        cache, found = self.cache, []
        for text in texts:
            if not text:
                continue
            for word in text.split():
                terms = cache.get(word)
                if terms is None:
                    if len(cache) >= CACHE_LIMIT:
                        cache.clear()
                    terms = cache[word] = index_text(word)
                if terms:
                    found.append(terms)
        return " ".join(found)

    def add(self, key: str, pk: int, **attributes) -> SimpleNamespace:
        """Queue the document of a record of kind `key`; returns its stand-in (a source's
        document reads its engagements' stand-ins)."""
        record = SimpleNamespace(pk=pk, **attributes)
        kind = kind_named(key)
        self.rows.append((
            key, pk, record.classification, codes(kind.parties(record)), codes(kind.domains(record)),
            kind.date(record), self.terms(*kind.titles(record)), self.terms(*kind.texts(record), *kind.extras(record)),
            self.now,
        ))  # fmt: skip
        return record

    def flush(self) -> int:
        """Write the queued documents in the current transaction."""
        count = write(self.table, self.rows)
        self.rows = []
        return count
