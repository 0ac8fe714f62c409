"""The `taawun` command.

`taawun extract` runs the pure-Python extraction engine without starting Django, so it stays
fast and usable on its own. Every other subcommand is a Django management command
(`taawun serve`, `taawun demo`, `taawun migrate`, `taawun createsuperuser`, ...), and
`DATABASE_URL` chooses the database for all of them.
"""

from __future__ import annotations

import os
import sys

# Subcommands that must not pay for (or depend on) Django start-up.
PURE_COMMANDS = {
    "extract": "taawun.extract.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        from importlib import import_module

        module = import_module(PURE_COMMANDS[argv[0]])
        return int(module.main(argv[1:]) or 0)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["taawun", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
