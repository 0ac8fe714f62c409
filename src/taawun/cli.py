"""The `taawun` command.

`taawun extract` runs the pure-Python extraction engine without starting Django, so it stays
fast and usable on its own. Every other subcommand is a Django management command
(`taawun serve`, `taawun demo`, `taawun migrate`, `taawun createsuperuser`, ...), and
`DATABASE_URL` chooses the database for all of them.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

# Subcommands that must not pay for (or depend on) Django start-up.
PURE_COMMANDS = {
    "extract": "taawun.extract.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        module = import_module(PURE_COMMANDS[argv[0]])
        return int(module.main(argv[1:]) or 0)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
    # Django only now: the pure commands above run without it (and without its start-up time).
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    if argv and not argv[0].startswith("-"):
        # Django names a command after its module (extract_eval); the documented name has a hyphen.
        argv[0] = argv[0].replace("-", "_")
    with translation.override(terminal_language()):
        execute_from_command_line(["taawun", *argv])
    return 0


def terminal_language() -> str:
    """Messages in the operator's language: TAAWUN_LANGUAGE, else the shell's locale (ar_* gives
    Arabic, anything else English, since a terminal without an Arabic locale may not show it)."""
    chosen = os.environ.get("TAAWUN_LANGUAGE", "")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        chosen = chosen or os.environ.get(variable, "")
    return "ar" if chosen.lower().startswith("ar") else "en"


if __name__ == "__main__":
    sys.exit(main())
