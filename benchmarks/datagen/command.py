"""`benchmarks/dataset.py`: the generator's command line (a Django command, run by that script).

    .venv/bin/python benchmarks/dataset.py generate --engagements N [--seed S] [--today YYYY-MM-DD] [--append]
    .venv/bin/python benchmarks/dataset.py digest

`generate` fills a scratch database with a realistic, reproducible dataset (see
datagen.generator). It refuses a database that already holds records unless --append says
so: the records it writes are synthetic and cannot be told apart from real ones afterwards.
`digest` prints a fingerprint of the generated tables, to check that a seed reproduces its data.
The benchmarks and the tests run it with `call_command(Command(), "generate", ...)`.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.knowledge.models import KnowledgeItem
from taawun.registry.models import Agency, Engagement, Person, Source
from taawun.training.models import TrainingProgram

from .digest import dataset_digest
from .generator import Generator, GeneratorError

# What makes a database "not empty": any record an office enters (the reference rows of
# migration registry/0002 do not count).
RECORDS = (Engagement, Source, Person, Agency, Understanding, JointCommittee, ActionItem, TrainingProgram,
           KnowledgeItem)  # fmt: skip


def held_records() -> dict[str, int]:
    """The office's records already in the database, by kind (plural verbose name)."""
    counts = {str(model._meta.verbose_name_plural): model._base_manager.count() for model in RECORDS}
    return {name: count for name, count in counts.items() if count}


def database_label() -> str:
    settings = connection.settings_dict
    host = settings.get("HOST") or ""
    return f"{connection.vendor} {settings['NAME']}" + (f" on {host}" if host else "")


def database_size() -> int | None:
    """Bytes on disk: the SQLite file (with its journal), or PostgreSQL's database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        path = Path(str(connection.settings_dict["NAME"]))
        files = [path, path.with_name(path.name + "-wal")]
        return sum(file.stat().st_size for file in files if file.exists()) or None
    return None


class Command(BaseCommand):
    help = "Benchmark tooling: `generate` a realistic dataset into a scratch database, `digest` it."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="subcommand")
        generate = subcommands.add_parser(
            "generate",
            help="Fill a scratch database with N engagements and everything around them.",
            description="Writes synthetic records in bulk; refuses a database that holds records "
            "unless --append is given. Same seed, N and --today: same data.",
        )
        generate.add_argument(
            "--engagements", type=int, required=True, metavar="N", help="how many engagements"
        )
        generate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        generate.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="the day the data is generated as of (default: today); dates, overdue items and "
            "expiries are relative to it",
        )
        generate.add_argument(
            "--append",
            action="store_true",
            help="add to a database that already holds records (never do this to a real registry)",
        )
        generate.add_argument("--no-progress", action="store_true", help="no progress bar")
        subcommands.add_parser("digest", help="Print a fingerprint (SHA-256) of the generated tables.")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "generate":
            return self.generate(**options)
        if subcommand == "digest":
            self.stdout.write(dataset_digest())
            return None
        raise CommandError(f"Unknown subcommand {subcommand!r}")  # pragma: no cover (argparse refuses first)

    def generate(self, *, engagements: int, seed: int, today, append: bool, no_progress: bool, **options):
        if engagements < 1:
            raise CommandError(_("Give a number of engagements of at least 1."))
        held = {} if append else held_records()
        if held:
            found = ", ".join(f"{count} {name}" for name, count in held.items())
            raise CommandError(
                _(
                    "The database %(database)s already holds records (%(found)s). The generator writes "
                    "synthetic records that cannot be told apart from real ones: run it on an empty "
                    "scratch database (set DATABASE_URL and run `taawun migrate`), or pass --append to "
                    "add to this one anyway."
                )
                % {"database": database_label(), "found": found}
            )
        today = today or timezone.localdate()
        self.stdout.write(
            _("Generating %(count)d engagements (seed %(seed)d, as of %(today)s) into %(database)s.")
            % {"count": engagements, "seed": seed, "today": today.isoformat(), "database": database_label()}
        )
        started = time.perf_counter()
        with tqdm(total=engagements, unit=" engagements", disable=no_progress or None, smoothing=0.1) as bar:
            try:
                counts = Generator(engagements=engagements, seed=seed, today=today, progress=bar.update).run()
            except GeneratorError as error:
                raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        for key, count in sorted(counts.items()):
            self.stdout.write(f"  {key}: {count}")
        size = database_size()
        self.stdout.write(
            self.style.SUCCESS(
                _("Done in %(seconds).1f s (%(rate).0f engagements a second); database size %(size)s.")
                % {
                    "seconds": elapsed,
                    "rate": engagements / elapsed if elapsed else 0,
                    "size": f"{size / 1e6:.0f} MB" if size else "?",
                }
            )
        )
