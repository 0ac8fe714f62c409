"""Fixtures for backup and restore: a MEDIA_ROOT under tmp_path and helpers to run the commands."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command

from taawun.ops.archive import Manifest, Member
from taawun.registry.models import Party


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "var" / "media"
    (root / "uploads").mkdir(parents=True)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def parties(transactional_db) -> None:
    """The reference parties these tests use.

    Transactional tests start from whatever the previous transactional test left: a flushed
    database has lost the rows migration registry/0002 loads, so put back the ones needed here.
    (serialized_rollback=True would reload them all, but breaks when an earlier transactional test
    without it has re-created content types on flush.)
    """
    for code, name_ar, name_en in [("SY", "سوريا", "Syria"), ("QA", "قطر", "Qatar")]:
        Party.objects.get_or_create(
            code=code, defaults={"kind": "country", "name_ar": name_ar, "name_en": name_en}
        )


@pytest.fixture
def backups(tmp_path) -> Path:
    path = tmp_path / "backups"
    path.mkdir()
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def backup_to(dest: Path) -> Path:
    """Run `backup DEST` and return the archive written (the newest one, when DEST is a directory)."""
    run("backup", str(dest))
    if dest.is_dir():
        return max(dest.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime_ns)
    return dest


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def write_archive(path: Path, members: dict[str, bytes], manifest: Manifest | None = None, **extra) -> Path:
    """A hand-made archive: members as given, and a manifest that lists them with true checksums."""
    manifest = manifest or Manifest(
        created_at="2025-01-01T00:00:00Z",
        taawun_version="0.1.0",
        django_version="5.2",
        engine=extra.pop("engine", "sqlite"),
        migrations={},
    )
    manifest.members = [
        Member(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in members.items()
    ]
    with tarfile.open(path, "w") as tar:
        for name, data in {**members, "manifest.json": manifest.to_json()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture(autouse=True)
def _english_messages():
    """The operator's messages are asserted in English (the CLI picks the terminal's language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
