"""Template helpers: both calendars, list cells, and values of any type shown the same way."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from django import template
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taawun.core import dates
from taawun.core.i18n import is_arabic

register = template.Library()


@register.filter
def hijri(value: dt.date | None, precision: str = dates.Precision.DAY) -> str:
    return dates.hijri(value, precision)


@register.filter
def gregorian(value: dt.date | None, precision: str = dates.Precision.DAY) -> str:
    return dates.gregorian(value, precision)


@register.simple_tag
def both_calendars(value: dt.date | None, precision: str = dates.Precision.DAY) -> str:
    """A Gregorian date with its Umm al-Qura equivalent beneath it."""
    if value is None:
        return "—"
    return _both_calendars(value, precision, get_language())


# A page shows a hundred dates, each converted and formatted anew, and the same dates come back
# on page after page; the result depends on nothing but the date, its precision and the language.
@lru_cache(maxsize=8192)
def _both_calendars(value: dt.date, precision: str, language: str | None) -> str:
    return format_html(
        '<time datetime="{}">{}</time> <small class="hijri">{}</small>',
        value.isoformat(),
        dates.gregorian(value, precision),
        dates.hijri(value, precision),
    )


@register.simple_tag
def when(value: dt.datetime | None) -> str:
    """A moment in the office's time zone, its date named (never "12/02/2026") and its Hijri date
    beside it: "3 ديسمبر، 2026، 19:48 ‏12 جمادى الآخرة 1448 هـ"."""
    if value is None:
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_html(
        '<time datetime="{}">{}</time> <small class="hijri">{}</small>',
        local.isoformat(timespec="minutes"),
        date_format(local, "DATETIME_FORMAT"),
        dates.hijri(local.date()),
    )


@register.filter
def show(value) -> str:
    """Any field value as safe HTML: records link to their page, dates show both calendars.

    A record's name and a text are what people typed, in either direction: each is isolated (a
    link with dir="auto", else <bdi>), so on an English page an Arabic-only name, the position
    after it and the commas between names keep their order instead of being reordered with the
    text around them."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return when(value)
    if isinstance(value, dt.date):
        return both_calendars(value)
    if isinstance(value, models.Model):
        url = getattr(value, "get_absolute_url", None)
        return format_html('<a href="{}" dir="auto">{}</a>', url(), value) if url else isolate(value)
    if isinstance(value, list | tuple | models.QuerySet):
        return format_html_join("، " if is_arabic() else ", ", "{}", ((show(item),) for item in value))
    if isinstance(value, str):
        return isolate(value)
    return format_html("{}", value)


@register.filter
def isolate(value) -> str:
    """A text that may run in the other direction than the page (a name, a title, a position),
    isolated from the text around it: <bdi> takes its direction from its own first letter."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def prose(text) -> str:
    """A text typed in paragraphs, each paragraph (a blank line between) in the direction of its
    own first letter and each line isolated: an English paragraph after an Arabic one keeps its
    full stop at its end, instead of both being laid out in the direction of the first."""
    paragraphs = [part.strip("\n") for part in re.split(r"\n\s*\n", str(text or "").replace("\r\n", "\n"))]
    return format_html_join(
        "",
        '<p dir="auto">{}</p>',
        (
            (
                format_html_join(
                    mark_safe("<br>"), '<span dir="auto">{}</span>', ((line,) for line in part.split("\n"))
                ),
            )
            for part in paragraphs
            if part.strip()
        ),
    )


@register.filter
def with_post(person) -> str:
    """A person linked by name, then the posts they hold now ("name — position"), each part
    isolated: an Arabic name and position on an English page read name first, not swapped."""
    if person is None:
        return "—"
    url = getattr(person, "get_absolute_url", None)
    name = format_html('<a href="{}" dir="auto">{}</a>', url(), person) if url else isolate(person)
    position = getattr(person, "position", "")
    return format_html("{} — {}", name, isolate(position)) if position else name


@register.simple_tag(takes_context=True)
def page_url(context, page_number: int) -> str:
    query = context.get("query_without_page", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"
