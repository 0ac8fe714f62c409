"""`taawun restore`: check an archive completely, then swap it in for the database and media.

Nothing live is touched until every check has passed: the overall checksum (against
`<archive>.sha256` when present), every member's SHA-256 and size against the manifest, safe
member paths, the database engine, the database copy's own check, and the migration state.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from taawun.ops.archive import Manifest, OpsError, extract_verified, read_sidecar, sha256_file
from taawun.ops.databases import ENGINE_LABELS, INSTALL, check_copy, engine_of, unknown_migrations

MEDIA_DIR = "media"


@dataclass
class CheckResult:
    manifest: Manifest
    sha256: str
    sidecar_checked: bool
    notes: list[str] = field(default_factory=list)


def _pending_after_restore(archived: dict[str, str]) -> list[str]:
    """Apps whose code has migrations newer than the archive's database (migrate after restore)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    newest: dict[str, str] = {}
    for app, name in loader.disk_migrations:
        newest[app] = max(newest.get(app, ""), name)
    return sorted(app for app, name in newest.items() if name > archived.get(app, ""))


def verify_archive(src: Path, staging: Path, connection: BaseDatabaseWrapper) -> CheckResult:
    """Extract src into staging and check everything; raise OpsError at the first problem."""
    if not src.is_file():
        raise OpsError(_("Archive not found: %(path)s") % {"path": src})
    digest = sha256_file(src)
    expected = read_sidecar(src)
    if expected is not None and expected != digest:
        raise OpsError(
            _("The archive's SHA-256 does not match %(sidecar)s: it is corrupt or was altered.")
            % {"sidecar": src.name + ".sha256"}
        )
    manifest = extract_verified(src, staging)
    engine = engine_of(connection)
    if manifest.engine != engine:
        raise OpsError(
            _("This archive holds a %(archived)s database, but Taawun is configured for %(current)s.")
            % {"archived": ENGINE_LABELS[manifest.engine], "current": ENGINE_LABELS[engine]}
        )
    check_copy(engine, staging / manifest.database_member)
    unknown = unknown_migrations(manifest.migrations)
    if unknown:
        raise OpsError(
            _("The archive comes from a newer Taawun (unknown migration %(migration)s); upgrade first.")
            % {"migration": unknown[0]}
        )
    result = CheckResult(manifest, digest, expected is not None)
    if expected is None:
        result.notes.append(_("No .sha256 file beside the archive: its overall checksum was not compared."))
    if manifest.skipped:
        result.notes.append(
            _("%(count)s links or special files under MEDIA_ROOT were not backed up.")
            % {"count": len(manifest.skipped)}
        )
    pending = _pending_after_restore(manifest.migrations)
    if pending:
        result.notes.append(
            _("The archive predates migrations of: %(apps)s. Run `taawun migrate` after restoring.")
            % {"apps": ", ".join(pending)}
        )
    return result


def swap_media(new: Path, media_root: Path) -> None:
    """Put new in place of media_root by renames: old aside, new in, old deleted only at the end."""
    new.mkdir(exist_ok=True)  # an archive without media restores an empty MEDIA_ROOT
    aside_parent = Path(tempfile.mkdtemp(prefix=f".{media_root.name}.old-", dir=media_root.parent))
    aside = aside_parent / media_root.name
    had_media = media_root.exists()
    try:
        if had_media:
            os.rename(media_root, aside)
        try:
            os.rename(new, media_root)
        except OSError:
            if had_media:
                os.rename(aside, media_root)  # put the old media back as it was
            raise
    except OSError:
        # Remove the holder only if it is empty: never delete old media that is not back in place.
        with contextlib.suppress(OSError):
            aside_parent.rmdir()
        raise
    shutil.rmtree(aside_parent, ignore_errors=True)


def install(connection: BaseDatabaseWrapper, result: CheckResult, staging: Path, media_root: Path) -> None:
    """Replace the live database, then MEDIA_ROOT, with the verified copies in staging."""
    engine = result.manifest.engine
    INSTALL[engine](connection, staging / result.manifest.database_member)
    swap_media(staging / MEDIA_DIR, media_root)


def staging_for(media_root: Path) -> tempfile.TemporaryDirectory[str]:
    # Beside MEDIA_ROOT, so swapping the media directory is a rename within one file system.
    media_root.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=".taawun-restore-", dir=media_root.parent)
