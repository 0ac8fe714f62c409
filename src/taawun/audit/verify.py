"""Walking the hash chain: the first entry that is not what was written, or None.

The walk and the chain head are read in one consistent snapshot (`snapshot`), so entries the
application appends meanwhile are neither half seen nor taken for deleted ones. Each entry's MAC
is checked with the audit key (taawun.audit.keys): an entry edited and re-hashed by someone who
does not hold the key fails. Entries written before MACs existed carry none; once one entry carries
a MAC, every later one must. Checkpoints (taawun.audit.checkpoints) anchor the end of the chain:
a trail cut short, with its head moved back, still verifies by itself, but no longer contains the
checkpoint's entry with the checkpoint's hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from taawun.audit import keys
from taawun.audit.checkpoints import Checkpoint
from taawun.audit.models import GENESIS_HASH, AuditEntry, ChainHead


@dataclass(frozen=True)
class Verdict:
    entries: int
    last_hash: str
    problem: str | None = None
    seq: int | None = None  # the entry where the chain breaks
    unkeyed: int = 0  # entries #1 to #unkeyed were written before the audit key (hash chain only)
    keyed_from: int | None = None  # the first entry with a MAC

    @property
    def intact(self) -> bool:
        return self.problem is None


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """One read-only view of the database for everything read inside.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (its snapshot is taken at the first
    query). SQLite: a deferred read transaction (in WAL mode it keeps the snapshot of its first
    read while writers go on; the settings' IMMEDIATE mode would take the write lock instead and
    stop every writer for the whole walk). Inside a transaction already (tests) the caller's
    transaction is the snapshot."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # nothing was written
    else:  # pragma: no cover - the project runs on SQLite and PostgreSQL
        with transaction.atomic(using=using):
            yield


def _missing(expected_seq: int, seq: int) -> str:
    if expected_seq == 1:
        return f"entry #1 to #{seq - 1}" if seq > 2 else "entry #1"
    if seq - expected_seq == 1:
        return f"entry #{expected_seq}"
    return f"entries #{expected_seq} to #{seq - 1}"


def verify_chain(chunk_size: int = 2000, checkpoints: Iterable[Checkpoint] = ()) -> Verdict:
    with snapshot():
        return _walk(chunk_size, list(checkpoints))


def _walk(chunk_size: int, checkpoints: list[Checkpoint]) -> Verdict:
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    keyed_from: int | None = None
    anchors = {checkpoint.seq: checkpoint for checkpoint in checkpoints}

    def broken(problem: str, seq: int | None) -> Verdict:
        unkeyed = count if keyed_from is None else keyed_from - 1
        return Verdict(count, prev_hash, problem, seq, unkeyed, keyed_from)

    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            return broken(
                f"Entry #{entry.seq}: {_missing(expected_seq, entry.seq)} missing (deleted) before it; "
                f"the sequence jumps from #{expected_seq - 1} to #{entry.seq}.",
                entry.seq,
            )
        computed = entry.compute_hash()
        if computed != entry.entry_hash:
            return broken(
                f"Entry #{entry.seq} was altered: its content no longer matches its hash "
                f"(stored {entry.entry_hash[:16]}…, computed {computed[:16]}…).",
                entry.seq,
            )
        if entry.prev_hash != prev_hash:
            return broken(
                f"Entry #{entry.seq} does not follow entry #{entry.seq - 1}: its previous-hash link "
                f"is broken (entries reordered, replaced, or #{entry.seq - 1} rewritten with a new hash).",
                entry.seq,
            )
        if entry.mac:
            if not keys.matches(keys.entry_mac(entry.entry_hash), entry.mac):
                return broken(
                    f"Entry #{entry.seq}: its MAC does not match. The entry was rewritten (and the chain "
                    "re-hashed) by someone without the audit key, or TAAWUN_AUDIT_KEY is not the key the "
                    "trail was written with.",
                    entry.seq,
                )
            keyed_from = entry.seq if keyed_from is None else keyed_from
        elif keyed_from is not None:
            return broken(
                f"Entry #{entry.seq} carries no MAC although entry #{keyed_from} and those after it do: "
                "it was written without the audit key.",
                entry.seq,
            )
        anchor = anchors.get(entry.seq)
        if anchor is not None and anchor.entry_hash != entry.entry_hash:
            return broken(
                f"Entry #{entry.seq} is not the entry the checkpoint of {anchor.time} recorded "
                f"(hash {anchor.entry_hash[:16]}…, now {entry.entry_hash[:16]}…): the trail was rewritten.",
                entry.seq,
            )
        expected_seq, prev_hash, count = entry.seq + 1, entry.entry_hash, count + 1

    for checkpoint in sorted(checkpoints, key=lambda checkpoint: checkpoint.seq):
        if checkpoint.seq > count:
            return broken(
                f"The trail ends at entry #{count}, but the checkpoint of {checkpoint.time} recorded "
                f"entry #{checkpoint.seq}: entries were removed from its end (and the chain head moved back).",
                count + 1,
            )
        if checkpoint.keyed_from is not None and keyed_from != checkpoint.keyed_from:
            return broken(
                f"The checkpoint of {checkpoint.time} recorded MACs from entry #{checkpoint.keyed_from}, "
                f"the trail {'from #' + str(keyed_from) if keyed_from else 'has none'}: MACs were removed "
                "and the trail rewritten.",
                checkpoint.keyed_from,
            )

    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        if count:
            return broken("The chain head record is missing; the end of the trail cannot be checked.", None)
    elif head.seq != count or head.last_hash != prev_hash:
        if head.seq > count:
            missing = (
                f"entry #{head.seq} is"
                if head.seq == count + 1
                else f"entries #{count + 1} to #{head.seq} are"
            )
            problem = (
                f"The trail ends at entry #{count} but the chain head records #{head.seq}: "
                f"{missing} missing (deleted)."
            )
        else:
            problem = (
                f"The chain head records entry #{head.seq} ({head.last_hash[:16]}…) but the trail ends at "
                f"#{count} ({prev_hash[:16]}…): entries were added or rewritten outside the application."
            )
        return broken(problem, min(head.seq, count) + 1)
    return Verdict(
        count, prev_hash, unkeyed=count if keyed_from is None else keyed_from - 1, keyed_from=keyed_from
    )
