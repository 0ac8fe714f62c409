"""`audit verify` reads the chain in one snapshot while the application goes on writing.

Run without one, the walk and the chain head were read at different moments: an entry committed
in between made the head point past the walk's last entry, reported as deleted entries. Here a
real writer (another thread, its own connection) appends and commits an entry while the verifier
is half way through the walk: on PostgreSQL through the test database, on SQLite through a
database file in WAL mode (the in-memory test database has no concurrent connections).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connections, transaction

from taawun.audit.models import Action, AuditedRecord, AuditEntry, ChainHead
from taawun.audit.services import append_all
from taawun.audit.verify import Verdict, verify_chain

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
ENTRIES = 40
MIDWAY = 15  # the verifier has checked this entry when the writer commits
TIMEOUT = 60


def fill(count: int) -> None:
    with transaction.atomic():
        append_all([{"action": Action.VIEW, "note": f"entry {n}"} for n in range(count)])


def verify_while_a_writer_commits(monkeypatch, use_database: Callable[[], None]) -> tuple[Verdict, list]:
    """Verify in one thread; when it reaches entry #MIDWAY, a writer in another thread appends an
    entry and commits, and only then does the verifier go on. Returns the verdict and any error."""
    go, done = threading.Event(), threading.Event()
    verdicts: list[Verdict] = []
    errors: list[BaseException] = []
    compute_hash = AuditEntry.compute_hash

    def compute_hash_then_let_the_writer_in(entry):
        if threading.current_thread().name == "verifier" and entry.seq == MIDWAY and not go.is_set():
            go.set()
            assert done.wait(TIMEOUT), "the writer did not commit"
        return compute_hash(entry)

    monkeypatch.setattr(AuditEntry, "compute_hash", compute_hash_then_let_the_writer_in)

    def in_thread(work):
        def run():
            try:
                use_database()
                work()
            except BaseException as error:  # noqa: BLE001 - reported by the caller
                errors.append(error)
                go.set()
                done.set()
            finally:
                connections.close_all()

        return run

    def write():
        assert go.wait(TIMEOUT), "the verifier never reached the middle of the walk"
        fill(1)
        done.set()

    threads = [
        threading.Thread(target=in_thread(write), name="writer"),
        threading.Thread(
            target=in_thread(lambda: verdicts.append(verify_chain(chunk_size=5))), name="verifier"
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return (verdicts[0] if verdicts else None), errors


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the PostgreSQL run of this test; SQLite's is below")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_verify_on_postgresql_sees_one_snapshot_while_an_entry_is_committed(monkeypatch):
    fill(ENTRIES)

    verdict, errors = verify_while_a_writer_commits(monkeypatch, lambda: None)

    assert errors == []
    assert verdict.intact, verdict.problem
    assert verdict.entries == ENTRIES
    assert AuditEntry.objects.count() == ENTRIES + 1  # the writer's entry is there, after the snapshot
    assert verify_chain().entries == ENTRIES + 1


@pytest.fixture
def sqlite_file_database(tmp_path):
    """A function that points the calling thread's default connection at a WAL database file
    holding the audit tables (the settings' own options: WAL, IMMEDIATE writers)."""
    config = {**connections["default"].settings_dict, "NAME": str(tmp_path / "audit.sqlite3")}
    wrapper_class = type(connections["default"])

    def use_database() -> None:
        connections["default"] = wrapper_class(dict(config), alias="default")

    def create_tables() -> None:
        use_database()
        try:
            with connections["default"].schema_editor() as editor:
                for model in (AuditEntry, ChainHead, AuditedRecord):
                    editor.create_model(model)
            ChainHead.objects.create(pk=1)
            fill(ENTRIES)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=create_tables)  # leaves this thread's test database alone
    thread.start()
    thread.join(TIMEOUT)
    return use_database


@pytest.mark.skipif(ON_POSTGRESQL, reason="the SQLite run of this test; PostgreSQL's is above")
@pytest.mark.django_db
def test_verify_on_sqlite_sees_one_snapshot_while_an_entry_is_committed(monkeypatch, sqlite_file_database):
    verdict, errors = verify_while_a_writer_commits(monkeypatch, sqlite_file_database)

    assert errors == []
    assert verdict.intact, verdict.problem
    assert verdict.entries == ENTRIES

    after: list[Verdict] = []

    def verify_again():
        sqlite_file_database()
        try:
            after.append(verify_chain())
        finally:
            connections["default"].close()

    thread = threading.Thread(target=verify_again)
    thread.start()
    thread.join(TIMEOUT)
    assert after[0].intact and after[0].entries == ENTRIES + 1  # the writer's entry is there
