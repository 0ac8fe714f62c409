"""A fingerprint of the generated tables, to check that a seed reproduces its dataset.

Rows are read in a fixed order, keys included where the generator chose them; keys the database
assigns (link tables, participations, search documents) and the moment of indexing are left
out, since PostgreSQL's sequences do not roll back and would differ between two otherwise equal
runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .generator import Generator
from .index import Indexer
from .writer import Table


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "\x00" if value is None else str(value)


def _columns(table: Table) -> list[str]:
    skipped = {"indexed_at"}
    if not table.explicit_pk:
        skipped.add(table.model._meta.pk.attname)
    return [field.attname for field in table.fields if field.attname not in skipped]


def dataset_digest() -> str:
    """SHA-256 over every table the generator writes, table by table."""
    tables = {**Generator._tables(), "search_document": Indexer().table}
    digest = hashlib.sha256()
    for key in sorted(tables):
        columns = _columns(tables[key])
        digest.update(f"\x1e{key}:{','.join(columns)}\x1e".encode())
        table = tables[key]
        order = ["pk"] if table.explicit_pk else columns  # the leading key columns decide the order
        rows = table.model._base_manager.order_by(*order).values_list(*columns)
        for row in rows.iterator(chunk_size=5000):
            digest.update("\x1f".join(_text(value) for value in row).encode())
            digest.update(b"\n")
    return digest.hexdigest()
