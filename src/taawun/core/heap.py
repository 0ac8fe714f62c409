"""Python's cycle collector in a long-running app process, kept off the requests' latency.

Each request leaves a few thousand objects in reference cycles (the ORM's prefetched related
objects point back at the records that hold them), and the collector runs when allocations pass
its thresholds: in the middle of some later request, over every object the process holds. Left
alone, one request in fifteen of the API list paid 50-160 ms for it (docs/BENCHMARKS.md).

So an app process settles once it is loaded: what is alive then (modules, URL patterns, schemas,
compiled templates) is frozen out of the collector's sight for good. After each response the
process collects what that request left, which costs well under a millisecond once settled.
Kept for its measured gain against Python's own collection: docs/BENCHMARKS.md, "Speed
shortcuts" (benchmarks/shortcuts_bench.py).
"""

from __future__ import annotations

import gc

from django.urls import get_resolver


def warm_up() -> None:
    """Load what the first request would otherwise load: every URL pattern and the views and API
    schemas behind them (half a second of imports that would fall on one user's request)."""
    get_resolver().reverse_dict  # noqa: B018 - reading it populates the resolver (a public property)


def settle() -> None:
    """Collect the garbage of start-up and freeze the rest: the collector never looks at it again."""
    gc.collect()
    gc.freeze()


def collect_after_response() -> None:
    """Collect what the last request left in cycles, before the next one starts."""
    gc.collect()
