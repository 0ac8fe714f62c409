"""The review desk's and the merge pages' pickers ask the record types' choices addresses
(taawun.records.pickers): they list only records the reviewer may see, and a listed record's
label names no related record above the reviewer's clearance (its agency, its party). No one
signed out reaches them. (They replaced the desk's own type-aheads, ingest/people/search/ and its
siblings, which are gone.)"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from taawun.registry.models import Party
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

HIDDEN_AGENCY = "مديرية المهام الخاصة"
PEOPLE, AGENCIES, ENGAGEMENTS, SOURCES = (
    "registry:person_choices",
    "registry:agency_choices",
    "registry:engagement_choices",
    "registry:source_choices",
)


def search(user, name: str, query: str) -> list[dict]:
    response = logged_in(user).get(reverse(name), {"q": query})
    assert response.status_code == 200
    return response.json()["results"]


def ids(results: list[dict]) -> list[int]:
    return [int(row["id"]) for row in results]


def test_a_person_is_listed_without_an_agency_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="public")
    agency = make.agency("SY", name_ar=HIDDEN_AGENCY, classification="secret")
    person = make.person("SY", agency=agency, name_ar="سالم الراشد", classification="public")
    [found] = search(low_clearance, PEOPLE, "سالم الراشد")
    assert int(found["id"]) == person.pk and HIDDEN_AGENCY not in found["label"]
    assert "SY" in found["label"]


def test_a_person_is_listed_without_a_party_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="secret")
    make.person("SY", name_ar="سالم الراشد", classification="public")
    [found] = search(low_clearance, PEOPLE, "سالم")
    assert "SY" not in found["label"]


def test_records_above_the_clearance_are_not_listed(make, low_clearance):
    make.person("SY", name_ar="سالم الراشد", classification="secret")
    make.agency("SY", name_ar=HIDDEN_AGENCY, classification="secret")
    make.engagement(None, ["SY"], title_ar="اجتماع المهام الخاصة", classification="secret")
    source = make.source("تقرير المهام الخاصة")
    type(source).objects.filter(pk=source.pk).update(classification="secret")
    assert search(low_clearance, PEOPLE, "سالم") == []
    assert search(low_clearance, AGENCIES, "المهام الخاصة") == []
    assert search(low_clearance, ENGAGEMENTS, "المهام الخاصة") == []
    assert search(low_clearance, SOURCES, "المهام الخاصة") == []


def test_an_engagement_is_listed_without_a_party_the_reviewer_may_not_see(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="secret")
    engagement = make.engagement("JO", ["SY"], title_ar="اجتماع تنسيقي", classification="public")
    [found] = search(low_clearance, ENGAGEMENTS, "اجتماع تنسيقي")
    assert int(found["id"]) == engagement.pk and "SY" not in found["label"]
    assert Party.objects.get(code="SY").name_ar not in found["label"]


def test_the_pickers_match_words_in_any_order_english_names_and_abbreviations(make, officer):
    person = make.person("SY", name_ar="سالم بن أحمد الراشد", name_en="Salem Al-Rashed")
    agency = make.agency(
        "SY", name_ar="إدارة مكافحة المخدرات", name_en="Narcotics Control", abbreviation="NCD"
    )
    engagement = make.engagement(
        "JO", ["SY"], title_ar="اجتماع لجنة الحدود المشتركة", title_en="Border committee"
    )
    assert ids(search(officer, PEOPLE, "الراشد سالم")) == [person.pk]
    assert ids(search(officer, PEOPLE, "salem al-rashed")) == [person.pk]
    assert ids(search(officer, AGENCIES, "ncd")) == [agency.pk]
    assert ids(search(officer, AGENCIES, "مكافحة")) == [agency.pk]
    assert ids(search(officer, ENGAGEMENTS, "الحدود لجنة")) == [engagement.pk]
    assert search(officer, ENGAGEMENTS, "x") == []


@pytest.mark.parametrize("name", [PEOPLE, AGENCIES, ENGAGEMENTS, SOURCES])
def test_no_one_signed_out_reaches_the_pickers(name, make):
    make.person("SY", name_ar="سالم الراشد")
    response = Client().get(reverse(name), {"q": "سالم"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["person_search", "agency_search", "engagement_search"])
def test_the_desks_own_type_aheads_are_gone(name):
    with pytest.raises(NoReverseMatch):
        reverse(f"ingest:{name}")
