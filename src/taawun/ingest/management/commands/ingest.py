"""`taawun ingest PATH... [--accept] [--home CODE] [--classification LEVEL]`

Each article's home party hint is chosen from the article (its dateline, an agency named in it),
then --home, then the installation's party (ingest/home_choice.py).

Reads files, folders (recursively) and globs; each readable document becomes a source and a
draft in the review queue (with --accept: an accepted engagement, or another source of the
engagement it reports). A progress bar goes to stderr; a summary ends the run (new, already
known, merged, failed with reasons). Running it twice changes nothing the second time: a
document already stored is counted as known.
"""

from __future__ import annotations

import glob
import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from taawun.access.policy import LEVELS
from taawun.ingest import services
from taawun.ingest.readers import UnreadableDocument, page_address, read_document

SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


def expand(paths: list[str]) -> list[Path]:
    """Every file named, found under a folder, or matched by a glob; sorted, each once."""
    found: dict[str, Path] = {}
    for raw in paths:
        matches = [Path(match) for match in glob.glob(raw, recursive=True)] or [Path(raw)]
        for path in matches:
            candidates = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            for candidate in candidates:
                if candidate.name in SKIPPED_NAMES or candidate.name.startswith("."):
                    continue
                found.setdefault(
                    str(candidate.resolve()) if candidate.exists() else str(candidate), candidate
                )
    return [found[key] for key in sorted(found)]


class Command(BaseCommand):
    help = "Import documents (files, folders, globs) into the review queue."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--accept", action="store_true", help="accept the records without review")
        parser.add_argument(
            "--home",
            default=None,
            help=(
                "the home party code of the articles whose outlet, address or dateline does not show "
                'their country (default TAAWUN_HOME_PARTY; "" for none)'
            ),
        )
        parser.add_argument("--classification", default="internal", choices=list(LEVELS))
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, paths, accept, home, classification, no_progress, **options):
        # Each article's home party is chosen from its own text first (home_choice.py); the one
        # given here, else the installation's, stands in where the text does not show it.
        home = home.strip().upper() if home is not None else None
        files = expand(paths)
        if not files:
            raise CommandError(_("No files found."))
        counts: Counter = Counter()
        failures: list[tuple[Path, str]] = []
        # Reports of an event already recorded (attached), or perhaps recorded (left for review).
        attached: list[tuple[Path, str, object]] = []
        username = "taawun ingest"
        bar = tqdm(files, unit=_("file"), file=sys.stderr, disable=no_progress or None, dynamic_ncols=True)
        for path in bar:
            try:
                if not path.is_file():
                    raise UnreadableDocument(_("No such file."))
                data = path.read_bytes()
                text, title = read_document(data, name=path.name)
                # With --accept, drafted and accepted or nothing at all (ingest_text alone is atomic).
                with transaction.atomic() if accept else nullcontext():
                    outcome = services.ingest_text(
                        text=text,
                        title=title or path.stem,
                        url=page_address(data),  # a saved page's own address names its outlet
                        home=home,
                        classification=classification,
                        username=username,
                    )
                    status = outcome.status
                    if status == "new" and accept:
                        status, engagement = services.accept_automatically(
                            draft=outcome.draft, username=username
                        )
                        if status in {"merged", "review"}:
                            attached.append((path, status, engagement))
            except (UnreadableDocument, services.DraftError, OSError) as error:
                failures.append((path, str(error)))
                counts["failed"] += 1
                continue
            counts[status] += 1
        bar.close()
        self._summary(counts, failures, accept, attached)
        imported = (
            counts["new"] or counts["known"] or counts["accepted"] or counts["merged"] or counts["review"]
        )
        if failures and not imported:
            raise CommandError(_("Nothing could be imported."))

    def _summary(self, counts: Counter, failures: list[tuple[Path, str]], accept: bool, attached=()) -> None:
        lines = [_("Summary:")]
        if accept:
            lines.append(_("  accepted: %(n)d") % {"n": counts["accepted"]})
        else:
            lines.append(_("  new drafts: %(n)d") % {"n": counts["new"]})
        lines.append(_("  already known: %(n)d") % {"n": counts["known"]})
        lines.append(_("  merged into existing engagements: %(n)d") % {"n": counts["merged"]})
        for path, status, engagement in attached:
            if status == "merged":
                lines.append(
                    "    "
                    + _("%(file)s: another source of engagement %(pk)s, %(title)s, not a second engagement")
                    % {"file": path, "pk": engagement.pk, "title": engagement}
                )
        if accept:
            lines.append(
                _("  left in the review queue, perhaps already recorded: %(n)d") % {"n": counts["review"]}
            )
            for path, status, engagement in attached:
                if status == "review":
                    lines.append(
                        "    "
                        + _(
                            "%(file)s: may be engagement %(pk)s, %(title)s: a person decides on the review screen"
                        )
                        % {"file": path, "pk": engagement.pk, "title": engagement}
                    )
        lines.append(_("  failed: %(n)d") % {"n": counts["failed"]})
        for path, reason in failures:
            lines.append(f"    {path}: {reason}")
        self.stdout.write("\n".join(lines))
