"""`taawun apitoken create USERNAME --name NAME` prints a new API token once;
`taawun apitoken list [USERNAME]` and `taawun apitoken revoke PREFIX` manage them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taawun.api.models import ApiToken
from taawun.api.services import api_token_create, api_token_revoke, max_token_days


class Command(BaseCommand):
    help = "API tokens: create one for a user (printed once), list them, revoke one."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        create = subcommands.add_parser("create", help="Create a token for a user and print it once.")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="What the token is for.")
        create.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days it stays valid (default and most: TAAWUN_API_TOKEN_DAYS).",
        )
        listing = subcommands.add_parser("list", help="List tokens (of one user, or of everyone).")
        listing.add_argument("username", nargs="?")
        revoke = subcommands.add_parser("revoke", help="Revoke the token that starts with PREFIX.")
        revoke.add_argument("prefix")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "create":
            return self.create(options["username"], options["name"], options["days"])
        if subcommand == "list":
            return self.list(options.get("username"))
        if subcommand == "revoke":
            return self.revoke(options["prefix"])
        raise CommandError(f"Unknown subcommand {subcommand!r}")  # pragma: no cover (argparse refuses first)

    def create(self, username: str, name: str, days: int | None) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user is called “%(username)s”.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("The user “%(username)s” is deactivated.") % {"username": username})
        if not name.strip():
            raise CommandError(_("Give the token a name."))
        if days is not None and not 1 <= days <= max_token_days():
            raise CommandError(_("A token is valid for 1 to %(days)s days.") % {"days": max_token_days()})
        _token, raw = api_token_create(user=user, name=name, days=days)
        self.stderr.write(_("Token created; it is shown only this once:"))
        self.stdout.write(raw)

    def list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            tokens = tokens.filter(user__username=username)
        for token in tokens:
            state = _("revoked") if token.revoked_at else _("expired") if token.is_expired else _("active")
            used = token.last_used_at.isoformat() if token.last_used_at else "-"
            self.stdout.write(f"{token.prefix}\t{token.user.username}\t{token.name}\t{state}\t{used}")

    def revoke(self, prefix: str) -> None:
        tokens = list(ApiToken.objects.filter(prefix__startswith=prefix, revoked_at__isnull=True)[:2])
        if not tokens:
            raise CommandError(_("No active token starts with “%(prefix)s”.") % {"prefix": prefix})
        if len(tokens) > 1:
            raise CommandError(_("More than one token starts with “%(prefix)s”.") % {"prefix": prefix})
        api_token_revoke(token=tokens[0])
        self.stdout.write(_("Revoked: %(token)s") % {"token": tokens[0]})
