"""The chain is anchored outside the database: a keyed MAC per entry and signed checkpoints.

Whoever can write to the database can edit an entry and re-hash every later one, or cut the tail
and move the chain head back: the SHA-256 chain alone still verifies. Without the audit key the
MACs cannot follow, and a checkpoint kept elsewhere names an entry the trail must still hold.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from taawun.audit import keys
from taawun.audit.models import GENESIS_HASH, Action, AuditEntry, ChainHead
from taawun.audit.services import append
from tests.audit.helpers import entries

pytestmark = pytest.mark.django_db

TABLE = AuditEntry._meta.db_table


@pytest.fixture
def five_entries(officer):
    for number in range(1, 6):
        with transaction.atomic():
            append(action=Action.VIEW, actor=officer, model_label="auth.user", object_pk=str(number))
    return entries()


def verify(*against) -> str:
    out = io.StringIO()
    call_command("audit", "verify", *[f"--against={path}" for path in against], stdout=out)
    return out.getvalue()


def checkpoint(tmp_path, name: str = "checkpoint.json"):
    path = tmp_path / name
    call_command("audit", "checkpoint", f"--output={path}", stderr=io.StringIO())
    return path


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def rehash_from(seq: int, *, keep_macs: bool = True) -> None:
    """What an attacker with write access to the database does: recompute every hash from `seq`
    on (and the chain head), so that the SHA-256 chain links again."""
    previous = AuditEntry.objects.filter(seq=seq - 1).first()
    prev_hash = previous.entry_hash if previous else GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        entry.prev_hash = prev_hash
        new_hash = entry.compute_hash()
        raw(
            f"UPDATE {TABLE} SET prev_hash = %s, entry_hash = %s WHERE seq = %s",
            [f"tmp{entry.seq}", f"tmp{entry.seq}", entry.seq],
        )
        raw(
            f"UPDATE {TABLE} SET prev_hash = %s, entry_hash = %s, mac = %s WHERE seq = %s",
            [prev_hash, new_hash, entry.mac if keep_macs else "", entry.seq],
        )
        prev_hash = new_hash
    last = AuditEntry.objects.order_by("-seq").first()
    ChainHead.objects.filter(pk=1).update(seq=last.seq, last_hash=last.entry_hash)


def test_every_entry_carries_the_mac_of_its_hash(five_entries):
    assert all(entry.mac == keys.entry_mac(entry.entry_hash) for entry in five_entries)
    assert "Audit trail intact: 5 entries" in verify()


def test_an_entry_edited_and_the_chain_rehashed_without_the_key_fails(five_entries):
    raw(f"UPDATE {TABLE} SET username = %s WHERE seq = 2", ["someone else"])
    rehash_from(2)

    with pytest.raises(CommandError, match=r"BROKEN at entry #2: Entry #2: its MAC does not match"):
        verify()


def test_a_rehashed_chain_stripped_of_its_macs_fails_against_a_checkpoint(five_entries, tmp_path):
    saved = checkpoint(tmp_path)
    raw(f"UPDATE {TABLE} SET username = %s WHERE seq = 2", ["someone else"])
    rehash_from(1, keep_macs=False)  # now it looks like a trail from before the key

    assert "Entries #1 to #5 were written before the audit key" in verify()
    with pytest.raises(CommandError, match=r"Entry #5 is not the entry the checkpoint"):
        verify(saved)


def test_an_entry_without_a_mac_after_entries_with_one_fails(five_entries):
    raw(f"UPDATE {TABLE} SET mac = '' WHERE seq = 4")

    with pytest.raises(CommandError, match=r"BROKEN at entry #4: Entry #4 carries no MAC"):
        verify()


def test_entries_written_before_the_key_still_verify_and_the_verdict_says_so(five_entries):
    raw(f"UPDATE {TABLE} SET mac = '' WHERE seq <= 2")

    out = verify()

    assert "Audit trail intact: 5 entries" in out
    assert "Entries #1 to #2 were written before the audit key existed" in out


def test_a_cut_tail_with_the_head_moved_back_fails_against_a_checkpoint(five_entries, tmp_path):
    saved = checkpoint(tmp_path)
    raw(f"DELETE FROM {TABLE} WHERE seq >= 4")
    ChainHead.objects.filter(pk=1).update(seq=3, last_hash=five_entries[2].entry_hash)

    assert "Audit trail intact: 3 entries" in verify()  # the chain alone cannot tell
    with pytest.raises(CommandError, match=r"ends at entry #3, but the checkpoint .* recorded entry #5"):
        verify(saved)


def test_a_trail_that_grew_since_the_checkpoint_passes_against_it(five_entries, tmp_path, officer):
    saved = checkpoint(tmp_path)
    append(action=Action.LOGIN, actor=officer)

    out = verify(saved)

    assert "Audit trail intact: 6 entries" in out
    assert "entry #5 is unchanged" in out


def test_a_checkpoint_holds_the_head_signed_with_the_key(five_entries, capsys):
    out = io.StringIO()
    call_command("audit", "checkpoint", stdout=out)

    document = json.loads(out.getvalue())
    assert (document["seq"], document["entry_hash"], document["keyed_from"]) == (
        5,
        five_entries[-1].entry_hash,
        1,
    )
    assert document["time"] and len(document["signature"]) == 64


def test_an_altered_checkpoint_is_refused(five_entries, tmp_path):
    saved = checkpoint(tmp_path)
    document = json.loads(saved.read_text())
    document["seq"] = 3
    document["entry_hash"] = five_entries[2].entry_hash
    saved.write_text(json.dumps(document))

    with pytest.raises(CommandError, match=r"refused: The checkpoint's signature does not match"):
        verify(saved)


def test_a_checkpoint_is_not_made_of_a_broken_trail(five_entries, tmp_path):
    raw(f"UPDATE {TABLE} SET username = %s WHERE seq = 3", ["someone else"])

    with pytest.raises(CommandError, match=r"BROKEN at entry #3"):
        checkpoint(tmp_path)
    assert not (tmp_path / "checkpoint.json").exists()


def test_a_wrong_key_fails_the_entries_and_the_checkpoint(five_entries, tmp_path):
    saved = checkpoint(tmp_path)

    with override_settings(TAAWUN_AUDIT_KEY="not the key the trail was written with"):
        with pytest.raises(CommandError, match=r"BROKEN at entry #1: Entry #1: its MAC does not match"):
            verify()
        with pytest.raises(CommandError, match=r"signed with another audit key"):
            verify(saved)


def test_the_key_comes_from_the_setting_else_from_the_secret_key_under_its_own_label(settings):
    settings.TAAWUN_AUDIT_KEY = ""
    derived = keys.audit_key()
    assert derived != settings.SECRET_KEY.encode() and len(derived) == 32
    settings.SECRET_KEY = "another secret key for this test only, long enough"
    assert keys.audit_key() != derived

    settings.TAAWUN_AUDIT_KEY = "the production audit key"
    assert keys.audit_key() == b"the production audit key"
