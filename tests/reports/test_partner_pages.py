"""A list filtered by partner (and dates) is paged off the partner's timeline: the same engagements,
in the same order, with the same count, as filtering the engagements themselves."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.urls import reverse

from taawun.registry.models import Party
from taawun.registry.selectors import engagements_visible_to
from taawun.reports import partners
from tests.api.client import ApiClient, token_for

pytestmark = pytest.mark.django_db

PARTIES = ["SA", "SY", "QA", "KW"]
FILTERS = [
    {},
    {"start_after": "2023-01-01", "start_before": "2023-12-31"},
    {"start_after": "2023-03-15"},  # not a whole year: the tallies cannot count it, the timeline can
    {"start_before": "2024-06-30"},
]


@pytest.fixture
def engagements(make):
    rng = random.Random(3)
    made = []
    for number in range(30):
        host = rng.choice([*PARTIES, None])
        guests = rng.sample(PARTIES, rng.randint(0, 2))
        start = rng.choice(
            [None, dt.date(2022, 5, 1), dt.date(2023, rng.randint(1, 12), 10), dt.date(2024, 8, 9)]
        )
        classification = ("public", "internal", "secret")[number % 3]
        made.append(make.engagement(host, guests, start_date=start, classification=classification))
    return made


def filtered_directly(user, code: str, filters: dict) -> list[int]:
    """The engagements a reader may see with the partner and dates, filtered on the engagements."""
    party = Party.objects.get(code=code)
    found = partners.with_party(engagements_visible_to(user), party)
    if "start_after" in filters:
        found = found.filter(start_date__gte=filters["start_after"])
    if "start_before" in filters:
        found = found.filter(start_date__lte=filters["start_before"])
    return list(found.values_list("pk", flat=True))


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("persona", ["officer", "viewer"])
def test_every_page_holds_what_filtering_the_engagements_finds(
    engagements, filters, persona, officer, viewer, officer_client, viewer_client, settings
):
    settings.PAGE_SIZE = 4
    user, client = (officer, officer_client) if persona == "officer" else (viewer, viewer_client)
    url = reverse("registry:engagement_list")
    for code in PARTIES:
        expected = filtered_directly(user, code, filters)
        shown, page = [], 1
        while True:
            response = client.get(url, {"party": code, **filters, "page": page})
            assert response.status_code == 200
            assert isinstance(response.context["paginator"].object_list, partners.PartnerEngagements)
            assert response.context["paginator"].count == len(expected)
            shown += [engagement.pk for engagement in response.context["page_obj"]]
            if not response.context["page_obj"].has_next():
                break
            page += 1
        assert shown == expected, code


def test_other_filters_are_answered_by_filtering_the_engagements(engagements, officer_client):
    response = officer_client.get(reverse("registry:engagement_list"), {"party": "SY", "kind": "visit"})
    assert not isinstance(response.context["paginator"].object_list, partners.PartnerEngagements)


def test_a_date_moved_within_its_year_moves_the_engagement_in_the_partners_pages(make, officer):
    early = make.engagement("SA", ["SY"], start_date=dt.date(2024, 2, 1))
    late = make.engagement("SA", ["SY"], start_date=dt.date(2024, 9, 1))
    party = Party.objects.get(code="SY")
    records = engagements_visible_to(officer)
    assert [e.pk for e in partners.PartnerEngagements(party, officer, records)[:2]] == [late.pk, early.pk]
    early.start_date = dt.date(2024, 12, 1)
    early.save()
    assert [e.pk for e in partners.PartnerEngagements(party, officer, records)[:2]] == [early.pk, late.pk]


def test_the_api_list_of_a_partner_is_the_same(engagements, officer):
    client = ApiClient(token_for(officer))
    body = client.get("/api/engagements", party="SY", limit=200).json()
    expected = filtered_directly(officer, "SY", {})
    assert [item["id"] for item in body["items"]] == expected
    assert body["count"] == len(expected)
