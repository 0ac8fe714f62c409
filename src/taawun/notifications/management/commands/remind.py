"""`taawun remind`: send the reminders due today (or on --date), once each."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taawun.notifications.services import reminders_send


class Command(BaseCommand):
    help = "Send the action item and expiry reminders that are due (never the same one twice)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, date: str | None = None, **options):
        today = None
        if date:
            try:
                today = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(_("The date must be written YYYY-MM-DD.")) from None
        report = reminders_send(today=today)
        self.stdout.write(
            _("Reminders sent: %(sent)d; e-mails: %(emailed)d; failed e-mails: %(failed)d.")
            % {"sent": report.sent, "emailed": report.emailed, "failed": report.email_failures}
        )
