"""Small helpers for bilingual (Arabic/English) values stored side by side."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language

from taawun.vocabulary import Term


def is_arabic() -> bool:
    return (get_language() or "ar").startswith("ar")


def pick(arabic: str, english: str) -> str:
    """The value in the reader's language, falling back to the other one when it is empty."""
    first, second = (arabic, english) if is_arabic() else (english, arabic)
    return first or second or ""


def _term_label(term: Term) -> str:
    return term.label(get_language() or "ar")


# A vocabulary term's label, resolved in the language active when it is rendered.
term_label = lazy(_term_label, str)


def term_choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    return [(term.key, term_label(term)) for term in terms]
