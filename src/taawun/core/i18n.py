"""Small helpers for bilingual (Arabic/English) values stored side by side."""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
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


def in_reading_order(queryset: QuerySet) -> QuerySet:
    """Records with names in both languages, ordered by the name the reader sees (see `pick`): by
    the sort keys kept beside the names where the model keeps them (sort_ar, sort_en: the order an
    Arabic reader files names in), else by the names themselves; other querysets as they are."""
    names = {field.name for field in queryset.model._meta.get_fields()}
    if {"sort_ar", "sort_en"} <= names:
        return queryset.order_by("sort_ar" if is_arabic() else "sort_en", "pk")
    if not {"name_ar", "name_en"} <= names:
        return queryset
    first, second = ("name_ar", "name_en") if is_arabic() else ("name_en", "name_ar")
    return queryset.order_by(Coalesce(NullIf(first, Value("")), second), "pk")
