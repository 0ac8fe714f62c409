"""The error pages (400, 403, 404, 500): in the reader's language, inside the site's frame.

Django's own are bare English pages with no way back. Under /api/ the answer stays JSON, like the
API's own errors. An error page must not fail in turn: when the frame cannot be drawn (the menu reads
the database, which may be what failed), a plain page in the same words is sent instead.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    """(title, explanation) by status, translated when asked for (the request's language)."""
    return {
        400: (_("The request could not be read"), _("The address or the form sent was not understood.")),
        403: (_("Not allowed"), _("Your role does not allow this. Ask an administrator if you need it.")),
        404: (_("Page not found"), _("There is no such page. It may have been moved or deleted.")),
        500: (
            _("Something went wrong"),
            _("Taawun could not answer this request. Nothing was lost: try again in a moment."),
        ),
    }


def _answer(request, status: int, explanation: str | None = None) -> HttpResponse:
    title, usual = _messages()[status]
    explanation = explanation or usual
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": title}, status=status)
    context = {"status": status, "title": title, "explanation": explanation}
    try:
        content = render_to_string("errors/error.html", context, request=request)
    except Exception:  # the frame itself failed (the database is down, a bad Host): say it without it
        logger.exception("the error page could not be drawn in the site's frame")
        direction = "rtl" if get_language_bidi() else "ltr"
        content = (
            f'<!doctype html><html lang="{escape(get_language())}" dir="{direction}"><meta charset="utf-8">'
            f"<title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(explanation)}</p>"
            f'<p><a href="/">{escape(_("Home"))}</a></p></html>'
        )
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return _answer(request, 400)


def permission_denied(request, exception=None):
    return _answer(request, 403)


def page_not_found(request, exception=None):
    return _answer(request, 404)


def server_error(request):
    return _answer(request, 500)


def csrf_failure(request, reason=""):
    """A form sent without its valid security token: most often one left open past the session."""
    return _answer(
        request,
        403,
        _("This form has expired or was sent from elsewhere. Go back, reload the page and send it again."),
    )
