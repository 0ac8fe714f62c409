"""`taawun backup`: the database and MEDIA_ROOT into one checksummed archive.

MEDIA_ROOT holds the files attached to records (MEDIA_ROOT/attachments, named by their SHA-256:
taawun.attachments.storage), so they are archived and restored with the rows that describe them.

The archive is written under a temporary name in the destination directory and renamed into
place only once it is complete, flushed and hashed: an interrupted backup leaves at most a
`.taawun-backup-*.partial` file, never a half-written archive with a valid-looking name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.utils.translation import gettext as _

import taawun
from taawun.ops.archive import ArchiveWriter, Manifest, OpsError, iter_media, sha256_file
from taawun.ops.databases import SNAPSHOT, default_connection, engine_of, migration_state

ARCHIVE_SUFFIXES = {".tar.gz": "w:gz", ".tgz": "w:gz", ".tar": "w"}


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    manifest: Manifest


def _mode_for(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, mode in ARCHIVE_SUFFIXES.items():
        if name.endswith(suffix):
            return mode
    return None


def resolve_destination(dest: str, now: dt.datetime) -> tuple[Path, str]:
    """The archive path and tar write mode for DEST (a directory or a .tar/.tar.gz/.tgz path)."""
    path = Path(dest).expanduser().absolute()
    if path.is_dir() or dest.endswith(("/", os.sep)):
        path.mkdir(parents=True, exist_ok=True)
        return path / f"taawun-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz", "w:gz"
    mode = _mode_for(path)
    if mode is None:
        raise OpsError(
            _("DEST must be a directory or a file name ending in .tar.gz, .tgz or .tar: %(dest)s")
            % {"dest": dest}
        )
    if not path.parent.is_dir():
        raise OpsError(_("Directory does not exist: %(path)s") % {"path": path.parent})
    return path, mode


def _write_sidecar(archive: Path, digest: str) -> None:
    # sha256sum format, so `sha256sum -c <archive>.sha256` works from the archive's directory.
    sidecar = archive.with_name(archive.name + ".sha256")
    partial = sidecar.with_name(f".{sidecar.name}.partial")
    partial.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    os.replace(partial, sidecar)


def create_backup(dest: str, *, media_root: Path | None = None) -> BackupResult:
    connection = default_connection()
    engine = engine_of(connection)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    archive, mode = resolve_destination(dest, now)
    if archive.exists():
        raise OpsError(_("Refusing to overwrite an existing file: %(path)s") % {"path": archive})
    media_root = Path(media_root or settings.MEDIA_ROOT)

    manifest = Manifest(
        created_at=now.isoformat().replace("+00:00", "Z"),
        taawun_version=taawun.__version__,
        django_version=django.get_version(),
        engine=engine,
        migrations=migration_state(connection),
    )
    # mkstemp creates the file with mode 0600: the archive holds the whole database.
    fd, partial_name = tempfile.mkstemp(prefix=".taawun-backup-", suffix=".partial", dir=archive.parent)
    partial = Path(partial_name)
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            tempfile.TemporaryDirectory(prefix=".taawun-backup-", dir=archive.parent) as staging,
        ):
            snapshot = Path(staging) / manifest.database_member
            SNAPSHOT[engine](connection, snapshot)
            with tarfile.open(fileobj=raw, mode=mode) as tar:
                writer = ArchiveWriter(tar)
                writer.add_file(snapshot, manifest.database_member)
                for path, name in iter_media(media_root):
                    if path is None:
                        manifest.skipped.append(name)
                    else:
                        writer.add_file(path, name)
                writer.add_manifest(manifest)
                tar.close()  # writes the end-of-archive blocks before the flush below
                raw.flush()
                os.fsync(raw.fileno())
        digest = sha256_file(partial)
        os.replace(partial, archive)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    _write_sidecar(archive, digest)
    return BackupResult(archive, archive.stat().st_size, digest, manifest)
