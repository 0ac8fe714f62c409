"""Refusals written after the response, so that a hidden record's 404 costs what a missing one's does.

A 404 given instead of a record the user may not see is audited; a 404 for a record that does not
exist is not. Written before answering, the refusal's entry (the chain head's lock, an insert, a
commit) made the first 404 measurably slower than the second, telling hidden records from missing
ones. Inside a request (DeferredRefusalsMiddleware) `audit_denied` therefore only queues the entry
here, and the middleware writes the queue when the response has been sent (its close hook, which the
WSGI server calls after the last byte). Outside a request, entries are written at once.
"""

from __future__ import annotations

from contextvars import ContextVar

_queue: ContextVar[list[dict] | None] = ContextVar("taawun_audit_refusals", default=None)


def defer(fields: dict) -> bool:
    """Queue an entry (append's keyword arguments) for after the response; False outside a request."""
    queue = _queue.get()
    if queue is None:
        return False
    queue.append(fields)
    return True


def open_queue() -> tuple[list[dict], object]:
    queue: list[dict] = []
    return queue, _queue.set(queue)


def close_queue(token) -> None:
    _queue.reset(token)
