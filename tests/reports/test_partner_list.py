"""The partner list's engagements, last and next contact: counted within the reader's clearance,
in one query for the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


def partner_row(client, code: str):
    response = client.get(reverse("registry:party_list"), {"q": code})
    (party,) = [party for party in response.context["page_obj"].object_list if party.code == code]
    return party


def test_each_partner_shows_its_engagements_and_its_last_and_next_contact(officer_client, make):
    today = timezone.localdate()
    make.engagement("SA", ["SY"], start_date=today - dt.timedelta(days=30))
    make.engagement("SY", ["SA"], start_date=today - dt.timedelta(days=400))
    make.engagement("SA", ["SY"], start_date=today + dt.timedelta(days=20))
    party = partner_row(officer_client, "SY")
    assert party.engagement_count == 3
    assert party.last_contact == today - dt.timedelta(days=30)
    assert party.next_contact == today + dt.timedelta(days=20)


def test_a_hidden_engagement_neither_counts_nor_dates_a_contact(make, django_user_model):
    today = timezone.localdate()
    make.engagement("SA", ["SY"], start_date=today - dt.timedelta(days=30), classification="public")
    make.engagement("SA", ["SY"], start_date=today + dt.timedelta(days=20), classification="secret")
    party = partner_row(logged_in(make_user(django_user_model, "low_clearance")), "SY")
    assert (party.engagement_count, party.next_contact) == (1, None)
    assert party.last_contact == today - dt.timedelta(days=30)


def test_the_page_reads_the_contacts_of_all_its_partners_in_one_query(officer_client, make):
    for code in ("SY", "QA", "KW", "JO"):
        make.engagement("SA", [code])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            officer_client.get(reverse("registry:party_list"))
        return len(captured)

    queries()  # the first request of a session also writes the session
    few = queries()
    for code in ("BH", "OM", "EG", "MA"):
        make.engagement("SA", [code])
    assert queries() == few
