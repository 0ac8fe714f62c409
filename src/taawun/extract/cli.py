"""`taawun extract`: placeholder until the engine lands."""

import sys


def main(argv: list[str]) -> int:
    print("taawun extract: not available yet", file=sys.stderr)
    return 2
