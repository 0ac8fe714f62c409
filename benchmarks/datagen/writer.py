"""Writing generated rows straight into the tables: COPY on PostgreSQL, executemany on SQLite.

Why not `bulk_create`: at a million engagements the generator writes some fourteen million rows,
and the ORM's per-object work (a model instance, then every field prepared one by one, and on
SQLite statements of a few dozen rows to stay under its variable limit) made loading rows ten
times slower than the database itself (3,300 engagements a second against 34,000, measured on
SQLite). Rows here are plain tuples in a declared column order. Table and column names still
come from the models' `_meta`, columns the generator does not fill take the field's default,
and a new required field without one stops the generator with its name instead of inserting a
broken row.

Like `bulk_create`, this sends no signals: what signals would have done (the search index, the
dashboard figures going stale) the generator does itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models


class Table:
    """One model's table and the columns the generator fills, in the order of its rows."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, explicit_pk: bool):
        self.model = model
        self.explicit_pk = explicit_pk
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        unknown = [name for name in fields if name not in by_attname]
        if unknown:
            raise ValueError(f"{model._meta.label} has no column {', '.join(unknown)}")
        self.fields = [by_attname[name] for name in fields]
        self.defaults: tuple = ()
        missing = [
            field
            for field in model._meta.concrete_fields
            if field.attname not in fields and not (field.primary_key and not explicit_pk)
        ]
        defaults, defaulted = [], []
        for field in missing:
            if field.has_default():
                defaults.append(field.get_default())
            elif field.null:
                defaults.append(None)
            elif field.has_db_default():
                continue  # left out of the INSERT: the database fills it
            else:
                raise ValueError(
                    f"{model._meta.label}.{field.name} is required and has no default: "
                    "teach the generator (benchmarks/datagen/generator.py) to fill it."
                )
            defaulted.append(field)
        self.fields += defaulted
        self.defaults = tuple(defaults)
        self.columns = [field.column for field in self.fields]

    @property
    def name(self) -> str:
        return self.model._meta.db_table


def _sqlite_adapter(field: models.Field) -> Callable | None:
    """How Django itself stores a date or a date-time on SQLite (as text; date-times naive UTC)."""
    if isinstance(field, models.DateTimeField):
        if connection.timezone_name == "UTC":
            return _naive_utc
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def _naive_utc(value: dt.datetime) -> str:
    """Django's adapter, short-cut for the UTC moments the generator makes (the same text)."""
    if value.tzinfo is dt.UTC:
        return str(value.replace(tzinfo=None))
    return connection.ops.adapt_datetimefield_value(value)


def write(table: Table, rows: Iterable[tuple]) -> int:
    """Insert the rows in the current transaction; returns how many were written."""
    rows = list(rows)
    if not rows:
        return 0
    if table.defaults:
        rows = [row + table.defaults for row in rows]
    columns = ", ".join(connection.ops.quote_name(column) for column in table.columns)
    table_name = connection.ops.quote_name(table.name)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elif connection.vendor == "sqlite":
            adapters = [(index, _sqlite_adapter(field)) for index, field in enumerate(table.fields)]
            adapters = [(index, adapt) for index, adapt in adapters if adapt is not None]
            if adapters:
                rows = [_adapt(row, adapters) for row in rows]
            marks = ", ".join("?" * len(table.columns))
            cursor.cursor.executemany(f"INSERT INTO {table_name} ({columns}) VALUES ({marks})", rows)
        else:
            raise RuntimeError(f"The generator supports SQLite and PostgreSQL, not {connection.vendor}.")
    return len(rows)


def _adapt(row: tuple, adapters: list[tuple[int, Callable]]) -> tuple:
    values = list(row)
    for index, adapt in adapters:
        if values[index] is not None:
            values[index] = adapt(values[index])
    return tuple(values)


def prepare_connection() -> None:
    """SQLite, before the transaction: temporary files on disk, not in memory as the settings ask
    for requests (PRAGMA temp_store=MEMORY). The rebuilds after the bulk writes run in a savepoint
    of the one transaction (their own atomic blocks), and SQLite keeps the former content of every
    page a savepoint changes in a temporary sub-journal: in memory, that grew by gigabytes with the
    dataset (8 GB at 300,000 engagements; the kernel killed the run at 1,000,000). On disk, the
    same rebuild at 200,000 engagements grew by 160 MB. It cannot be changed inside a transaction
    (a test's: its datasets are small)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA temp_store = FILE")


def prepare_transaction() -> None:
    """Settings for a bulk load, for the current transaction and connection.

    SQLite: a page cache of up to 1 GB for this connection: at a million engagements the indexes
    that take rows in random order (a source's hash, a participant, dates) outgrow a smaller one,
    and every insert then reads and writes pages again. PostgreSQL: foreign keys checked at the end of each COPY rather than
    at commit (Django declares them deferrable, initially deferred), so that millions of pending
    checks do not pile up in memory; parents are written before the rows that point at them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -1048576")  # in KiB
        elif connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def finish_transaction() -> None:
    """Back to Django's deferred foreign key checks for the rest of the transaction (which, in a
    test, goes on after the generator)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def next_pk(model: type[models.Model]) -> int:
    """The first free primary key: rows get their keys from the generator, so links need no
    round trip and the same seed gives the same keys."""
    last = model._base_manager.aggregate(last=models.Max("pk"))["last"]
    return (last or 0) + 1


def reset_sequences(models_with_pks: Iterable[type[models.Model]]) -> None:
    """After rows with explicit keys, move PostgreSQL's sequences past them (SQLite's
    AUTOINCREMENT counter follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_with_pks))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def utc(day: dt.date, seconds: int) -> dt.datetime:
    """A moment of a day, `seconds` after midnight UTC."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
