"""The ranking window counts only matches the reader may see (issue 16, L4): hidden matches
neither take places in it nor tell the reader, by "more matches than ranked", that they exist."""

from __future__ import annotations

import pytest

from taawun.knowledge.models import KnowledgeItem
from taawun.search.selectors import search

pytestmark = pytest.mark.django_db


def lessons(make, count: int, classification: str) -> list:
    return [
        make.knowledge(title_ar="تقرير", body=f"ضبط شحنة مخدرات {n}", classification=classification)
        for n in range(count)
    ]


def test_newer_hidden_matches_take_no_place_in_the_window(make, low_clearance, settings):
    settings.SEARCH_RANK_WINDOW = 3
    shown = lessons(make, 3, "public")
    lessons(make, 4, "secret")  # newer
    page = search(low_clearance, "مخدرات", limit=10)
    assert page.total == 3 and {hit.record for hit in page.results} == set(shown)
    assert not page.windowed


def test_hidden_matches_do_not_tell_the_reader_there_are_more(make, low_clearance, settings):
    settings.SEARCH_RANK_WINDOW = 3
    lessons(make, 2, "public")
    lessons(make, 2, "secret")
    page = search(low_clearance, "مخدرات", limit=10)
    assert (page.total, page.windowed) == (2, False)


def test_records_raised_above_the_clearance_since_indexing_take_no_place_either(
    make, low_clearance, settings
):
    settings.SEARCH_RANK_WINDOW = 3
    shown = lessons(make, 3, "public")
    raised = lessons(make, 2, "public")  # newer, then raised without re-indexing
    KnowledgeItem.objects.filter(pk__in=[item.pk for item in raised]).update(classification="secret")
    page = search(low_clearance, "مخدرات", limit=10)
    assert page.total == 3 and {hit.record for hit in page.results} == set(shown)
    assert not page.windowed


def test_more_visible_matches_than_the_window_are_still_told(make, low_clearance, settings):
    settings.SEARCH_RANK_WINDOW = 3
    lessons(make, 2, "secret")
    newest = lessons(make, 4, "public")[1:]
    page = search(low_clearance, "مخدرات", limit=10)
    assert page.windowed and page.total == 3
    assert {hit.record for hit in page.results} == set(newest)
