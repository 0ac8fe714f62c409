"""A partner's profile stays one page however busy the partner: counted years, the latest engagements;
and what the profile page shows (timeline, understandings, open action items)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from taawun.core import bounded
from taawun.registry.models import Party
from taawun.registry.selectors import engagements_visible_to
from taawun.reports import partners
from tests.pages import text, url
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_partner(make, monkeypatch):
    monkeypatch.setattr(partners, "PROFILE_TIMELINE", 2)
    monkeypatch.setattr(partners, "PROFILE_LIST", 1)
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


@pytest.mark.parametrize("code", ["SY", "QA"])
@pytest.mark.parametrize("years", [None, (2024, 2024), (2023, 2023)])
def test_a_partners_engagements_are_the_same_found_by_walking_the_list_or_collected(
    make, officer, monkeypatch, code, years
):
    monkeypatch.setattr(partners, "PAGE_SOUGHT", 1)  # a page of one: a small test database has busy partners
    for day in range(1, 25):
        # SY takes part in nearly all of them (busy: the list is walked); QA in three (collected).
        guests = ["SY"] if day % 8 else ["QA"]
        make.engagement("SA", guests, start_date=dt.date(2024, 1, day))
    make.engagement("QA", ["EG"], start_date=dt.date(2023, 5, 1))  # QA hosting
    party = Party.objects.get(code=code)
    dates = (
        {"start_after": dt.date(years[0], 1, 1), "start_before": dt.date(years[1], 12, 31)} if years else {}
    )
    assert partners._busy(party, **dates) == (code == "SY" and years != (2023, 2023))
    visible = engagements_visible_to(officer)
    found = partners.with_party(visible, party, **dates)
    judged = partners._busy
    monkeypatch.setattr(partners, "_busy", lambda *args: not judged(*args))  # the other form
    other = partners.with_party(visible, party, **dates)
    assert [e.pk for e in found] == [e.pk for e in other]
    hosted = [e.pk for e in visible.filter(host=party)]
    guest = [e.pk for e in visible.filter(guests=party)]
    assert sorted(e.pk for e in found) == sorted(set(hosted) | set(guest))


def test_a_partners_understandings_are_listed_up_to_the_bound_with_their_count(
    officer_client, make, monkeypatch
):
    monkeypatch.setattr(partners, "PROFILE_LIST", 2)
    for _ in range(3):
        make.understanding(["SA", "SY"])
    page = officer_client.get(reverse("registry:party_detail", args=["SY"])).content.decode()
    assert "<strong>3</strong>" in page
    assert "?party=SY" in page and "agreements/understanding/" in page


def test_a_partners_understandings_are_the_latest_signed_first_and_the_unsigned_last(officer, make):
    signed_earlier = make.understanding(["SA", "SY"], signed_on=dt.date(2020, 5, 1))
    unsigned = make.understanding(["SA", "SY"], signed_on=None)
    signed_later = make.understanding(["SA", "SY"], signed_on=dt.date(2024, 5, 1))
    profile = partners.party_profile(Party.objects.get(code="SY"), officer)
    assert list(profile["understandings"]) == [signed_later, signed_earlier, unsigned]


def test_past_what_a_profile_counts_it_says_more_than(officer_client, make, monkeypatch):
    monkeypatch.setattr(partners, "PROFILE_LIST", 1)
    monkeypatch.setattr(bounded, "COUNTED_UP_TO", 2)
    for _ in range(3):
        make.understanding(["SA", "SY"])
    make.understanding(["SA", "QA"])
    response = officer_client.get(reverse("registry:party_detail", args=["SY"]))
    assert response.context["understanding_count"] == 3  # counted up to one past the bound
    assert "أول 1 من أكثر من 2." in response.content.decode()
    response = officer_client.get(reverse("registry:party_detail", args=["QA"]))
    assert response.context["understanding_count"] == 1


def test_the_unfiltered_list_takes_its_count_from_the_tallies_and_a_filtered_one_counts(officer_client, make):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        make.engagement("SA", ["SY"])
    make.engagement("SA", ["QA"], classification="secret")
    url = reverse("registry:engagement_list")
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(url)
    assert response.context["paginator"].count == 4
    assert not [q for q in queries if "COUNT(*)" in q["sql"] and "registry_engagement" in q["sql"]]
    assert officer_client.get(url, {"party": "QA"}).context["paginator"].count == 1


def test_the_unfiltered_count_is_that_of_the_readers_clearance(django_user_model, make):
    make.engagement("SA", ["SY"], classification="public")
    make.engagement("SA", ["QA"], classification="secret")
    low_client = logged_in(make_user(django_user_model, "low_clearance"))
    assert low_client.get(reverse("registry:engagement_list")).context["paginator"].count == 1


@pytest.mark.parametrize(
    "filters, from_tallies",
    [
        ({"party": "SY"}, True),
        ({"party": "SY", "start_after": "2024-01-01", "start_before": "2024-12-31"}, True),
        ({"domain": "narcotics", "start_after": "2025-01-01"}, True),
        ({"party": "QA", "domain": "narcotics", "start_before": "2024-12-31"}, True),
        ({"start_after": "2024-03-01"}, False),  # not a whole year: counted
        ({"kind": "visit", "party": "SY"}, False),
    ],
)
def test_a_filtered_list_counts_the_same_from_the_tallies_or_not(officer_client, make, filters, from_tallies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make.engagement("SA", ["SY"], domains=["narcotics"], start_date=dt.date(2024, 3, 5))
    make.engagement("SY", ["QA"], domains=["narcotics"], start_date=dt.date(2024, 11, 1))
    make.engagement("SA", ["SY", "QA"], start_date=dt.date(2025, 2, 1), kind="meeting")
    make.engagement("QA", [], domains=["narcotics"], start_date=None)
    make.engagement("SA", ["SY"], start_date=dt.date(2023, 12, 31), classification="secret")
    url = reverse("registry:engagement_list")
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(url, filters)
    page = response.context["page_obj"]
    counted = [q for q in queries if "COUNT(*)" in q["sql"] and "registry_engagement" in q["sql"]]
    assert bool(counted) != from_tallies
    shown = list(response.context["object_list"])
    assert page.paginator.count == len(shown)  # one page holds them all: the count is the rows'


# --- the party profile page -------------------------------------------------------------------


def test_the_party_profile_shows_its_timeline_understandings_and_open_items(officer_client, make):
    visit = make.engagement("SA", ["SY"], title_ar="زيارة الرياض", start_date=dt.date(2025, 4, 14))
    talks = make.engagement("SY", ["JO"], title_ar="محادثات دمشق", start_date=dt.date(2023, 1, 9))
    elsewhere = make.engagement("QA", ["JO"], title_ar="لقاء الدوحة")
    understanding = make.understanding(["SA", "SY"], title_ar="مذكرة الرياض")
    other_understanding = make.understanding(["QA", "JO"], title_ar="مذكرة عمّان")
    committee = make.committee(["SA", "SY"])
    open_item = make.action_item("SY", title="Send the liaison officer")
    committee_item = make.action_item("SA", title="Host the next round", committee=committee)
    done_item = make.action_item("SY", title="Already finished", status="done", progress=100)

    response = officer_client.get(url("registry:party_detail", "SY"))
    assert response.status_code == 200
    body = text(response)
    for shown in [
        visit.title_ar,
        talks.title_ar,
        understanding.title_ar,
        open_item.title,
        committee_item.title,
    ]:
        assert shown in body
    for hidden in [elsewhere.title_ar, other_understanding.title_ar, done_item.title]:
        assert hidden not in body
    # The timeline goes by year, most recent first.
    assert [year for year, _ in response.context["timeline"]] == [2025, 2023]
    assert body.index(visit.title_ar) < body.index(talks.title_ar)


def test_undated_engagements_come_after_the_dated_ones(officer_client, make):
    undated = make.engagement("SA", ["SY"], start_date=None)
    dated = make.engagement("SA", ["SY"], start_date=dt.date(2025, 4, 14))
    response = officer_client.get(url("registry:engagement_list"))
    assert [e.pk for e in response.context["object_list"]] == [dated.pk, undated.pk]
    profile = officer_client.get(url("registry:party_detail", "SY"))
    assert [year for year, _ in profile.context["timeline"]] == [2025, None]


def test_the_party_profile_of_a_party_without_activity_opens(officer_client):
    response = officer_client.get(url("registry:party_detail", "TV", language="en"))
    assert response.status_code == 200
    assert "Tuvalu" in text(response)


def test_an_unknown_party_code_is_404(officer_client):
    assert officer_client.get(url("registry:party_detail", "XX")).status_code == 404
