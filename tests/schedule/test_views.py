"""The calendar pages in both directions, the feed tokens page and the action plan timelines per persona."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from taawun.audit.models import Action, AuditEntry
from taawun.schedule.models import CalendarToken, token_hash
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

PERSONAS = ("administrator", "officer", "viewer", "auditor", "low_clearance", "outsider")
CLEARANCE = {"administrator": 4, "officer": 4, "viewer": 1, "auditor": 1, "low_clearance": 0}
LEVEL = {"public": 0, "internal": 1, "restricted": 2, "confidential": 3, "secret": 4}


def url(name: str, *args, language: str = "ar", query: str = "") -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def client_for(persona: str, django_user_model) -> Client:
    if persona == "outsider":
        return Client()
    return logged_in(make_user(django_user_model, persona))


def text(response) -> str:
    return response.content.decode()


# --- the month view -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "direction", "sunday"), [("ar", "rtl", "الأحد"), ("en", "ltr", "Sunday")]
)
def test_the_month_grid_starts_its_weeks_on_sunday_in_both_directions(
    officer_client, language, direction, sunday
):
    page = text(officer_client.get(url("schedule:month", language=language, query="year=2025&month=4")))
    assert f'dir="{direction}"' in page
    headers = re.findall(r'<th scope="col" class="weekday-(\d)"><abbr title="([^"]+)"', page)
    assert [number for number, _name in headers] == ["6", "0", "1", "2", "3", "4", "5"]
    assert headers[0][1] == sunday
    cells = re.findall(r'data-date="([\d-]+)"', page)
    assert cells[0] == "2025-03-30" and cells[-1] == "2025-05-03" and len(cells) == 35


def test_the_month_page_shows_both_calendars(officer_client):
    page = text(officer_client.get(url("schedule:month", language="en", query="year=2025&month=4")))
    assert "April 2025" in page
    assert "Shawwal 1446 AH – Dhu al-Qa&#x27;dah 1446 AH" in page
    day = page.split('data-date="2025-04-14"', 1)[1].split("</td>", 1)[0]
    assert '<span class="hday">16</span>' in day


def test_the_month_page_links_to_the_previous_and_next_month_keeping_the_filters(officer_client, make):
    make.engagement("SA", ["QA"])
    page = text(officer_client.get(url("schedule:month", query="year=2025&month=1&party=QA")))
    assert re.search(r'rel="prev" href="[^"]*\?party=QA&amp;year=2024&amp;month=12"', page)
    assert re.search(r'rel="next" href="[^"]*\?party=QA&amp;year=2025&amp;month=2"', page)


def test_the_month_page_shows_a_month_precise_engagement_apart_from_the_days(officer_client, make):
    make.engagement(
        title_en="Sometime in April", title_ar="", start_date=dt.date(2025, 4, 1), start_precision="month"
    )
    page = text(officer_client.get(url("schedule:month", language="en", query="year=2025&month=4")))
    periods, grid = page.split('<table class="monthgrid"', 1)
    assert "Sometime in April" in periods and "During April 2025 (day not known)" in periods
    assert "Sometime in April" not in grid


def test_the_month_page_never_shows_a_record_above_the_clearance(make, django_user_model):
    client = client_for("low_clearance", django_user_model)
    make.engagement(
        title_en="Secret visit",
        title_ar="زيارة سرية",
        start_date=dt.date(2025, 4, 14),
        classification="secret",
    )
    make.engagement(
        title_en="Open visit",
        title_ar="زيارة علنية",
        start_date=dt.date(2025, 4, 14),
        classification="public",
    )
    page = text(client.get(url("schedule:month", query="year=2025&month=4")))
    assert "زيارة علنية" in page and "زيارة سرية" not in page


def test_the_partner_filter_offers_only_visible_partners_and_refuses_a_hidden_one(make, django_user_model):
    client = client_for("low_clearance", django_user_model)
    make.engagement("SA", ["QA"], classification="public")
    make.engagement("SA", ["SY"], classification="public")
    type(make.party("QA")).objects.filter(pk="QA").update(classification="secret")
    page = client.get(url("schedule:month", language="en"))
    assert 'value="SY"' in text(page)
    assert 'value="QA"' not in text(page)
    refused = client.get(url("schedule:month", language="en", query="party=QA"))
    assert refused.status_code == 400
    assert "Select a valid choice" in text(refused)


@pytest.mark.parametrize("query", ["month=13", "year=abc", "kinds=everything"])
def test_bad_filters_answer_400_with_a_message(officer_client, query):
    response = officer_client.get(url("schedule:month", language="en", query=query))
    assert response.status_code == 400
    assert "Some filters were not understood" in text(response)


def test_the_calendar_pages_have_no_inline_style(officer_client, make):
    make.engagement(start_date=timezone.localdate())
    make.action_item(due_on=timezone.localdate())
    for name in ("schedule:month", "schedule:agenda", "schedule:tokens"):
        page = text(officer_client.get(url(name)))
        assert "style=" not in page and "<style" not in page, name
        assert "/static/schedule/schedule.css" in page


def test_the_agenda_lists_upcoming_items(officer_client, make):
    soon = timezone.localdate() + dt.timedelta(days=3)
    make.action_item(title="Send the list", due_on=soon)
    make.action_item(title="Long past", due_on=soon - dt.timedelta(days=400))
    page = text(officer_client.get(url("schedule:agenda", language="en")))
    assert "Send the list" in page and "Long past" not in page


def test_the_navigation_links_to_the_calendar(officer_client):
    assert url("schedule:month") in text(officer_client.get(url("web:home")))


# --- feed tokens --------------------------------------------------------------------------------


def test_creating_a_feed_shows_its_address_once_and_stores_only_its_hash(officer_client, officer):
    response = officer_client.post(url("schedule:tokens", language="en"), {"label": "phone", "party": ""})
    assert response.status_code == 200
    addresses = re.findall(r'<code class="feedurl" dir="ltr">([^<]+)</code>', text(response))
    assert len(addresses) == 2
    token = re.search(r"/feed/([^/]+)\.ics", addresses[0]).group(1)
    record = CalendarToken.objects.get(user=officer)
    assert record.token_hash == token_hash(token) and record.label == "phone"
    assert token not in text(officer_client.get(url("schedule:tokens")))
    assert Client().get(addresses[1].removeprefix("http://testserver")).status_code == 200


def test_a_feed_for_a_hidden_partner_cannot_be_created(make, django_user_model):
    client = client_for("low_clearance", django_user_model)
    make.engagement("SA", ["QA"], classification="public")
    type(make.party("QA")).objects.filter(pk="QA").update(classification="secret")
    response = client.post(url("schedule:tokens", language="en"), {"label": "", "party": "QA"})
    assert response.status_code == 400
    assert not CalendarToken.objects.exists()


def test_a_user_revokes_their_own_feed_but_not_anothers(officer_client, officer, django_user_model):
    from taawun.schedule.services import calendar_token_create

    mine, token = calendar_token_create(user=officer)
    theirs, _other = calendar_token_create(user=make_user(django_user_model, "viewer"))
    assert officer_client.post(url("schedule:token_revoke", theirs.pk)).status_code == 404
    assert officer_client.get(url("schedule:token_revoke", mine.pk)).status_code == 405
    response = officer_client.post(url("schedule:token_revoke", mine.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None
    assert Client().get(url("schedule:feed", token)).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_may_revoke_only_their_own_feed(persona, django_user_model):
    from taawun.schedule.services import calendar_token_create

    client = client_for(persona, django_user_model)
    other = django_user_model.objects.create_user(username="someone", password="x" * 14)
    record, _token = calendar_token_create(user=other)
    response = client.post(url("schedule:token_revoke", record.pk))
    assert response.status_code == (302 if persona == "outsider" else 404)
    if persona != "outsider":
        own, _token = calendar_token_create(user=django_user_model.objects.get(username=persona))
        assert client.post(url("schedule:token_revoke", own.pk)).status_code == 302


# --- timelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("classification", ["public", "internal", "secret"])
@pytest.mark.parametrize("kind", ["committee", "understanding"])
def test_the_timeline_is_shown_only_to_those_who_may_see_its_record(
    persona, classification, kind, make, django_user_model
):
    client = client_for(persona, django_user_model)
    if kind == "committee":
        record = make.committee(
            name_ar="لجنة مخفية", name_en="Hidden committee", classification=classification
        )
        make.action_item(
            title="Plan item", committee=record, due_on=dt.date(2026, 1, 1), classification="public"
        )
    else:
        record = make.understanding(
            title_ar="تفاهم مخفي", title_en="Hidden MoU", classification=classification
        )
        make.action_item(
            title="Plan item", understanding=record, due_on=dt.date(2026, 1, 1), classification="public"
        )
    response = client.get(url(f"schedule:{kind}_timeline", record.pk))
    if persona == "outsider":
        assert response.status_code == 302
    elif LEVEL[classification] <= CLEARANCE[persona]:
        assert response.status_code == 200
        assert "Plan item" in text(response)
    else:
        assert response.status_code == 404
        assert "مخفي" not in text(response) and "Hidden" not in text(response)


def test_the_timeline_leaves_out_items_above_the_clearance_and_draws_well_formed_svg(make, django_user_model):
    client = client_for("viewer", django_user_model)
    committee = make.committee()
    make.action_item(title="Shared item", committee=committee, due_on=dt.date(2026, 1, 1))
    make.action_item(
        title="Secret item", committee=committee, due_on=dt.date(2026, 1, 1), classification="secret"
    )
    page = text(client.get(url("schedule:committee_timeline", committee.pk)))
    assert "Shared item" in page and "Secret item" not in page
    svg = re.search(r"<svg .*?</svg>", page, flags=re.S).group(0)
    root = ET.fromstring(svg)
    assert root.get("direction") == "rtl"


def test_a_refused_timeline_is_audited_and_a_sensitive_one_viewed_is_too(make, django_user_model):
    client = client_for("viewer", django_user_model)
    hidden = make.committee(classification="secret")
    client.get(url("schedule:committee_timeline", hidden.pk))
    assert AuditEntry.objects.filter(action=Action.ACCESS_DENIED, object_pk=str(hidden.pk)).exists()
    officer = client_for("officer", django_user_model)
    sensitive = make.understanding(classification="restricted")
    officer.get(url("schedule:understanding_timeline", sensitive.pk))
    assert AuditEntry.objects.filter(action=Action.VIEW, object_pk=str(sensitive.pk)).exists()


def test_an_unknown_timeline_answers_404(officer_client):
    assert officer_client.get(url("schedule:committee_timeline", 999999)).status_code == 404


# --- feed access per persona --------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_every_persona_gets_a_feed_of_what_they_may_see(persona, make, django_user_model):
    from taawun.schedule.services import calendar_token_create

    user = make_user(django_user_model, persona)
    soon = timezone.localdate() + dt.timedelta(days=5)
    for classification in LEVEL:
        make.engagement(
            title_en=f"Visit {classification}", title_ar="", start_date=soon, classification=classification
        )
    token = calendar_token_create(user=user)[1]
    body = Client().get(url("schedule:feed", token, language="en")).content.decode()
    for classification, level in LEVEL.items():
        assert (f"Visit {classification}" in body) == (level <= CLEARANCE[persona]), classification


def test_the_calendar_pages_use_a_bounded_number_of_queries(officer_client, make):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(url(name)).status_code == 200
        return len(captured)

    today = timezone.localdate()
    make.engagement(start_date=today)
    make.action_item(due_on=today)
    officer_client.get(url("schedule:month"))  # the session's first save: at most once a minute after
    few = {name: queries(name) for name in ("schedule:month", "schedule:agenda")}
    for offset in range(20):
        make.engagement("SA", ["SY", "QA"], start_date=today + dt.timedelta(days=offset % 5))
        make.action_item(due_on=today + dt.timedelta(days=offset % 5))
        make.understanding(expires_on=today + dt.timedelta(days=offset % 5))
    assert {name: queries(name) for name in few} == few
