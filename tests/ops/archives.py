"""Helpers for the backup and restore tests: run a command, make a backup, read or hand-make an archive."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

from django.core.management import call_command

from taawun.ops.archive import Manifest, Member


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
