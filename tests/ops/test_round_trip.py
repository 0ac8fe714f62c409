"""Back up, damage the data and the files, restore: everything is as it was at backup time.

These run against the test database pytest-django created (in-memory SQLite, or PostgreSQL
when DATABASE_URL is set), through the same commands an operator runs.
"""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile

import pytest
from django.core.management.base import CommandError
from django.db import connections

from taawun.registry.models import Party, Person
from tests.ops.archives import backup_to, read_manifest, run

# transaction=True: backup and restore refuse to run inside a transaction, as a real command never
# does (see the `parties` fixture for the reference rows).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("parties")]

PHOTO = bytes(range(256)) * 40  # binary content, so nothing text-mode can slip through


def vendor() -> str:
    return connections["default"].vendor


@pytest.fixture
def saved_state(media_root):
    Person.objects.create(party_id="SY", name_ar="سامي", name_en="Sami")
    (media_root / "uploads" / "photo.bin").write_bytes(PHOTO)
    (media_root / "uploads" / "ملاحظة.txt").write_text("محضر الاجتماع", encoding="utf-8")
    return {
        "people": sorted(Person.objects.values_list("name_ar", "party_id")),
        "parties": Party.objects.count(),
    }


def wreck(media_root) -> None:
    """What an accident (or an attacker) might do after the backup."""
    Person.objects.all().delete()
    Person.objects.create(party_id="QA", name_ar="دخيل")
    (media_root / "uploads" / "photo.bin").write_bytes(b"overwritten")
    (media_root / "uploads" / "ملاحظة.txt").unlink()
    (media_root / "stray.txt").write_text("added after the backup")


def test_round_trip_loses_nothing(saved_state, media_root, backups):
    archive = backup_to(backups)
    wreck(media_root)

    run("restore", str(archive), "--yes")

    assert sorted(Person.objects.values_list("name_ar", "party_id")) == saved_state["people"]
    assert ("سامي", "SY") in saved_state["people"]
    assert Party.objects.count() == saved_state["parties"]
    assert (media_root / "uploads" / "photo.bin").read_bytes() == PHOTO
    assert (media_root / "uploads" / "ملاحظة.txt").read_text(encoding="utf-8") == "محضر الاجتماع"
    assert not (media_root / "stray.txt").exists()
    # The swap leaves nothing behind beside MEDIA_ROOT.
    assert sorted(p.name for p in media_root.parent.iterdir()) == ["media"]


def test_backup_writes_an_archive_a_manifest_and_a_sha256_file(saved_state, backups):
    archive = backup_to(backups)

    assert archive.name.startswith("taawun-backup-") and archive.name.endswith("Z.tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds the whole database
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert archive.with_name(archive.name + ".sha256").read_text() == f"{digest}  {archive.name}\n"
    assert sorted(p.name for p in backups.iterdir()) == [archive.name, archive.name + ".sha256"]

    manifest = read_manifest(archive)
    assert manifest["format_version"] == 1
    assert manifest["created_at"].endswith("Z")
    assert manifest["taawun_version"]
    assert manifest["database"]["engine"] == vendor()
    assert manifest["migrations"]["registry"].startswith("00")
    names = {member["name"] for member in manifest["members"]}
    assert names == {manifest["database"]["member"], "media/uploads/photo.bin", "media/uploads/ملاحظة.txt"}
    photo = next(m for m in manifest["members"] if m["name"] == "media/uploads/photo.bin")
    assert photo == {
        "name": "media/uploads/photo.bin",
        "sha256": hashlib.sha256(PHOTO).hexdigest(),
        "size": len(PHOTO),
    }


def test_backup_to_a_file_name_and_the_output_names_path_size_and_checksum(saved_state, backups):
    target = backups / "nightly.tar"
    output = run("backup", str(target))

    assert tarfile.is_tarfile(target)
    assert str(target) in output
    assert str(target.stat().st_size) in output
    assert hashlib.sha256(target.read_bytes()).hexdigest() in output


def test_backup_refuses_to_overwrite_or_guess(saved_state, backups):
    (backups / "old.tar.gz").write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="overwrite"):
        run("backup", str(backups / "old.tar.gz"))
    assert (backups / "old.tar.gz").read_bytes() == b"an earlier backup"
    with pytest.raises(CommandError, match=r"\.tar\.gz"):
        run("backup", str(backups / "nightly.zip"))


def test_a_failed_backup_leaves_no_archive(saved_state, backups, monkeypatch):
    from taawun.ops import backup

    def broken(connection, target):
        target.write_bytes(b"half a database")
        raise OSError("disk full")

    monkeypatch.setitem(backup.SNAPSHOT, vendor(), broken)
    with pytest.raises(CommandError, match="disk full"):
        run("backup", str(backups))
    assert list(backups.iterdir()) == []


def test_check_changes_nothing(saved_state, media_root, backups):
    archive = backup_to(backups)
    wreck(media_root)

    output = run("restore", "--check", str(archive))

    assert "checksums match" in output
    assert Person.objects.get().name_ar == "دخيل"
    assert (media_root / "stray.txt").exists()


def test_restore_refuses_without_yes_when_not_interactive(saved_state, media_root, backups, monkeypatch):
    archive = backup_to(backups)
    wreck(media_root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a pipe or cron: no TTY

    with pytest.raises(CommandError, match="--yes"):
        run("restore", str(archive))

    assert Person.objects.get().name_ar == "دخيل"
    assert (media_root / "stray.txt").exists()


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "restored"), [("no\n", False), ("yes\n", True)])
def test_restore_asks_on_a_terminal(saved_state, media_root, backups, monkeypatch, answer, restored):
    archive = backup_to(backups)
    wreck(media_root)
    monkeypatch.setattr(sys, "stdin", FakeTTY(answer))

    if restored:
        run("restore", str(archive))
    else:
        with pytest.raises(CommandError, match="cancelled"):
            run("restore", str(archive))

    assert Person.objects.filter(name_ar="سامي").exists() is restored
    assert (media_root / "stray.txt").exists() is not restored


def test_restore_of_an_archive_without_media_empties_media_root(media_root, backups):
    archive = backup_to(backups)
    (media_root / "uploads" / "late.txt").write_text("uploaded after the backup")

    run("restore", str(archive), "--yes")

    assert media_root.is_dir()
    assert list(media_root.iterdir()) == []


@pytest.mark.skipif(vendor() != "sqlite", reason="SQLite only: the test database is not SQLite")
def test_sqlite_archive_holds_a_checked_database_file(saved_state, backups, tmp_path):
    import sqlite3

    archive = backup_to(backups)
    with tarfile.open(archive) as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    copy = sqlite3.connect(tmp_path / "database.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert copy.execute("SELECT name_ar FROM registry_person").fetchall() == [("سامي",)]
    copy.close()


@pytest.mark.skipif(
    vendor() != "postgresql",
    reason="PostgreSQL only: run with DATABASE_URL=postgres://... to test pg_dump and pg_restore",
)
def test_postgresql_archive_holds_a_custom_format_dump(saved_state, backups, tmp_path):
    archive = backup_to(backups)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        dump = tar.extractfile("database.pgdump").read()
    assert "database.pgdump" in names and "database.sqlite3" not in names
    assert dump.startswith(b"PGDMP")  # pg_dump -Fc's signature
