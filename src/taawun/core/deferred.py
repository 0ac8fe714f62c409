"""Derived work (the search index, the tallies) done once per service call instead of once per save.

A service that changes a record many times in one transaction (an engagement saved, then its
guests, domains, forms and sources linked one by one) would otherwise have every projection redo
its work after each step. Inside `deferred()`, listeners hand their work to `run_or_defer` under a
key naming what it updates; the same key again replaces the earlier work, and everything runs once
when the outermost block ends, still inside the caller's transaction (so the derived data commits
or rolls back with the change). Outside a block the work runs at once.

Use it inside the transaction: put `@deferred()` below `@transaction.atomic` (a context manager
made with `contextmanager` is also a decorator, fresh for each call).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager

_state = threading.local()


def _pending() -> dict[Hashable, Callable[[], None]] | None:
    return getattr(_state, "pending", None)


@contextmanager
def deferred() -> Iterator[None]:  # lower case: used like transaction.atomic
    if _pending() is not None:  # an inner block: the outermost one runs the work
        yield
        return
    _state.pending = {}
    try:
        yield
    except BaseException:
        _state.pending = None  # the change failed: its derived work is dropped with it
        raise
    pending, _state.pending = _state.pending, None
    for work in pending.values():
        work()


def run_or_defer(key: Hashable, work: Callable[[], None]) -> None:
    """Run the work now, or, inside `deferred()`, once at its end (the latest work for a key wins)."""
    pending = _pending()
    if pending is None:
        work()
    else:
        pending.pop(key, None)  # keep the order of the latest request
        pending[key] = work
