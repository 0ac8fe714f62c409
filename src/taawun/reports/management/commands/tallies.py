"""`taawun tallies`: count the dashboard's figures again from the engagements, and list the
partners' open commitments again from the action items.

Needed only after writes that bypass the application (raw SQL, `loaddata`); every change made
through Taawun keeps the tallies in step by itself.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from taawun.reports import commitments, figures, tallies


class Command(BaseCommand):
    help = "Count the dashboard's figures again from the engagements."

    def handle(self, *args, **options):
        counted = tallies.rebuild()
        commitments.rebuild()
        figures.invalidate()
        self.stdout.write(_("%(count)d engagements counted.") % {"count": counted})
