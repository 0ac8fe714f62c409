"""Fill a scratch database with generated records, or fingerprint them (not a test).

    DATABASE_URL=sqlite:////tmp/t.sqlite3 .venv/bin/taawun migrate
    DATABASE_URL=sqlite:////tmp/t.sqlite3 .venv/bin/python benchmarks/dataset.py generate --engagements 100000
    DATABASE_URL=sqlite:////tmp/t.sqlite3 .venv/bin/python benchmarks/dataset.py digest

The generator (benchmarks/datagen) writes synthetic records in bulk, reproducibly from a seed; it
refuses a database that already holds records unless --append is given. `--help` lists the
options. Django starts as `taawun` starts it (settings, DATABASE_URL, the terminal's language).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    # Imported here: the generator and Django's translations need the settings chosen and Django set up.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
    import django
    from django.utils import translation

    django.setup()
    from datagen.command import Command

    from taawun.cli import terminal_language

    with translation.override(terminal_language()):
        Command().run_from_argv(
            ["python", "benchmarks/dataset.py", *(sys.argv[1:] if argv is None else argv)]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
