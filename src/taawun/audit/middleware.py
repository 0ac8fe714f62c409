"""Writing the request's refusals once its response has been sent (taawun.audit.refusals)."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from taawun.audit import refusals
from taawun.audit.services import append_all

logger = logging.getLogger(__name__)


def write_refusals(queue: list[dict]) -> None:
    """Write the queued entries in one transaction. Django swallows errors of a response's close
    hooks (and the response is gone by then): log them, with what was refused, so that no refusal
    disappears without a trace."""
    if not queue:
        return
    entries, queue[:] = list(queue), []
    try:
        with transaction.atomic():
            append_all(entries)
    except Exception:
        logger.exception(
            "Could not write %d refused access(es) to the audit trail: %s",
            len(entries),
            [(entry.get("model_label"), entry.get("object_pk"), entry.get("note")) for entry in entries],
        )


class DeferredRefusalsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queue, token = refusals.open_queue()
        try:
            response = self.get_response(request)
        except BaseException:
            refusals.close_queue(token)
            write_refusals(queue)
            raise
        refusals.close_queue(token)
        if queue:
            # Run by response.close(), which the WSGI server (and Django's test client) calls once
            # the response is sent; `_resource_closers` is how Django itself closes file responses.
            response._resource_closers.append(partial(write_refusals, queue))
        return response
