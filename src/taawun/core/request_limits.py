"""Two refusals that used to be bare: a request body over DATA_UPLOAD_MAX_MEMORY_SIZE (a bare 400)
and a full disk or database (an HTML 500, even for the API). Both answer with what happened and
what to do, in the reader's language: a page for people, JSON ({"detail": ...}) under /api/.

A paste up to the upload limit fits in DATA_UPLOAD_MAX_MEMORY_SIZE (settings.py), so only a body
far beyond it is refused here; the upload form refuses a paste over the limit itself, keeping it.
"""

from __future__ import annotations

import errno
import logging
from contextlib import nullcontext

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
# PostgreSQL's disk_full (53100) and SQLite's SQLITE_FULL, as their drivers report them.
_DISK_FULL_SQLSTATE = "53100"
_SQLITE_FULL = "database or disk is full"


def storage_full(exception: BaseException) -> bool:
    """True when the exception (or one it came from) says the disk or the database is full."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OSError) and exception.errno in {errno.ENOSPC, errno.EDQUOT}:
            return True
        if getattr(exception, "sqlstate", None) == _DISK_FULL_SQLSTATE:
            return True
        if isinstance(exception, DatabaseError) and _SQLITE_FULL in str(exception):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _language_of(request):
    """The API answers in the language of Accept-Language (as taawun.api.language does for its views,
    which these refusals never reach); pages keep the language of their address."""
    if _is_api(request):
        return translation.override(translation.get_language_from_request(request, check_path=False))
    return nullcontext()


def _answer(request, message: str, status: int):
    if _is_api(request):
        return JsonResponse({"detail": message}, status=status)
    return TemplateResponse(
        request, "core/request_refused.html", {"message": message}, status=status
    ).render()


def _too_large(request):
    limit = round(settings.TAAWUN_UPLOAD_MAX_BYTES / (1024 * 1024), 1)
    with _language_of(request):
        message = _(
            "What you sent is far larger than the limit of %(limit)s MB and was not read. Shorten the text "
            "(or upload it as a file) and send it again."
        ) % {"limit": limit}
    return _answer(request, message, 413)


class RequestLimitsMiddleware:
    """Placed before CsrfViewMiddleware, which would otherwise read the body first and turn the
    refusal into a bare 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                request.POST  # noqa: B018 - parsed here so that a body too large is answered here
            except RequestDataTooBig:
                return _too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return _too_large(request)
        if storage_full(exception):
            log.critical("storage full: %s", exception, exc_info=exception)
            with _language_of(request):
                message = _(
                    "The server has no room left to store this: nothing was saved. Tell the administrator; "
                    "keep what you entered and try again later."
                )
            return _answer(request, message, 507)
        return None
