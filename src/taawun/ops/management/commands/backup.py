"""`taawun backup DEST`: write the database and uploaded files to one checksummed archive."""

from __future__ import annotations

import sqlite3

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from taawun.ops.archive import OpsError, one_line
from taawun.ops.backup import create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and MEDIA_ROOT to DEST: a directory (a timestamped .tar.gz is created "
        "in it) or a file name ending in .tar.gz, .tgz or .tar. A <archive>.sha256 file is written "
        "beside it. Check an archive with `taawun restore --check ARCHIVE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", metavar="DEST", help="directory or archive file name")

    def handle(self, *args, dest: str, **options):
        try:
            result = create_backup(dest)
        except OpsError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(_("Backup failed: %(error)s") % {"error": one_line(error)}) from error
        except (DatabaseError, sqlite3.Error) as error:
            raise CommandError(_("Database error: %(error)s") % {"error": one_line(error)}) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(path)s") % {"path": result.path}))
        self.stdout.write(
            _("Size: %(human)s (%(bytes)s bytes)")
            % {"human": filesizeformat(result.size), "bytes": result.size}
        )
        self.stdout.write(f"SHA-256: {result.sha256}")
        self.stdout.write(
            _("Members: %(count)s (database and %(media)s media files)")
            % {"count": len(result.manifest.members), "media": len(result.manifest.members) - 1}
        )
        if result.manifest.skipped:
            self.stderr.write(
                _("Skipped (links or special files): %(names)s")
                % {"names": ", ".join(result.manifest.skipped)}
            )
