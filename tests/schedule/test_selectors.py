"""The month grid and the agenda: days, both calendars, date precision, visibility and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from taawun.schedule.selectors import DUE, ENGAGEMENT, EXPIRY, agenda, events_visible_to, month_grid

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 4, 10)


def grid_for(user, year=2025, month=4, **kwargs):
    return month_grid(user, year=year, month=month, today=TODAY, **kwargs)


def day(grid, date: dt.date):
    return next(d for d in grid.days if d.date == date)


def titles(events) -> list[str]:
    return [event.title for event in events]


def test_the_grid_is_whole_weeks_starting_on_sunday_by_default(officer):
    grid = grid_for(officer)
    assert all(len(week) == 7 for week in grid.weeks)
    assert all(week[0].date.weekday() == 6 for week in grid.weeks)  # Sunday
    assert grid.weeks[0][0].date == dt.date(2025, 3, 30)
    assert grid.weeks[-1][-1].date == dt.date(2025, 5, 3)
    in_month = [d.date for d in grid.days if d.in_month]
    assert in_month == [dt.date(2025, 4, n) for n in range(1, 31)]
    assert [d.date for d in grid.days if d.is_today] == [TODAY]


def test_the_first_weekday_is_a_setting(officer, settings):
    settings.SCHEDULE_FIRST_WEEKDAY = 5  # Saturday
    grid = grid_for(officer)
    assert grid.weeks[0][0].date == dt.date(2025, 3, 29)
    assert [number for number, _name, _abbr in grid.weekdays] == [5, 6, 0, 1, 2, 3, 4]


def test_the_weekday_names_follow_the_first_weekday_in_both_languages(officer):
    with translation.override("en"):
        names = [name for _n, name, _a in grid_for(officer).weekdays]
    assert names[:2] == ["Sunday", "Monday"]
    with translation.override("ar"):
        names = [name for _n, name, _a in grid_for(officer).weekdays]
    assert names[0] == "الأحد"


def test_each_day_carries_its_umm_al_qura_day_and_the_month_name_where_a_month_begins(officer):
    with translation.override("en"):
        grid = grid_for(officer)
    # 30 March 2025 is 1 Shawwal 1446; 14 April 2025 is 16 Shawwal 1446.
    first = day(grid, dt.date(2025, 3, 30))
    assert (first.hijri_day, first.hijri_month) == (1, "Shawwal")
    middle = day(grid, dt.date(2025, 4, 14))
    assert (middle.hijri_day, middle.hijri_month) == (16, "")
    # 29 April 2025 is 1 Dhu al-Qi'dah 1446.
    assert day(grid, dt.date(2025, 4, 29)).hijri_day == 1
    assert day(grid, dt.date(2025, 4, 29)).hijri_month != ""
    with translation.override("en"):
        assert grid.hijri_title == "Shawwal 1446 AH – Dhu al-Qa'dah 1446 AH"


def test_the_hijri_labels_are_arabic_under_arabic(officer):
    with translation.override("ar"):
        grid = grid_for(officer)
    assert day(grid, dt.date(2025, 3, 30)).hijri_month == "شوال"
    assert grid.hijri_title.startswith("شوال 1446 هـ")


def test_the_first_cell_names_its_hijri_month_even_mid_month(officer):
    with translation.override("en"):
        grid = grid_for(officer, year=2025, month=6)  # grid starts Sunday 1 June 2025 = 5 Dhu al-Hijjah
    assert grid.weeks[0][0].hijri_month == "Dhu al-Hijjah"


def test_a_day_precise_engagement_sits_on_each_day_it_spans(officer, make):
    make.engagement(
        title_en="Visit", title_ar="", start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 16)
    )
    with translation.override("en"):
        grid = grid_for(officer)
    on = [d.date for d in grid.days if "Visit" in titles(d.events)]
    assert on == [dt.date(2025, 4, 14), dt.date(2025, 4, 15), dt.date(2025, 4, 16)]


def test_a_month_precise_engagement_is_shown_for_the_month_never_on_a_day(officer, make):
    make.engagement(
        title_en="Sometime in April", title_ar="", start_date=dt.date(2025, 4, 1), start_precision="month"
    )
    with translation.override("en"):
        grid = grid_for(officer)
        may = grid_for(officer, month=5)
    assert titles(grid.month_events) == ["Sometime in April"]
    assert all("Sometime in April" not in titles(d.events) for d in grid.days)
    assert may.month_events == []
    with translation.override("en"):
        assert grid.month_events[0].when() == "April 2025"


def test_a_year_precise_engagement_is_shown_for_every_month_of_its_year_only(officer, make):
    make.engagement(
        title_en="Sometime in 2025", title_ar="", start_date=dt.date(2025, 1, 1), start_precision="year"
    )
    with translation.override("en"):
        april, next_january = grid_for(officer), grid_for(officer, year=2026, month=1)
    assert titles(april.year_events) == ["Sometime in 2025"]
    assert april.month_events == [] and all(not d.events for d in april.days)
    assert next_january.year_events == []


def test_due_dates_and_expiries_are_on_their_day(officer, make):
    make.action_item(title="Send the list", due_on=dt.date(2025, 4, 20))
    make.understanding(title_en="MoU", title_ar="", expires_on=dt.date(2025, 4, 22))
    with translation.override("en"):
        grid = grid_for(officer)
    assert [(e.kind, e.title) for e in day(grid, dt.date(2025, 4, 20)).events] == [(DUE, "Send the list")]
    assert [(e.kind, e.title) for e in day(grid, dt.date(2025, 4, 22)).events] == [(EXPIRY, "MoU")]


def test_an_open_item_past_its_due_date_is_overdue_and_a_done_one_is_not(officer, make):
    make.action_item(title="Late", due_on=dt.date(2025, 4, 2))
    make.action_item(title="Finished", due_on=dt.date(2025, 4, 2), status="done", progress=100)
    with translation.override("en"):
        events = day(grid_for(officer), dt.date(2025, 4, 2)).events
    assert {e.title: e.overdue for e in events} == {"Late": True, "Finished": False}


def test_records_above_the_clearance_are_not_on_the_calendar(low_clearance, make):
    make.engagement(title_en="Open visit", title_ar="", classification="public")
    make.engagement(title_en="Secret visit", title_ar="", classification="secret")
    make.action_item(title="Secret item", due_on=dt.date(2025, 4, 15), classification="secret")
    with translation.override("en"):
        found = titles(events_visible_to(low_clearance, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)))
    assert found == ["Open visit"]


def test_the_partner_filter_keeps_that_partners_events(officer, make):
    make.engagement("SA", ["SY"], title_en="With Syria", title_ar="")
    make.engagement("SA", ["QA"], title_en="With Qatar", title_ar="")
    committee = make.committee(["SA", "QA"])
    make.action_item("SA", title="Committee item", committee=committee, due_on=dt.date(2025, 4, 20))
    make.understanding(["SA", "QA"], title_en="Qatar MoU", title_ar="", expires_on=dt.date(2025, 4, 25))
    with translation.override("en"):
        grid = grid_for(officer, party=make.party("QA"))
    shown = {e.title for d in grid.days for e in d.events}
    assert shown == {"With Qatar", "Committee item", "Qatar MoU"}


def test_the_kinds_filter_keeps_the_chosen_kinds(officer, make):
    make.engagement(title_en="Visit", title_ar="")
    make.action_item(title="Item", due_on=dt.date(2025, 4, 14))
    with translation.override("en"):
        grid = grid_for(officer, kinds=[DUE])
    assert {e.kind for d in grid.days for e in d.events} == {DUE}


def test_the_agenda_lists_what_comes_up_grouped_by_date_ongoing_engagements_included(officer, make):
    make.engagement(
        title_en="Under way", title_ar="", start_date=dt.date(2025, 4, 8), end_date=dt.date(2025, 4, 12)
    )
    make.engagement(title_en="Past", title_ar="", start_date=dt.date(2025, 3, 1))
    make.engagement(title_en="In May", title_ar="", start_date=dt.date(2025, 5, 1), start_precision="month")
    make.action_item(title="Due soon", due_on=dt.date(2025, 4, 20))
    make.action_item(title="Due much later", due_on=dt.date(2026, 4, 20))
    with translation.override("en"):
        groups = agenda(officer, today=TODAY, days=60)
    assert [(label, titles(events)) for label, _hijri, events in groups] == [
        ("April 8, 2025", ["Under way"]),
        ("April 20, 2025", ["Due soon"]),
        ("May 2025", ["In May"]),
    ]
    assert groups[1][1].startswith("22 Shawwal 1446")
    assert groups[2][1] == ""  # a Gregorian month has no single Hijri date
    assert groups[0][2][0].kind == ENGAGEMENT
