"""How long one database statement of a web request may run (PostgreSQL).

A page or API call that would read far more than it shows (a filter nobody foresaw, at a million
records) is stopped by the database after TAAWUN_STATEMENT_TIMEOUT seconds instead of holding a
worker and its connection for minutes while the reader gives up; the reader is told to narrow the
request (`TooLongMiddleware`). Only app processes set the limit (taawun.wsgi): migrations,
rebuilds, backups and the task workers run as long as their work needs.

SQLite has no such setting; its statements run to the end.
"""

from __future__ import annotations

from django.conf import settings
from django.db import OperationalError
from django.db.backends.signals import connection_created
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled (by the timeout or an operator)


def limit(connection, seconds: float | None = None) -> None:
    """Set the limit on one open connection (PostgreSQL only; 0 means none)."""
    seconds = settings.TAAWUN_STATEMENT_TIMEOUT if seconds is None else seconds
    if connection.vendor != "postgresql" or seconds <= 0:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {round(seconds * 1000)}")


def limit_web_statements() -> None:
    """Every connection this process opens from now on gets the limit (called by taawun.wsgi)."""
    connection_created.connect(_connection_created, dispatch_uid="taawun-statement-timeout")


def _connection_created(sender, connection, **kwargs):
    limit(connection)


def stopped_for_time(error: BaseException) -> bool:
    cause = error.__cause__ if isinstance(error, OperationalError) else None
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED


class TooLongMiddleware:
    """A request whose statement the database stopped answers 503 with what to do, in the reader's
    language: a page for people, JSON for the API. Nothing was written (the statement was a read,
    or its transaction was rolled back with it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not stopped_for_time(exception):
            return None
        message = _(
            "This request would take too long and was stopped. Narrow it down (a partner, a period, "
            "fewer words) and try again."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=503)
        response = TemplateResponse(request, "core/too_long.html", {"message": message}, status=503)
        return response.render()
