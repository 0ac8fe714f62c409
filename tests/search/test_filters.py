"""Filters: record type, partner, domain and period narrow the results and their count."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.search.selectors import search
from tests.search.helpers import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(make):
    return {
        "sa_meeting": make.engagement(
            "SA",
            ["JO"],
            title_ar="اجتماع التعاون الأمني",
            domains=["narcotics"],
            start_date=dt.date(2025, 1, 5),
        ),
        "eg_meeting": make.engagement(
            "EG",
            ["SY"],
            title_ar="اجتماع التعاون الفني",
            domains=["cybercrime"],
            start_date=dt.date(2025, 8, 20),
        ),
        "mou": make.understanding(
            ("SA", "EG"), title_ar="مذكرة التعاون", signed_on=dt.date(2024, 5, 1), status="signed"
        ),
        "lesson": make.knowledge(title_ar="التعاون المبكر", body="نص", party=make.party("JO")),
    }


def test_the_kind_filter_keeps_one_record_type(records, reader):
    assert set(found(reader, "تعاون", kinds=["engagement"])) == {records["sa_meeting"], records["eg_meeting"]}
    assert set(found(reader, "تعاون", kinds=["understanding", "knowledgeitem"])) == {
        records["mou"],
        records["lesson"],
    }
    assert found(reader, "تعاون", kinds=["nonsense"]) == []


def test_the_party_filter_keeps_records_where_the_partner_takes_part(records, reader):
    assert set(found(reader, "تعاون", party="SA")) == {records["sa_meeting"], records["mou"]}
    assert set(found(reader, "تعاون", party="JO")) == {records["sa_meeting"], records["lesson"]}
    assert found(reader, "تعاون", party="S") == []  # a code is matched whole, never as a part


def test_the_domain_filter(records, reader):
    assert found(reader, "تعاون", domain="cybercrime") == [records["eg_meeting"]]


def test_the_period_filter_keeps_dated_records_inside_it(records, reader):
    in_2025 = found(reader, "تعاون", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    assert set(in_2025) == {records["sa_meeting"], records["eg_meeting"]}
    assert found(reader, "تعاون", date_to=dt.date(2024, 12, 31)) == [records["mou"]]
    assert found(reader, "تعاون", date_from=dt.date(2025, 8, 20), date_to=dt.date(2025, 8, 20)) == [
        records["eg_meeting"]
    ]


def test_filters_combine_and_the_count_follows_them(records, reader):
    page = search(reader, "تعاون", party="SA", kinds=["engagement"], date_from=dt.date(2025, 1, 1))
    assert page.total == 1 and [hit.record for hit in page.results] == [records["sa_meeting"]]


def test_a_source_takes_the_partners_and_domains_of_the_engagements_it_reports(make, reader):
    source = make.source("خبر عن التعاون في مكافحة التهريب", title="خبر")
    engagement = make.engagement("QA", ["OM"], domains=["smuggling"])
    # (The engagement itself is found too: its domain's label is "مكافحة التهريب".)
    assert source not in found(reader, "تهريب", party="QA")
    engagement.sources.add(source)
    assert source in found(reader, "تهريب", party="QA")
    assert source in found(reader, "تهريب", domain="smuggling")
