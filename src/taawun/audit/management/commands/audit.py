"""`taawun audit verify` and `taawun audit checkpoint`: the audit trail's hash chain, MACs and
checkpoints (taawun.audit.verify, taawun.audit.checkpoints)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taawun.audit.checkpoints import Checkpoint, CheckpointInvalid
from taawun.audit.verify import Verdict, verify_chain


class Command(BaseCommand):
    help = (
        "Audit trail tools. `verify` walks the hash chain and reports the first broken entry; "
        "`checkpoint` prints a signed checkpoint of its end to keep off the machine."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        verify = subcommands.add_parser(
            "verify", help="Check that no entry was edited, deleted or reordered."
        )
        verify.add_argument(
            "--against",
            action="append",
            default=[],
            metavar="CHECKPOINT_FILE",
            help="A checkpoint written by `audit checkpoint`: the trail must still hold its entry, "
            "unchanged (may be given several times).",
        )
        checkpoint = subcommands.add_parser(
            "checkpoint", help="Verify the trail, then print a signed checkpoint of its last entry."
        )
        checkpoint.add_argument("--output", metavar="FILE", help="Write the checkpoint to FILE instead.")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "verify":
            return self.verify(options["against"])
        if subcommand == "checkpoint":
            return self.checkpoint(options["output"])
        raise CommandError(f"Unknown subcommand {subcommand!r}")  # pragma: no cover (argparse refuses first)

    def _checked(self, checkpoints=()) -> Verdict:
        verdict = verify_chain(checkpoints=checkpoints)
        if not verdict.intact:
            where = f" at entry #{verdict.seq}" if verdict.seq else ""
            raise CommandError(
                f"Audit trail BROKEN{where}: {verdict.problem} "
                f"({verdict.entries} entries verified before it.)"
            )
        return verdict

    def verify(self, against: list[str]) -> None:
        checkpoints = []
        for name in against:
            try:
                checkpoints.append(Checkpoint.parse(Path(name).read_text(encoding="utf-8")))
            except OSError as error:
                raise CommandError(f"Cannot read the checkpoint {name}: {error.strerror}.") from None
            except CheckpointInvalid as error:
                raise CommandError(f"Checkpoint {name} refused: {error}") from None
        verdict = self._checked(checkpoints)
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {verdict.entries} entries"))
        self.stdout.write(f"Last entry hash: {verdict.last_hash}")
        if verdict.unkeyed:
            self.stdout.write(
                f"Entries #1 to #{verdict.unkeyed} were written before the audit key existed: "
                "they are checked by their hash chain only (no MAC)."
            )
        for checkpoint in checkpoints:
            self.stdout.write(f"Checkpoint of {checkpoint.time} holds: entry #{checkpoint.seq} is unchanged.")

    def checkpoint(self, output: str | None) -> None:
        verdict = self._checked()
        document = Checkpoint.of_head(verdict.entries, verdict.last_hash, verdict.keyed_from).signed()
        if output:
            Path(output).write_text(document, encoding="utf-8")
            self.stderr.write(f"Checkpoint of entry #{verdict.entries} written to {output}")
        else:
            self.stdout.write(document, ending="")
