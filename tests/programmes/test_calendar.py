"""Programme items in the calendar and its iCalendar feed: at their times, with alarms, and only
those the feed's owner may see (the item's clearance and its engagement's, the feed's ceiling)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from taawun.programmes.models import office_zone
from taawun.schedule.services import calendar_token_create
from tests.personas import make_user

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + dt.timedelta(days=10)


@pytest.fixture
def visit(make):
    return make.engagement(
        "SA",
        ["SY"],
        title_en="Visit",
        start_date=SOON,
        end_date=SOON + dt.timedelta(days=2),
        classification="public",
    )


def feed_events(user) -> dict[str, dict]:
    token = calendar_token_create(user=user)[1]
    with translation.override("en"):
        response = Client().get(reverse("schedule:feed", args=[token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def alarms(event) -> list[dt.timedelta]:
    return sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))


def test_items_are_timed_events_with_an_alarm_and_the_first_of_a_day_the_day_before(visit, make, officer):
    make.programme_item(visit, title_en="Opening meeting", start_time=dt.time(9), end_time=dt.time(10, 30))
    make.programme_item(visit, title_en="Field tour", start_time=dt.time(11))
    make.programme_item(visit, title_en="Workshop", day=SOON + dt.timedelta(days=1), start_time=dt.time(14))
    found = feed_events(officer)
    opening = found["Opening meeting"]
    zone = office_zone()
    assert opening.decoded("DTSTART") == dt.datetime.combine(SOON, dt.time(9), tzinfo=zone)
    assert opening.decoded("DTEND") == dt.datetime.combine(SOON, dt.time(10, 30), tzinfo=zone)
    assert str(opening["TRANSP"]) == "OPAQUE"
    assert alarms(opening) == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]
    assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in opening.walk("VALARM"))
    assert alarms(found["Field tour"]) == [-dt.timedelta(hours=1)]
    assert "DTEND" not in found["Field tour"]  # no end known: a moment
    assert alarms(found["Workshop"]) == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]
    # The engagement stays an all-day event, without alarms.
    assert not isinstance(found["Visit"].decoded("DTSTART"), dt.datetime) and alarms(found["Visit"]) == []


def test_an_item_above_the_feeds_owner_is_not_in_the_feed_nor_does_it_take_the_first_alarm(
    visit, make, django_user_model
):
    make.programme_item(visit, title_en="Secret breakfast", start_time=dt.time(7), classification="secret")
    make.programme_item(visit, title_en="Public tour", start_time=dt.time(9), classification="public")
    viewer = make_user(django_user_model, "viewer")
    found = feed_events(viewer)
    assert "Secret breakfast" not in found
    # The first item of the day the viewer sees carries the day-before alarm.
    assert alarms(found["Public tour"]) == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]


def test_an_item_of_an_engagement_raised_above_the_reader_is_hidden_everywhere(
    visit, make, django_user_model
):
    item = make.programme_item(visit, title_en="Visible tour", title_ar="جولة", classification="public")
    type(visit).objects.filter(pk=visit.pk).update(classification="secret")  # raised after the item
    viewer = make_user(django_user_model, "viewer")
    assert "Visible tour" not in feed_events(viewer)
    client = Client()
    client.force_login(viewer)
    assert client.get(reverse("programmes:programmeitem_detail", args=[item.pk])).status_code == 404
    month = client.get(reverse("schedule:month"), {"year": SOON.year, "month": SOON.month}).content.decode()
    assert "جولة" not in month


def test_the_feed_ceiling_holds_for_items(visit, make, officer, settings):
    settings.SCHEDULE_FEED_CEILING = "internal"
    make.programme_item(visit, title_en="Restricted dinner", classification="restricted")
    assert "Restricted dinner" not in feed_events(officer)


def test_the_month_and_agenda_show_items_at_their_time(visit, make, officer_client):
    make.programme_item(visit, title_ar="ورشة عمل الجرائم الإلكترونية", start_time=dt.time(13, 15))
    month = officer_client.get(reverse("schedule:month"), {"year": SOON.year, "month": SOON.month})
    assert "ورشة عمل الجرائم الإلكترونية" in month.content.decode() and "13:15" in month.content.decode()
    agenda = officer_client.get(reverse("schedule:agenda")).content.decode()
    assert "ورشة عمل الجرائم الإلكترونية" in agenda
