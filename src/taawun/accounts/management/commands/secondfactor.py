"""`taawun secondfactor reset USERNAME`: remove a user's authenticators from the server's command line.

For the administrator who lost their phone when no other administrator can reset it in the
application: whoever runs commands on the server already holds the database. Audited."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taawun.accounts.models import User
from taawun.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = "Reset a user's second factor (they enrol a new authenticator at their next log-in)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        reset = subcommands.add_parser("reset", help="Remove the user's authenticators.")
        reset.add_argument("username")

    def handle(self, *args, subcommand: str, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user is called “%(username)s”.") % {"username": username})
        removed = second_factor_reset(target=user, actor=None)
        self.stdout.write(
            _(
                "Removed %(count)s authenticator(s) of %(username)s; they enrol a new one at their next log-in."
            )
            % {"count": removed, "username": username}
        )
