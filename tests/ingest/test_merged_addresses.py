"""A merged record's address leads to the record kept (a bookmark of the duplicate still works),
also after a second merge, and only for a reader who may see the record kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.registry.merging import merge_engagements, merge_people
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def detail(model_key: str, pk) -> str:
    return reverse(f"registry:{model_key}_detail", args=[pk])


def test_the_address_of_a_merged_person_leads_to_the_one_kept(make, officer):
    kept = make.person("SY", name_ar="سالم الراشد")
    twin = make.person("SY", name_ar="سالم بن أحمد الراشد")
    merge_people(survivor=kept, merged=[twin], choices={}, actor=officer)
    response = logged_in(officer).get(detail("person", twin.pk))
    assert response.status_code == 302 and response["Location"] == detail("person", kept.pk)


def test_a_chain_of_merges_is_one_step(make, officer):
    first, second, third = (make.engagement("JO", ["SY"]) for _ in range(3))
    merge_engagements(survivor=second, merged=[first], choices={}, actor=officer)
    merge_engagements(survivor=third, merged=[second], choices={}, actor=officer)
    response = logged_in(officer).get(detail("engagement", first.pk))
    assert response.status_code == 302 and response["Location"] == detail("engagement", third.pk)


def test_a_reader_who_may_not_see_the_record_kept_gets_not_found(make, officer, low_clearance):
    kept = make.person("SY", classification="secret")
    twin = make.person("SY", classification="public")
    merge_people(survivor=kept, merged=[twin], choices={}, actor=officer)
    missing = logged_in(low_clearance).get(detail("person", 10**6))
    merged = logged_in(low_clearance).get(detail("person", twin.pk))
    assert merged.status_code == missing.status_code == 404
    assert merged.content == missing.content


def test_an_address_never_merged_is_not_found(officer):
    assert logged_in(officer).get(detail("person", 10**6)).status_code == 404
