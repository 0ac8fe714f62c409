"""Dates as the office writes them: partial precision, Gregorian and Hijri (Umm al-Qura)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian

from taawun.core.i18n import is_arabic


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


def truncate(value: dt.date, precision: str) -> dt.date:
    """The first day of the period a partial date stands for (2025-04 is stored as 2025-04-01)."""
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def gregorian(value: dt.date | None, precision: str = Precision.DAY) -> str:
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def hijri(value: dt.date | None, precision: str = Precision.DAY) -> str:
    """The Umm al-Qura date, e.g. "16 شوال 1446 هـ"; empty outside the calendar's range."""
    if value is None:
        return ""
    try:
        h = Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    language = "ar" if is_arabic() else "en"
    suffix = "هـ" if language == "ar" else "AH"
    month = h.month_name(language)
    if precision == Precision.YEAR:
        return f"{h.year} {suffix}"
    if precision == Precision.MONTH:
        return f"{month} {h.year} {suffix}"
    return f"{h.day} {month} {h.year} {suffix}"
