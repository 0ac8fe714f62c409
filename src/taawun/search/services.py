"""Keeping the index current: index a record, take one out, rebuild everything.

The index is a derived projection, not business state: these functions change no record and so
write no audit entry (the records' own services audit the changes that trigger them). They run
inside the caller's transaction, so a rolled-back change leaves the index as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import models, transaction
from django.utils import timezone

from taawun.search.indexing import KINDS, IndexedKind, codes, kind_named, kind_of
from taawun.search.models import SearchDocument
from taawun.search.text import index_text

REINDEX_BATCH = 500


def _document_fields(kind: IndexedKind, record: models.Model) -> dict:
    return {
        "classification": record.classification,
        "parties": codes(kind.parties(record)),
        "domains": codes(kind.domains(record)),
        "date": kind.date(record),
        "title_terms": index_text(*kind.titles(record)),
        "body_terms": index_text(*kind.texts(record), *kind.extras(record)),
    }


@contextmanager
def _links_known_empty(record: models.Model, kind: IndexedKind) -> Iterator[None]:
    """While a just-inserted record is indexed, answer its many-to-many links as empty without asking
    the database: no link can point at a row that did not exist a moment ago."""
    names = {lookup.split("__")[0] for lookup in kind.prefetch}
    cache = record.__dict__.setdefault("_prefetched_objects_cache", {})
    kept = {name: cache[name] for name in names if name in cache}
    for name in names:
        empty = getattr(record, name).none()
        empty._result_cache, empty._prefetch_done = [], True  # as prefetch_related leaves it: no query
        cache[name] = empty
    try:
        yield
    finally:
        for name in names:
            cache.pop(name, None)
        cache.update(kept)


def index_record(record: models.Model, *, created: bool = False) -> None:
    """Bring the record's search document up to date (create it the first time).

    `created` says the record was inserted just now, so it has no links yet.
    """
    kind = kind_of(record)
    if kind is None or record.pk is None:
        return
    if created:
        with _links_known_empty(record, kind):
            fields = _document_fields(kind, record)
    else:
        fields = _document_fields(kind, record)
    # One statement, insert or update (SQLite and PostgreSQL both have ON CONFLICT ... DO UPDATE):
    # a document left by a row deleted behind the ORM's back is overwritten, never a clash.
    document = SearchDocument(kind=kind.key, object_id=record.pk, indexed_at=timezone.now(), **fields)
    SearchDocument.objects.bulk_create(
        [document],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[*fields, "indexed_at"],
    )


def unindex_record(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


@transaction.atomic
def reindex(*, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the index of the given kinds (all by default) from the records; returns the number
    of documents per kind."""
    counts: dict[str, int] = {}
    for key in kinds or [kind.key for kind in KINDS]:
        kind = kind_named(key)
        SearchDocument.objects.filter(kind=key).delete()
        queryset = kind.model._default_manager.order_by("pk").prefetch_related(*kind.prefetch)
        batch: list[SearchDocument] = []
        counts[key] = 0
        for record in queryset.iterator(chunk_size=REINDEX_BATCH):
            batch.append(SearchDocument(kind=key, object_id=record.pk, **_document_fields(kind, record)))
            if len(batch) >= REINDEX_BATCH:
                SearchDocument.objects.bulk_create(batch)
                counts[key] += len(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
        counts[key] += len(batch)
    return counts
