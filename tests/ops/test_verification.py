"""`restore --check` and `restore` refuse damaged, altered, unsafe or foreign archives, and a
refused restore leaves the database and MEDIA_ROOT exactly as they were."""

from __future__ import annotations

import io
import tarfile

import pytest
from django.core.management.base import CommandError
from django.db import connections

from taawun.registry.models import Person
from tests.ops.archives import backup_to, run, write_archive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("parties")]


def vendor() -> str:
    return connections["default"].vendor


@pytest.fixture
def archive(media_root, backups):
    """An uncompressed archive of one person and one file, then the live state changed."""
    Person.objects.create(party_id="SY", name_ar="سامي")
    (media_root / "uploads" / "report.txt").write_text("original report")
    path = backup_to(backups / "backup.tar")
    Person.objects.all().delete()
    (media_root / "uploads" / "report.txt").write_text("current report")
    return path


def assert_untouched(media_root) -> None:
    assert not Person.objects.exists()
    assert (media_root / "uploads" / "report.txt").read_text() == "current report"


def flip_byte(archive, member: str) -> None:
    """Change one byte of a member's data in place, leaving the tar structure valid."""
    with tarfile.open(archive) as tar:
        offset = tar.getmember(member).offset_data
    with archive.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))


def restore_fails(archive, match: str) -> None:
    with pytest.raises(CommandError, match=match):
        run("restore", "--check", str(archive))
    with pytest.raises(CommandError, match=match):
        run("restore", "--yes", str(archive))


def test_a_good_archive_passes_the_check(archive, media_root):
    assert "checksums match" in run("restore", "--check", str(archive))
    assert_untouched(media_root)


@pytest.mark.parametrize("member", ["media/uploads/report.txt", "database"])
def test_a_flipped_byte_in_a_member_is_caught_by_the_manifest(archive, media_root, member):
    if member == "database":
        member = "database.sqlite3" if vendor() == "sqlite" else "database.pgdump"
    flip_byte(archive, member)
    archive.with_name(archive.name + ".sha256").unlink()  # so the per-member check is what fails

    restore_fails(archive, f"Checksum mismatch for {member}")
    assert_untouched(media_root)


def test_a_flipped_byte_is_caught_by_the_sha256_file(archive, media_root):
    flip_byte(archive, "media/uploads/report.txt")
    restore_fails(archive, r"does not match backup\.tar\.sha256")
    assert_untouched(media_root)


def test_a_truncated_archive_is_refused(archive, media_root):
    archive.with_name(archive.name + ".sha256").unlink()
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    restore_fails(archive, "damaged or truncated|missing|no manifest")
    assert_untouched(media_root)


def test_a_missing_or_unreadable_archive_is_a_clear_error(tmp_path, media_root):
    restore_fails(tmp_path / "nowhere.tar.gz", "Archive not found")
    (tmp_path / "junk.tar.gz").write_bytes(b"this is not a tar file")
    restore_fails(tmp_path / "junk.tar.gz", "Not a readable backup archive")


def database_member() -> str:
    return "database.sqlite3" if vendor() == "sqlite" else "database.pgdump"


@pytest.mark.parametrize(
    "name", ["../escaped.txt", "media/../../escaped.txt", "/tmp/escaped.txt", "media/./x", "etc/passwd"]
)
def test_member_paths_that_could_escape_are_refused(tmp_path, media_root, name):
    archive = write_archive(tmp_path / "evil.tar", {database_member(): b"x", name: b"pwned"}, engine=vendor())
    restore_fails(archive, "Unsafe path|Unexpected member")
    assert not (tmp_path / "escaped.txt").exists()
    assert not list(media_root.parent.parent.rglob("escaped.txt"))


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE])
def test_links_in_the_archive_are_refused(tmp_path, media_root, kind):
    path = tmp_path / "links.tar"
    write_archive(path, {database_member(): b"x"}, engine=vendor())
    with tarfile.open(path, "a") as tar:
        link = tarfile.TarInfo("media/uploads/link")
        link.type = kind
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    restore_fails(path, "link or special file")
    assert not (media_root / "uploads" / "link").exists()


def test_a_member_the_manifest_does_not_list_is_refused(archive, media_root):
    archive.with_name(archive.name + ".sha256").unlink()
    with tarfile.open(archive, "a") as tar:
        info = tarfile.TarInfo("media/smuggled.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    restore_fails(archive, "not listed in the manifest")
    assert not (media_root / "smuggled.txt").exists()
    assert_untouched(media_root)


def test_an_archive_from_the_other_engine_is_refused(tmp_path, media_root):
    other = "postgresql" if vendor() == "sqlite" else "sqlite"
    member = "database.pgdump" if other == "postgresql" else "database.sqlite3"
    archive = write_archive(tmp_path / "other.tar", {member: b"a database"}, engine=other)
    expected = "holds a PostgreSQL database, but Taawun is configured for SQLite"
    if other == "sqlite":
        expected = "holds a SQLite database, but Taawun is configured for PostgreSQL"
    restore_fails(archive, expected)


@pytest.mark.skipif(vendor() != "sqlite", reason="SQLite only: the test database is not SQLite")
def test_a_database_copy_that_fails_integrity_check_is_refused(tmp_path, media_root):
    # True checksums, so only PRAGMA integrity_check can tell.
    archive = write_archive(
        tmp_path / "bad.tar", {"database.sqlite3": b"SQLite format 3\x00" + b"\x00" * 200}
    )
    restore_fails(archive, "not a valid SQLite database|integrity_check")


def test_an_archive_from_a_newer_taawun_is_refused(tmp_path, media_root):
    from taawun.ops.archive import Manifest

    manifest = Manifest("2025-01-01T00:00:00Z", "9.0", "6.0", vendor(), {"registry": "9999_future"})
    archive = backup_to(tmp_path / "current.tar")
    with tarfile.open(archive) as tar:
        database = tar.extractfile(database_member()).read()
    newer = write_archive(tmp_path / "newer.tar", {database_member(): database}, manifest)
    restore_fails(newer, "newer Taawun")
