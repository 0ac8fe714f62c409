"""`taawun audit verify`: check the audit trail's hash chain from the first entry to the last."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from taawun.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `verify` walks the hash chain and reports the first broken entry."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        subcommands.add_parser("verify", help="Check that no entry was edited, deleted or reordered.")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "verify":
            return self.verify()
        raise CommandError(f"Unknown subcommand {subcommand!r}")  # pragma: no cover (argparse refuses first)

    def verify(self) -> None:
        verdict = verify_chain()
        if not verdict.intact:
            where = f" at entry #{verdict.seq}" if verdict.seq else ""
            raise CommandError(
                f"Audit trail BROKEN{where}: {verdict.problem} "
                f"({verdict.entries} entries verified before it.)"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {verdict.entries} entries"))
        self.stdout.write(f"Last entry hash: {verdict.last_hash}")
