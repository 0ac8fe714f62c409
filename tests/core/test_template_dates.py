"""Dates on pages: both calendars, in the reader's language, the same date asked for again."""

import datetime as dt

from django.utils import translation

from taawun.core.templatetags.taawun import both_calendars

DAY = dt.date(2025, 4, 14)


def test_a_date_reads_in_both_calendars_in_the_readers_language_each_time():
    for _ in range(2):  # the second time from what the first one wrote
        with translation.override("ar"):
            arabic = both_calendars(DAY)
        with translation.override("en"):
            english = both_calendars(DAY)
        assert '<time datetime="2025-04-14">' in arabic and "16 شوال 1446 هـ" in arabic
        assert "16 Shawwal 1446 AH" in english and "شوال" not in english


def test_a_partial_date_reads_as_its_period():
    with translation.override("en"):
        assert "2025" in both_calendars(DAY, "year") and "Shawwal" not in both_calendars(DAY, "year")
        assert "Shawwal 1446 AH" in both_calendars(DAY, "month") and "16 Shawwal" not in both_calendars(
            DAY, "month"
        )
    assert both_calendars(None) == "—"
