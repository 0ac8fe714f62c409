"""A partner's profile stays one page however busy the partner: counted years, the latest engagements."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from taawun.registry import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_partner(make, monkeypatch):
    monkeypatch.setattr(selectors, "PROFILE_TIMELINE", 2)
    monkeypatch.setattr(selectors, "PROFILE_LIST", 1)
    for year, month in [(2023, 3), (2024, 5), (2024, 9)]:
        make.engagement("SA", ["JO"], start_date=dt.date(year, month, 1), title_ar=f"لقاء {year}-{month}")
    make.engagement("JO", ["EG"], start_date=dt.date(2022, 1, 1), title_ar="الأردن مضيفا")
    make.engagement("SA", ["EG"], start_date=dt.date(2025, 1, 1), title_ar="بلا الأردن")
    make.person("JO", name_ar="سالم الحديد")
    make.person("JO", name_ar="نادر العمري")


def test_the_profile_counts_every_engagement_but_shows_the_latest(officer_client, busy_partner):
    page = officer_client.get(reverse("registry:party_detail", args=["JO"])).content.decode()
    assert "لقاء 2024-9" in page and "لقاء 2024-5" in page
    assert "لقاء 2023-3" not in page and "الأردن مضيفا" not in page  # beyond the latest two
    assert "بلا الأردن" not in page  # not the partner's
    assert "<strong>4</strong>" in page
    # Each year links to the engagement list of that year, with its count.
    assert "?party=JO&amp;start_after=2022-01-01&amp;start_before=2022-12-31" in page
    assert "(2)" in page  # 2024


def test_the_year_counts_follow_a_new_engagement(officer_client, busy_partner, make):
    url = reverse("registry:party_detail", args=["JO"])
    assert "<strong>4</strong>" in officer_client.get(url).content.decode()
    make.engagement("SA", ["JO"], start_date=dt.date(2021, 6, 1))
    page = officer_client.get(url).content.decode()
    assert "<strong>5</strong>" in page and "start_after=2021-01-01" in page


def test_the_year_counts_are_those_of_the_readers_clearance(
    viewer_client, officer_client, busy_partner, make
):
    make.engagement("SA", ["JO"], start_date=dt.date(2020, 6, 1), classification="secret")
    url = reverse("registry:party_detail", args=["JO"])
    assert "start_after=2020-01-01" in officer_client.get(url).content.decode()
    viewer_page = viewer_client.get(url).content.decode()
    assert "start_after=2020-01-01" not in viewer_page and "<strong>4</strong>" in viewer_page


def test_long_lists_say_how_many_there_are_and_where_to_find_them(officer_client, busy_partner):
    page = officer_client.get(reverse("registry:party_detail", args=["JO"])).content.decode()
    assert f"{reverse('registry:person_list')}?party=JO" in page
