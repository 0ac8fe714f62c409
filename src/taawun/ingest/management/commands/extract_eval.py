"""`taawun extract-eval [--days N]`

Per-field accuracy of the extraction engine on this installation's accepted drafts: what the
engine proposed (the draft's stored record) against what the officer accepted (the engagement),
over all time and over the last N days (90 by default). Tells an office how far to trust the
engine on its own sources.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.ingest.evaluation import FIELDS, Accuracy, accepted_drafts, field_accuracy


def _cell(accuracy: Accuracy, name: str | None) -> str:
    value = accuracy.overall() if name is None else accuracy.share(name)
    if value is None:
        return "—"
    right = sum(accuracy.right.values()) if name is None else accuracy.right[name]
    total = accuracy.drafts * (len(FIELDS) if name is None else 1)
    return f"{value:.2f} ({right}/{total})"


class Command(BaseCommand):
    help = "Per-field accuracy of the extraction engine on the accepted drafts (all time, last N days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="the recent window in days (default 90)")

    def handle(self, *args, days: int, **options):
        since = timezone.now() - dt.timedelta(days=days)
        everything = field_accuracy(accepted_drafts())
        recent = field_accuracy(accepted_drafts(since))
        recent_label = _("last %(days)d days") % {"days": days}
        rows = [(_("field"), _("all time"), recent_label)]
        rows += [(name, _cell(everything, name), _cell(recent, name)) for name in FIELDS]
        rows.append((_("overall"), _cell(everything, None), _cell(recent, None)))
        rows.append((_("accepted drafts"), str(everything.drafts), str(recent.drafts)))
        widths = [max(len(row[k]) for row in rows) for k in range(3)]
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
