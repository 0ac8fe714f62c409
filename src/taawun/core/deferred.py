"""Derived work (the search index) done once per service call instead of once per save.

A service that changes a record many times in one transaction (an engagement saved, then its
guests, domains, forms and sources linked one by one) would otherwise have every listener redo its
derived work after each step. Inside `deferred()`, listeners hand their work to `run_or_defer`
under a key naming what it updates; the same key again replaces the earlier work, and everything
runs once when the outermost block ends, still inside the caller's transaction (so the derived
data commits or rolls back with the change). Outside a block the work runs at once.

Use it inside the transaction: put `@deferred()` below `@transaction.atomic`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextlib import ContextDecorator

_state = threading.local()


def _pending() -> dict[Hashable, Callable[[], None]] | None:
    return getattr(_state, "pending", None)


class deferred(ContextDecorator):  # lower case: used like transaction.atomic
    def _recreate_cm(self) -> deferred:
        return type(self)()  # each decorated call its own state (nested calls, threads)

    def __enter__(self) -> deferred:
        self._outermost = _pending() is None
        if self._outermost:
            _state.pending = {}
        return self

    def __exit__(self, exc_type, exc, traceback) -> bool:
        if not self._outermost:
            return False
        pending, _state.pending = _state.pending, None
        if exc_type is None:
            for work in pending.values():
                work()
        return False


def run_or_defer(key: Hashable, work: Callable[[], None]) -> None:
    """Run the work now, or, inside `deferred()`, once at its end (the latest work for a key wins)."""
    pending = _pending()
    if pending is None:
        work()
    else:
        pending.pop(key, None)  # keep the order of the latest request
        pending[key] = work
