"""`taawun restore SRC`: verify a backup archive, then replace the database and uploaded files."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from taawun.ops.archive import OpsError, one_line
from taawun.ops.databases import ENGINE_LABELS, default_connection
from taawun.ops.restore import CheckResult, install, staging_for, verify_archive


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from a `taawun backup` archive. The archive is verified "
        "completely before anything is replaced. Stop the web server first. --check verifies only."
    )

    def add_arguments(self, parser):
        parser.add_argument("src", metavar="SRC", help="archive written by `taawun backup`")
        parser.add_argument("--check", action="store_true", help="verify the archive, change nothing")
        parser.add_argument("--yes", action="store_true", help="replace without asking for confirmation")

    def handle(self, *args, src: str, check: bool, yes: bool, **options):
        archive = Path(src).expanduser()
        media_root = Path(settings.MEDIA_ROOT)
        connection = default_connection()
        interactive = sys.stdin is not None and sys.stdin.isatty()
        # Fail before the (possibly long) verification when the answer can only be no.
        if not check and not yes and not interactive:
            raise CommandError(
                _(
                    "Restore replaces the database and all uploaded files. Standard input is not a terminal to ask on: pass --yes to confirm."
                )
            )
        try:
            if check:
                with tempfile.TemporaryDirectory(prefix="taawun-check-") as staging:
                    self._report(archive, verify_archive(archive, Path(staging), connection))
                self.stdout.write(self.style.SUCCESS(_("Archive verified; nothing was changed.")))
                return
            with staging_for(media_root) as staging:
                result = verify_archive(archive, Path(staging), connection)
                self._report(archive, result)
                if not yes and not self._confirmed(connection.settings_dict["NAME"], media_root):
                    raise CommandError(_("Restore cancelled; nothing was changed."))
                install(connection, result, Path(staging), media_root)
        except OpsError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(_("Restore failed: %(error)s") % {"error": one_line(error)}) from error
        except (DatabaseError, sqlite3.Error) as error:
            raise CommandError(_("Database error: %(error)s") % {"error": one_line(error)}) from error
        self.stdout.write(self.style.SUCCESS(_("Restored from %(path)s") % {"path": archive}))

    def _report(self, archive: Path, result: CheckResult) -> None:
        manifest = result.manifest
        self.stdout.write(_("Archive: %(path)s") % {"path": archive})
        self.stdout.write(f"SHA-256: {result.sha256}")
        self.stdout.write(
            _("Created %(created)s by Taawun %(version)s; %(engine)s database; %(count)s media files.")
            % {
                "created": manifest.created_at,
                "version": manifest.taawun_version,
                "engine": ENGINE_LABELS[manifest.engine],
                "count": len(manifest.members) - 1,
            }
        )
        self.stdout.write(_("All member checksums match the manifest."))
        for note in result.notes:
            self.stderr.write(note)

    def _confirmed(self, database: object, media_root: Path) -> bool:
        question = _(
            "This replaces the database %(database)s and everything in %(media)s. Type 'yes' to continue: "
        ) % {"database": database, "media": media_root}
        try:
            return input(question).strip().lower() == "yes"
        except EOFError:
            return False
