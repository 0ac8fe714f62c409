"""Helpers for page tests: a page's address in a language, a response's text, and the <html> tag
each language's pages open with."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

LANGUAGES = {"ar": '<html lang="ar" dir="rtl">', "en": '<html lang="en" dir="ltr">'}


def url(name: str, *args, language: str = "ar", query: str = "") -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def text(response) -> str:
    return response.content.decode()


def offered(client, page: str, field: str, query: str) -> list[str]:
    """What a form's record picker named `field` (or a formset's first row's) offers when `query` is typed: the labels its
    choices address answers with (a searched picker), or its listed options holding the query
    (a short list). Fails when the page has no picker of that name."""
    import html
    import re

    # The field by its name, or the first formset row's field of that name ("cohorts-0-agency").
    tag = re.search(rf'<select name="(?:[\w]+-0-)?{re.escape(field)}"[^>]*>(.*?)</select>', page, re.S)
    assert tag, f"no <select name={field}> on the page"
    opening = tag.group(0).split(">", 1)[0]
    address = re.search(r'data-picker-url="([^"]+)"', opening)
    if address:
        answer = client.get(html.unescape(address.group(1)), {"q": query})
        assert answer.status_code == 200
        return [result["label"] for result in answer.json()["results"]]
    assert 'data-picker="list"' in opening, f"{field} is not a picker"
    options = [
        html.unescape(label) for label in re.findall(r"<option[^>]*>(.*?)</option>", tag.group(1), re.S)
    ]
    return [label for label in options if query in label]
