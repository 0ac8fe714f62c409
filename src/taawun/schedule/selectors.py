"""What the calendar shows: engagements, action item due dates and understanding expiries as
dated events, always limited to what the reader may see.

Dates keep their precision: an engagement known only to the month ("April 2025") or the year
covers that whole period and is shown as such, never pinned to a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian

from taawun.access.policy import LEVELS, is_sensitive, visible_levels
from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.audit.services import audit_denied, audit_view
from taawun.core.dates import Precision, gregorian, hijri
from taawun.core.i18n import is_arabic
from taawun.programmes.models import ProgrammeItem
from taawun.registry.models import Engagement, Party

ENGAGEMENT, PROGRAMME, DUE, EXPIRY = "engagement", "programme", "due", "expiry"
KINDS = {
    ENGAGEMENT: _("Engagements"),
    PROGRAMME: _("Programme items"),
    DUE: _("Action item due dates"),
    EXPIRY: _("Understanding expiries"),
}
KIND_LABELS = {
    ENGAGEMENT: _("Engagement"),
    PROGRAMME: _("Programme item"),
    DUE: _("Action item due"),
    EXPIRY: _("Understanding expires"),
}


# --- periods ------------------------------------------------------------------------------------


def period(value: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period a partial date stands for."""
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1), value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    return value, value


def month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


# --- events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    """One dated thing on the calendar. `first` and `last` are inclusive days."""

    kind: str
    pk: int
    title: str
    first: dt.date
    last: dt.date
    precision: str
    url: str
    status: str
    status_label: str
    category: str  # the engagement's kind, the item's or understanding's status
    classification: str
    updated_at: dt.datetime
    overdue: bool = False
    # A programme item's time (aware, in the office's time zone): the others are all-day events.
    starts: dt.datetime | None = None
    ends: dt.datetime | None = None
    first_of_day: bool = False  # the first programme item of its engagement's day

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def on_days(self) -> bool:
        """Placed on days of the grid (False for a month- or year-precision engagement)."""
        return self.precision == Precision.DAY

    @property
    def spans_days(self) -> bool:
        return self.first != self.last

    @property
    def spans_months(self) -> bool:
        return (self.first.year, self.first.month) != (self.last.year, self.last.month)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.first <= end and self.last >= start

    def when(self) -> str:
        """Gregorian, as precise as it is known: "14 April 2025", "April 2025", "2025"."""
        first = gregorian(self.first, self.precision)
        last = gregorian(self.last, self.precision)
        return first if first == last else f"{first} – {last}"

    def when_hijri(self) -> str:
        if self.precision != Precision.DAY:
            return ""  # a Gregorian month or year is no whole Hijri month or year
        first, last = hijri(self.first), hijri(self.last)
        return first if first == last else f"{first} – {last}"


def _levels(user, ceiling: str | None) -> list[str]:
    levels = visible_levels(user)
    if ceiling is None:
        return levels
    top = LEVELS.get(ceiling)
    if top is None:
        return []  # an unknown ceiling shows nothing: fail closed
    return [value for value in levels if LEVELS[value] <= top]


def _engagement_events(levels, start, end, party) -> Iterable[CalendarEvent]:
    # A rough cut in the database (a partial date stands for at most a year), the exact overlap below.
    year = dt.timedelta(days=366)
    precise = Q(start_precision=Precision.DAY, end_precision=Precision.DAY)
    queryset = (
        Engagement.objects.filter(classification__in=levels, start_date__isnull=False)
        .annotate(span_end=Coalesce("end_date", "start_date"))
        .filter(
            (precise & Q(start_date__lte=end, span_end__gte=start))
            | (~precise & Q(start_date__lte=end + year, span_end__gte=start - year))
        )
    )
    if party is not None:
        queryset = queryset.filter(Q(host=party) | Q(guests=party)).distinct()
    for engagement in queryset:
        first, last = period(engagement.start_date, engagement.start_precision)
        if engagement.end_date and engagement.end_date >= engagement.start_date:
            last = max(last, period(engagement.end_date, engagement.end_precision)[1])
        event = CalendarEvent(
            kind=ENGAGEMENT,
            pk=engagement.pk,
            title=engagement.title,
            first=first,
            last=last,
            precision=engagement.start_precision,
            url=engagement.get_absolute_url(),
            status="",
            status_label="",
            category=engagement.get_kind_display(),
            classification=engagement.classification,
            updated_at=engagement.updated_at,
        )
        if event.overlaps(start, end):
            yield event


def _programme_events(levels, start, end, party) -> Iterable[CalendarEvent]:
    """The programme items of the period, at their times; an item counts only where both it and
    its engagement are within the levels shown (as ProgrammeItem.objects.visible_to)."""
    queryset = (
        ProgrammeItem.objects.filter(
            classification__in=levels, engagement__classification__in=levels, day__gte=start, day__lte=end
        )
        .select_related("engagement")
        .order_by("engagement_id", "day", "start_time", "pk")
    )
    if party is not None:
        queryset = queryset.filter(Q(engagement__host=party) | Q(engagement__guests=party)).distinct()
    seen_days = set()
    for item in queryset:
        first = (item.engagement_id, item.day) not in seen_days
        seen_days.add((item.engagement_id, item.day))
        yield CalendarEvent(
            kind=PROGRAMME,
            pk=item.pk,
            title=item.title,
            first=item.day,
            last=item.day,
            precision=Precision.DAY,
            url=item.get_absolute_url(),
            status="",
            status_label="",
            category=item.get_kind_display(),
            classification=item.classification,
            updated_at=item.updated_at,
            starts=item.starts,
            ends=item.ends,
            first_of_day=first,
        )


def _due_events(levels, start, end, party, today) -> Iterable[CalendarEvent]:
    queryset = ActionItem.objects.filter(classification__in=levels, due_on__gte=start, due_on__lte=end)
    if party is not None:
        queryset = queryset.filter(
            Q(owner_party=party) | Q(committee__parties=party) | Q(understanding__parties=party)
        ).distinct()
    for item in queryset:
        yield _day_event(
            DUE, item, item.due_on, category=item.get_status_display(), overdue=item.overdue_on(today)
        )


def _expiry_events(levels, start, end, party) -> Iterable[CalendarEvent]:
    queryset = Understanding.objects.filter(
        classification__in=levels, expires_on__gte=start, expires_on__lte=end
    ).exclude(status=Understanding.Status.TERMINATED)
    if party is not None:
        queryset = queryset.filter(parties=party).distinct()
    for understanding in queryset:
        yield _day_event(
            EXPIRY, understanding, understanding.expires_on, category=understanding.get_kind_display()
        )


def _day_event(kind: str, record, day: dt.date, *, category: str, overdue: bool = False) -> CalendarEvent:
    """A record's one dated day (an action item's due date, an understanding's expiry) as an event."""
    return CalendarEvent(
        kind=kind,
        pk=record.pk,
        title=record.title,
        first=day,
        last=day,
        precision=Precision.DAY,
        url=record.get_absolute_url(),
        status=record.status,
        status_label=record.get_status_display(),
        category=category,
        classification=record.classification,
        updated_at=record.updated_at,
        overdue=overdue,
    )


def events_visible_to(
    user,
    *,
    start: dt.date,
    end: dt.date,
    party: Party | None = None,
    kinds: Iterable[str] = tuple(KINDS),
    today: dt.date | None = None,
    ceiling: str | None = None,
) -> list[CalendarEvent]:
    """Every event between start and end (inclusive) the user may see, in date order.

    `party` keeps a partner's events only (the caller has checked the user may see the partner);
    `ceiling` lowers the highest classification shown (feeds)."""
    levels = _levels(user, ceiling)
    if not levels:
        return []
    today = today or timezone.localdate()
    kinds = set(kinds)
    events: list[CalendarEvent] = []
    if ENGAGEMENT in kinds:
        events += _engagement_events(levels, start, end, party)
    if PROGRAMME in kinds:
        events += _programme_events(levels, start, end, party)
    if DUE in kinds:
        events += _due_events(levels, start, end, party, today)
    if EXPIRY in kinds:
        events += _expiry_events(levels, start, end, party)
    order = list(KINDS)
    events.sort(
        key=lambda e: (
            e.first,
            order.index(e.kind),
            e.last,
            e.starts.timetz() if e.starts else dt.time.min,
            e.title,
            e.pk,
        )
    )
    return events


# --- the month grid -----------------------------------------------------------------------------


def first_weekday() -> int:
    value = settings.SCHEDULE_FIRST_WEEKDAY
    if value not in range(7):
        raise ImproperlyConfigured("SCHEDULE_FIRST_WEEKDAY is 0 (Monday) to 6 (Sunday).")
    return value


def hijri_parts(value: dt.date) -> tuple[int, int, str] | None:
    """(day, month, month name) of the Umm al-Qura date, or None outside the calendar's range."""
    try:
        h = Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.day, h.month, h.month_name("ar" if is_arabic() else "en")


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    hijri_day: int | None
    hijri_month: str  # the Hijri month's name on its first day and on the grid's first cell, else ""
    events: list[CalendarEvent] = field(default_factory=list)

    @property
    def weekday(self) -> int:
        return self.date.weekday()


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[Day]]
    weekdays: list[tuple[int, str, str]]  # (weekday number, name, abbreviation), from the first weekday
    month_events: list[CalendarEvent]  # month-precision engagements touching the month
    year_events: list[CalendarEvent]  # year-precision engagements of the month's year

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return period(self.first, Precision.MONTH)[1]

    @property
    def title(self) -> str:
        return date_format(self.first, "YEAR_MONTH_FORMAT")

    @property
    def hijri_title(self) -> str:
        first, last = hijri(self.first, Precision.MONTH), hijri(self.last, Precision.MONTH)
        return first if first == last else f"{first} – {last}"

    @property
    def previous(self) -> tuple[int, int]:
        return month_before(self.year, self.month)

    @property
    def next(self) -> tuple[int, int]:
        return month_after(self.year, self.month)

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week]


def weekday_names(first: int) -> list[tuple[int, str, str]]:
    order = [(first + offset) % 7 for offset in range(7)]
    return [(number, str(WEEKDAYS[number]), str(WEEKDAYS_ABBR[number])) for number in order]


def month_grid(
    user,
    *,
    year: int,
    month: int,
    today: dt.date,
    party: Party | None = None,
    kinds: Iterable[str] = tuple(KINDS),
) -> MonthGrid:
    """The month as whole weeks from the configured first weekday, each day with its Hijri date
    and its events; month- and year-precision engagements apart, never on a day."""
    weekday = first_weekday()
    weeks_of_dates = calendar.Calendar(weekday).monthdatescalendar(year, month)
    grid_start, grid_end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    events = events_visible_to(user, start=grid_start, end=grid_end, party=party, kinds=kinds, today=today)
    first_of_month = dt.date(year, month, 1)
    last_of_month = period(first_of_month, Precision.MONTH)[1]
    weeks = []
    for week in weeks_of_dates:
        days = []
        for date in week:
            parts = hijri_parts(date)
            show_month = parts is not None and (parts[0] == 1 or date == grid_start)
            days.append(
                Day(
                    date=date,
                    in_month=date.month == month,
                    is_today=date == today,
                    hijri_day=parts[0] if parts else None,
                    hijri_month=parts[2] if show_month else "",
                    events=[e for e in events if e.on_days and e.first <= date <= e.last],
                )
            )
        weeks.append(days)
    return MonthGrid(
        year=year,
        month=month,
        weeks=weeks,
        weekdays=weekday_names(weekday),
        month_events=[
            e for e in events if e.precision == Precision.MONTH and e.overlaps(first_of_month, last_of_month)
        ],
        year_events=[
            e for e in events if e.precision == Precision.YEAR and e.overlaps(first_of_month, last_of_month)
        ],
    )


# --- the agenda ---------------------------------------------------------------------------------


def agenda(
    user,
    *,
    today: dt.date,
    days: int | None = None,
    party: Party | None = None,
    kinds: Iterable[str] = tuple(KINDS),
) -> list[tuple[str, str, list[CalendarEvent]]]:
    """Upcoming events, from today for `days` days (ongoing ones included), grouped under their
    date as precisely as it is known: [(Gregorian label, Hijri label, events)]."""
    days = settings.SCHEDULE_AGENDA_DAYS if days is None else days
    end = today + dt.timedelta(days=days)
    events = events_visible_to(user, start=today, end=end, party=party, kinds=kinds, today=today)
    groups: list[tuple[str, str, list[CalendarEvent]]] = []
    for event in events:
        label = gregorian(event.first, event.precision)
        label_hijri = hijri(event.first) if event.on_days else ""
        if groups and groups[-1][0] == label:
            groups[-1][2].append(event)
        else:
            groups.append((label, label_hijri, [event]))
    return groups


# --- access to the committee and understanding of a timeline ----------------------------------


def _record_for_user(model, request, pk):
    """A record the user may see, or 404 (audited when it exists but is hidden); views of
    sensitive records are audited, as on their own pages."""
    record = model.objects.visible_to(request.user).filter(pk=pk).first()
    if record is None:
        if model._default_manager.filter(pk=pk).exists():
            audit_denied(request=request, model_label=model._meta.label, object_pk=pk, note="hidden")
        raise Http404
    if is_sensitive(record):
        audit_view(record=record, actor=request.user, request=request, note="timeline")
    return record


def committee_for_user(request, pk) -> JointCommittee:
    return _record_for_user(JointCommittee, request, pk)


def understanding_for_user(request, pk) -> Understanding:
    return _record_for_user(Understanding, request, pk)


def timeline_items(record, user):
    """The action plan of a committee or understanding, as far as the user may see it."""
    return record.action_items.visible_to(user).order_by("due_on", "created_at", "pk")
