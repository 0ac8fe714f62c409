"""`taawun reindex`: rebuild the search index from the records (all of them, or some kinds)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taawun.search.indexing import KIND_KEYS, kind_named
from taawun.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the records."

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", metavar="kind", help=f"record types to rebuild ({', '.join(KIND_KEYS)})"
        )

    def handle(self, *args, kinds, **options):
        unknown = [kind for kind in kinds if kind not in KIND_KEYS]
        if unknown:
            raise CommandError(
                _("Unknown record type: %(kinds)s. Choose from: %(known)s.")
                % {"kinds": ", ".join(unknown), "known": ", ".join(KIND_KEYS)}
            )
        counts = reindex(kinds=kinds or None)
        for key, count in counts.items():
            self.stdout.write(
                _("%(kind)s: %(count)d indexed") % {"kind": kind_named(key).label_plural, "count": count}
            )
