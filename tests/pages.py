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
