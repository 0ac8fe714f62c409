"""Which registry engagements a report is weighed against: the database narrows them by kind,
place and the days their partial dates stand for, and that narrowing must agree with the exact
test (event_matching._compatible) case by case, or a report's own event would never be proposed."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.core.dates import Precision
from taawun.registry import event_matching
from taawun.registry.event_matching import Report

pytestmark = pytest.mark.django_db

REPORTED = dt.date(2024, 11, 20)  # the report's event: one day


# (what the registry holds, whether a report of 20 November 2024 may be that event)
DATED = [
    ({"start_date": dt.date(2024, 11, 20)}, True),
    ({"start_date": dt.date(2024, 11, 17)}, True),  # three days before: the reporting margin
    ({"start_date": dt.date(2024, 11, 16)}, False),
    ({"start_date": dt.date(2024, 11, 23)}, True),
    ({"start_date": dt.date(2024, 11, 24)}, False),
    ({"start_date": dt.date(2024, 11, 1), "start_precision": Precision.MONTH}, True),  # "November 2024"
    ({"start_date": dt.date(2024, 10, 1), "start_precision": Precision.MONTH}, False),
    ({"start_date": dt.date(2024, 1, 1), "start_precision": Precision.YEAR}, True),  # "2024"
    ({"start_date": dt.date(2023, 1, 1), "start_precision": Precision.YEAR}, False),
    # A programme that began months before and runs past the report's day.
    ({"start_date": dt.date(2024, 3, 1), "end_date": dt.date(2024, 12, 15)}, True),
    ({"start_date": dt.date(2024, 3, 1), "end_date": dt.date(2024, 11, 1)}, False),
    (
        {
            "start_date": dt.date(2024, 3, 1),
            "end_date": dt.date(2024, 11, 1),
            "end_precision": Precision.MONTH,
        },
        True,  # "until November"
    ),
    ({"start_date": None}, True),  # undated: the report may be it
]


@pytest.mark.parametrize(("dates", "proposed"), DATED)
def test_the_days_a_partial_date_stands_for_decide(make, officer, dates, proposed):
    engagement = make.engagement("SA", ["SY"], kind="meeting", **dates)
    report = Report(parties={"SA", "SY"}, host="SA", kind="meeting", start=REPORTED)
    found = [candidate.engagement for candidate in event_matching.event_candidates(officer, report)]
    assert (engagement in found) is proposed


@pytest.mark.parametrize(
    ("kind", "country", "proposed"),
    [
        ("visit", "", True),  # a visit is reported as talks
        ("", "", True),  # a kind not recorded
        ("workshop", "", False),
        ("meeting", "SA", True),
        ("meeting", "SY", False),  # held in another country
    ],
)
def test_kind_and_place_decide(make, officer, kind, country, proposed):
    location = {"location_country": make.party(country)} if country else {}
    engagement = make.engagement("SA", ["SY"], kind=kind, start_date=REPORTED, **location)
    report = Report(parties={"SA", "SY"}, host="SA", kind="meeting", start=REPORTED, country="SA")
    found = [candidate.engagement for candidate in event_matching.event_candidates(officer, report)]
    assert (engagement in found) is proposed
