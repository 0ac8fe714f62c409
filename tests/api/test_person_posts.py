"""A person in the API: the posts (read with the person) and the contact details, given only to a
reader cleared for them (issue 19, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.registry.models import Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def minister(make):
    person = make.person(
        "SY",
        classification="internal",
        phone="+963 11 555 0101",
        email="office@moi.example",
        contact_classification="secret",
    )
    Position.objects.create(person=person, title_ar="وزير الداخلية", start_date=dt.date(2022, 9, 1))
    return person


def test_the_contact_details_are_given_only_to_a_reader_cleared_for_them(api_as, minister):
    cleared = api_as("officer").get(f"/api/people/{minister.pk}").json()
    assert (cleared["phone"], cleared["email"], cleared["contact_classification"]) == (
        "+963 11 555 0101",
        "office@moi.example",
        "secret",
    )
    viewer = api_as("viewer").get(f"/api/people/{minister.pk}")
    assert viewer.status_code == 200
    body = viewer.json()
    assert (body["phone"], body["email"], body["office"], body["contact_classification"]) == (None,) * 4
    listed = api_as("viewer").get("/api/people").json()["items"]
    assert "office@moi.example" not in str(listed) and "555 0101" not in str(listed)


def test_the_posts_are_read_with_the_person(api_as, minister):
    body = api_as("viewer").get(f"/api/people/{minister.pk}").json()
    assert [(p["title_ar"], p["start_date"], p["end_date"]) for p in body["positions"]] == [
        ("وزير الداخلية", "2022-09-01", None)
    ]


def test_a_post_ended_through_the_api_changes_the_position_shown(api_as, minister):
    api = api_as("officer")
    changed = api.patch(
        f"/api/people/{minister.pk}",
        {
            "positions": [
                {"title_ar": "وزير الداخلية", "start_date": "2022-09-01", "end_date": "2024-12-31"},
                {"title_ar": "مستشار رئيس الجمهورية", "start_date": "2025-01-01"},
            ]
        },
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["position"] == "مستشار رئيس الجمهورية"
    assert minister.positions.count() == 2  # the first post was matched and ended, not replaced
