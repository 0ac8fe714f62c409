"""Calendar feeds (iCalendar, RFC 5545) of the events a feed's owner may see.

Every event but a programme item is an all-day event: DTSTART and DTEND are dates and DTEND is
exclusive (the day after the last). A programme item is at its time (in UTC), busy time, with
alarms: an hour before, and the day before for the first item of its engagement's day (the
reader's first item of it: items they may not see are not in their feed). UIDs are stable (record type and id), so a calendar app updates an event in place when
its record changes. Engagements known only to the month span that month; those known only to
the year are left out (a calendar app cannot show "some time in 2025" other than as a year-long
bar on every day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from taawun.access.policy import is_sensitive
from taawun.core.dates import Precision
from taawun.schedule.selectors import DUE, EXPIRY, CalendarEvent

# When a programme item's alarms ring: before it, and the day before the first item of a day.
ALARM_BEFORE = dt.timedelta(hours=1)
ALARM_DAY_BEFORE = dt.timedelta(days=1)

PRODID = "-//Taawun//International cooperation calendar//EN"


def uid(event: CalendarEvent) -> str:
    return f"{event.kind}-{event.pk}@{settings.SCHEDULE_UID_DOMAIN}"


def summary(event: CalendarEvent) -> str:
    if event.kind == DUE:
        return _("Due: %(title)s") % {"title": event.title}
    if event.kind == EXPIRY:
        return _("Understanding expires: %(title)s") % {"title": event.title}
    if event.precision == Precision.MONTH:
        return _("%(title)s (date within the month not known)") % {"title": event.title}
    return event.title


def vevent(event: CalendarEvent, *, absolute_url, stamp: dt.datetime) -> Event:
    item = Event()
    item.add("uid", uid(event))
    item.add("dtstamp", stamp)
    item.add("last-modified", event.updated_at.astimezone(dt.UTC))
    if event.starts is not None:
        _at_its_time(item, event)
    else:
        item.add("dtstart", event.first)
        item.add("dtend", event.last + dt.timedelta(days=1))
        item.add("transp", "TRANSPARENT")  # a reminder of a date, not time the reader is busy
    item.add("summary", summary(event))
    item.add("url", absolute_url(event.url))
    item.add("categories", [event.kind_label] + ([event.category] if event.category else []))
    if is_sensitive(event):
        item.add("class", "CONFIDENTIAL")
    if event.kind == DUE and event.overdue:
        item.add("description", _("Overdue"))
    return item


def _at_its_time(item: Event, event: CalendarEvent) -> None:
    """A programme item: its start and end as moments (UTC), busy, and its alarms."""
    item.add("dtstart", event.starts.astimezone(dt.UTC))
    if event.ends is not None:
        item.add("dtend", event.ends.astimezone(dt.UTC))
    item.add("transp", "OPAQUE")
    before = [ALARM_BEFORE] + ([ALARM_DAY_BEFORE] if event.first_of_day else [])
    for offset in before:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -offset)
        alarm.add("description", summary(event))
        item.add_component(alarm)


def feed(events: Iterable[CalendarEvent], *, name: str, absolute_url, stamp: dt.datetime) -> bytes:
    """The iCalendar file of the events; `absolute_url` turns a record's path into a full address."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        if event.precision == Precision.YEAR:
            continue
        cal.add_component(vevent(event, absolute_url=absolute_url, stamp=stamp))
    return cal.to_ical()
