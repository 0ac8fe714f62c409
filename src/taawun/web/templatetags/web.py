"""Template tags of the page frame."""

from __future__ import annotations

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def this_page_in(context, language: str) -> str:
    """The address of the current page in another language (/x/ ⇄ /en/x/), query string kept.

    Computed while the page's own language is active: Django's set_language view cannot do it
    itself, because it runs under the language of the unprefixed /i18n/ address, where a path
    carrying the other language's prefix does not resolve.
    """
    return translate_url(context["request"].get_full_path(), language)
