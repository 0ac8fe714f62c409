"""Clearance: a record above the reader's clearance never appears in results, counts or snippets,
even when its index entry is out of date."""

from __future__ import annotations

import pytest

from taawun.access.policy import LEVELS, Classification
from taawun.registry.models import Engagement
from taawun.search.selectors import search
from tests.personas import make_user
from tests.search.helpers import found

pytestmark = pytest.mark.django_db

CLEARANCE = {"administrator": "secret", "officer": "secret", "viewer": "internal", "auditor": "internal"}
CLEARANCE["low_clearance"] = "public"


def _one_per_level(make) -> dict[str, Engagement]:
    return {
        level: make.engagement(
            "SA",
            ["JO"],
            title_ar=f"خطة مكافحة المخدرات {level}",
            summary=f"تفاصيل {level}",
            classification=level,
        )
        for level in Classification.values
    }


@pytest.mark.parametrize("persona", sorted(CLEARANCE))
def test_each_persona_finds_exactly_the_records_within_its_clearance(persona, make, django_user_model):
    records = _one_per_level(make)
    user = make_user(django_user_model, persona)
    page = search(user, "المخدرات", limit=100)
    expected = {r for level, r in records.items() if LEVELS[level] <= LEVELS[CLEARANCE[persona]]}
    assert {hit.record for hit in page.results} == expected
    assert page.total == len(expected)


def test_a_secret_record_leaves_no_trace_for_a_low_clearance_reader(make, low_clearance):
    make.knowledge(
        title_ar="عملية سرية ضد المخدرات", body="مصدر بشري داخل شبكة المخدرات", classification="secret"
    )
    public = make.knowledge(title_ar="حملة توعية", body="التوعية بأضرار المخدرات", classification="public")
    page = search(low_clearance, "المخدرات")
    assert page.total == 1
    assert [hit.record for hit in page.results] == [public]
    shown = "".join(f"{hit.title_html} {hit.snippet_html}" for hit in page.results)
    assert "سرية" not in shown and "مصدر بشري" not in shown


def test_a_classification_raised_behind_the_index_is_still_enforced(make, low_clearance):
    record = make.knowledge(title_ar="تقرير", body="تهريب المخدرات", classification="public")
    assert found(low_clearance, "المخدرات") == [record]
    type(record).objects.filter(pk=record.pk).update(classification="secret")  # no signal: index stale
    page = search(low_clearance, "المخدرات")
    assert page.results == [] and page.total == 0


def test_an_unknown_classification_hides_the_record_from_everyone(make, administrator):
    record = make.knowledge(title_ar="تقرير", body="تهريب المخدرات")
    type(record).objects.filter(pk=record.pk).update(classification="cosmic")
    assert search(administrator, "المخدرات").total == 0


def test_nobody_without_a_clearance_finds_anything(make, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    make.knowledge(title_ar="تقرير", body="تهريب المخدرات", classification="public")
    inactive = make_user(django_user_model, "officer", is_active=False)
    assert search(AnonymousUser(), "المخدرات").total == 0
    assert search(inactive, "المخدرات").total == 0
    assert search(None, "المخدرات").total == 0
