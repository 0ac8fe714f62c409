"""Printed documents: a page rendered from a template, laid out as PDF by WeasyPrint.

Every printable document (the country brief, a programme, minutes) goes through here, so that
they share one way of turning HTML into PDF and one place to change it. The fonts are the
system's (Noto Naskh Arabic and Noto Sans from Debian's packages): nothing is fetched.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    # Imported here: loading WeasyPrint and Pango takes most of a second, and only documents need it.
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    """The template rendered for the request (its language, its reader) and laid out as PDF."""
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html, request.build_absolute_uri("/") if request is not None else None)
