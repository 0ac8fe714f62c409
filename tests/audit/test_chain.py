"""The trail is append-only and tamper-evident: `taawun audit verify` finds what was changed."""

from __future__ import annotations

import io
import threading

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from taawun.audit.models import Action, AuditEntry, AuditTrailImmutable
from taawun.audit.services import append, append_all, audit_denied, audit_view
from taawun.cli import main
from tests.audit.helpers import entries, web_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_entries(officer):
    for number in (1, 2, 3):
        with transaction.atomic():
            append(action=Action.VIEW, actor=officer, model_label="registry.person", object_pk=str(number))
    return entries()


def verify() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


TABLE = AuditEntry._meta.db_table


def test_verify_reports_an_intact_chain_with_its_length(three_entries):
    assert "Audit trail intact: 3 entries" in verify()


def test_verify_passes_on_an_empty_trail():
    assert "Audit trail intact: 0 entries" in verify()


def test_verify_detects_an_entry_edited_in_the_database(three_entries):
    raw(f"UPDATE {TABLE} SET object_repr = %s WHERE seq = 2", ["forged"])

    with pytest.raises(CommandError, match=r"BROKEN at entry #2: Entry #2 was altered"):
        verify()


def test_verify_detects_an_edit_whose_hash_was_recomputed_by_the_next_entry(three_entries):
    forged = entries()[1]
    forged.object_pk = "999"  # in memory only: the ORM would refuse to save it
    # As entries written before the audit key: no MAC, only the chain (tests/audit/test_keys.py).
    raw(f"UPDATE {TABLE} SET mac = ''")
    raw(f"UPDATE {TABLE} SET object_pk = %s, entry_hash = %s WHERE seq = 2", ["999", forged.compute_hash()])

    with pytest.raises(CommandError, match=r"BROKEN at entry #3: Entry #3 does not follow entry #2"):
        verify()


def test_verify_detects_an_edit_whose_hash_was_recomputed_by_its_mac(three_entries):
    forged = entries()[1]
    forged.object_pk = "999"
    raw(f"UPDATE {TABLE} SET object_pk = %s, entry_hash = %s WHERE seq = 2", ["999", forged.compute_hash()])

    with pytest.raises(CommandError, match=r"BROKEN at entry #2: Entry #2: its MAC does not match"):
        verify()


def test_verify_detects_a_deleted_entry_and_says_which(three_entries):
    raw(f"DELETE FROM {TABLE} WHERE seq = 2")

    with pytest.raises(CommandError, match=r"BROKEN at entry #3: .*entry #2 missing \(deleted\)"):
        verify()


def test_verify_detects_entries_deleted_from_the_end(three_entries):
    raw(f"DELETE FROM {TABLE} WHERE seq = 3")

    with pytest.raises(CommandError, match=r"BROKEN at entry #3: .*entry #3 is missing \(deleted\)"):
        verify()


def test_verify_detects_reordered_entries(three_entries):
    raw(f"UPDATE {TABLE} SET seq = 100 WHERE seq = 2")
    raw(f"UPDATE {TABLE} SET seq = 2 WHERE seq = 3")
    raw(f"UPDATE {TABLE} SET seq = 3 WHERE seq = 100")

    with pytest.raises(CommandError, match=r"BROKEN at entry #2: Entry #2 was altered"):
        verify()


def test_the_taawun_command_exits_nonzero_on_a_broken_chain(three_entries, capsys):
    raw(f"UPDATE {TABLE} SET username = %s WHERE seq = 1", ["someone else"])

    with pytest.raises(SystemExit) as exit_:
        main(["audit", "verify"])

    assert exit_.value.code != 0
    assert "Entry #1 was altered" in capsys.readouterr().err


def test_the_orm_refuses_to_update_an_entry(three_entries):
    entry = three_entries[0]
    entry.object_repr = "changed"
    with pytest.raises(AuditTrailImmutable, match="append-only"):
        entry.save()
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.filter(seq=1).update(object_repr="changed")
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.bulk_update([entry], ["object_repr"])
    assert "Audit trail intact: 3 entries" in verify()


def test_the_orm_refuses_to_delete_entries(three_entries):
    with pytest.raises(AuditTrailImmutable, match="append-only"):
        three_entries[0].delete()
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.filter(seq=3).delete()
    assert AuditEntry.objects.count() == 3


def test_entries_cannot_be_inserted_around_the_chain(officer):
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.create(seq=1, action="view", prev_hash="0" * 64, entry_hash="f" * 64)
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.bulk_create([AuditEntry(seq=1, action="view")])
    assert AuditEntry.objects.count() == 0


def test_deleting_a_user_keeps_their_entries_and_the_chain(three_entries, officer):
    officer.delete()

    assert [e.username for e in entries()] == ["officer"] * 3
    assert "Audit trail intact: 3 entries" in verify()


def test_audit_view_records_who_looked_at_which_record(officer, make):
    person = make.person("SY")

    audit_view(
        record=person, actor=officer, request=web_request("10.0.0.8", f"/registry/person/{person.pk}/")
    )

    [entry] = entries()
    assert (entry.action, entry.model_label, entry.object_pk, entry.object_repr, entry.user_id, entry.ip) == (
        "view",
        "registry.person",
        str(person.pk),
        str(person),
        officer.pk,
        "10.0.0.8",
    )


def test_audit_denied_records_the_refusal_with_the_requests_user(officer):
    request = web_request("10.0.0.9", "/registry/person/7/")
    request.user = officer

    audit_denied(request=request, model_label="registry.person", object_pk=7, note="above clearance")

    [entry] = entries()
    assert (entry.action, entry.username, entry.model_label, entry.object_pk, entry.note, entry.path) == (
        "access_denied",
        "officer",
        "registry.person",
        "7",
        "above clearance",
        "/registry/person/7/",
    )


# serialized_rollback: the flush after a transactional test must not lose the reference rows.
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's in-memory test database has no concurrent writers (IMMEDIATE serializes them)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_never_fork_the_chain(django_user_model):
    user = django_user_model.objects.create_user(username="writer", password="a long test password 4")
    errors: list[BaseException] = []

    def write(count: int) -> None:
        try:
            for _ in range(count):
                with transaction.atomic():
                    append(action=Action.VIEW, actor=user, note=threading.current_thread().name)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(15,), name=f"writer-{n}") for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [e.seq for e in entries()] == list(range(1, 61))
    assert "Audit trail intact: 60 entries" in verify()


def test_a_raw_save_cannot_overwrite_an_entry(three_entries):
    entry = three_entries[0]
    entry.object_repr = "changed"
    with pytest.raises(AuditTrailImmutable, match="append-only"), transaction.atomic():
        entry.save_base(raw=True)
    with pytest.raises(AuditTrailImmutable):
        AuditEntry._base_manager.filter(seq=1).update(object_repr="changed")
    assert "Audit trail intact: 3 entries" in verify()


def test_a_restore_inserts_missing_entries_and_overwrites_none(three_entries):
    # What loaddata does with each object of a dump (a raw save, which skips save()); the
    # "python" format keeps the timestamps' microseconds, which JSON dumps round to milliseconds.
    dump = serializers.serialize("python", AuditEntry.objects.order_by("seq"))
    raw(f"DELETE FROM {TABLE} WHERE seq = 3")  # lost behind the application's back

    for restored in serializers.deserialize("python", dump):
        if restored.object.seq != 3:
            with pytest.raises(AuditTrailImmutable), transaction.atomic():
                restored.save()  # entries 1 and 2 are there
        else:
            restored.save()
    assert "Audit trail intact: 3 entries" in verify()


def test_entries_appended_together_continue_one_chain(three_entries, officer, make):
    party = make.party("QA")
    written = append_all(
        [
            {"action": Action.CREATE, "actor": officer, "record": party, "note": "first"},
            {"action": Action.UPDATE, "actor": officer, "record": party, "changes": {"name_en": ["a", "b"]}},
        ]
    )
    assert [entry.seq for entry in written] == [4, 5]
    assert written[1].prev_hash == written[0].entry_hash
    assert "Audit trail intact: 5 entries" in verify()
    append(action=Action.VIEW, actor=officer, record=party)  # the chain head moved past both
    assert AuditEntry.objects.first().seq == 6


def test_an_unknown_action_among_entries_writes_none_of_them(three_entries, officer):
    with pytest.raises(ValueError):
        append_all([{"action": Action.VIEW, "actor": officer}, {"action": "shred", "actor": officer}])
    assert AuditEntry.objects.count() == 3
