"""The review desk's type-aheads list only records the reviewer may see, and a listed record's
label names no related record above the reviewer's clearance (its agency, its party)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.registry.models import Party
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

HIDDEN_AGENCY = "مديرية المهام الخاصة"


def search(user, name: str, query: str) -> list[dict]:
    response = logged_in(user).get(reverse(name), {"q": query})
    assert response.status_code == 200
    return response.json()["results"]


def test_a_person_is_listed_without_an_agency_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="public")
    agency = make.agency("SY", name_ar=HIDDEN_AGENCY, classification="secret")
    person = make.person("SY", agency=agency, name_ar="سالم الراشد", classification="public")
    [found] = search(low_clearance, "ingest:person_search", "سالم الراشد")
    assert found["id"] == person.pk and HIDDEN_AGENCY not in found["label"]
    assert "SY" in found["label"]


def test_a_person_is_listed_without_a_party_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="secret")
    make.person("SY", name_ar="سالم الراشد", classification="public")
    [found] = search(low_clearance, "ingest:person_search", "سالم")
    assert "SY" not in found["label"]


def test_records_above_the_clearance_are_not_listed(make, low_clearance):
    make.person("SY", name_ar="سالم الراشد", classification="secret")
    make.agency("SY", name_ar=HIDDEN_AGENCY, classification="secret")
    make.engagement(None, ["SY"], title_ar="اجتماع المهام الخاصة", classification="secret")
    assert search(low_clearance, "ingest:person_search", "سالم") == []
    assert search(low_clearance, "ingest:agency_search", "المهام الخاصة") == []
    assert search(low_clearance, "ingest:engagement_search", "المهام الخاصة") == []


def test_an_engagement_is_listed_without_a_party_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="secret")
    make.engagement("JO", ["SY"], title_ar="اجتماع تنسيقي", classification="public")
    [found] = search(low_clearance, "ingest:engagement_search", "اجتماع تنسيقي")
    assert "JO" in found["label"] and "SY" not in found["label"]


def test_the_type_aheads_match_words_in_any_order_english_names_and_abbreviations(make, officer):
    person = make.person("SY", name_ar="سالم بن أحمد الراشد", name_en="Salem Al-Rashed")
    agency = make.agency(
        "SY", name_ar="إدارة مكافحة المخدرات", name_en="Narcotics Control", abbreviation="NCD"
    )
    engagement = make.engagement(
        "JO", ["SY"], title_ar="اجتماع لجنة الحدود المشتركة", title_en="Border committee"
    )
    assert [row["id"] for row in search(officer, "ingest:person_search", "الراشد سالم")] == [person.pk]
    assert [row["id"] for row in search(officer, "ingest:person_search", "salem al-rashed")] == [person.pk]
    assert [row["id"] for row in search(officer, "ingest:agency_search", "ncd")] == [agency.pk]
    assert [row["id"] for row in search(officer, "ingest:agency_search", "مكافحة")] == [agency.pk]
    assert [row["id"] for row in search(officer, "ingest:engagement_search", "الحدود لجنة")] == [
        engagement.pk
    ]
    assert search(officer, "ingest:engagement_search", "x") == []
