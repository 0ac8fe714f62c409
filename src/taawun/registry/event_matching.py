"""Which engagements of the registry a new report may be about, ranked, with the reasons.

Two outlets report one event in their own words: the words they share are too few to tell (the
old rule wanted a Jaccard of 0.2, which independent reports never reach). So the parties, the
dates (within a window as wide as the report's date is vague), the kind, the place and the
people decide, and the wording is one signal among them. A later event between the same parties
(a follow-up meeting weeks on) falls outside the window and is not proposed. Only records the
user may see are read, and only they count as signals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taawun.access.policy import visible_levels
from taawun.core.dates import Precision
from taawun.extract import normalize_arabic
from taawun.registry.models import Engagement, Participation, Source
from taawun.registry.resolution import name_likeness

# Reports of one event give dates a few days apart (the day it began, the day it was reported).
DAY_MARGIN = dt.timedelta(days=3)
# When the report has no date at all, engagements around its publication are looked at.
UNDATED_MARGIN = dt.timedelta(days=10)
SHOWN = 0.45  # a candidate below this is not listed
ATTACHED = 0.7  # an unattended import attaches to a candidate this good that stands out
LEFT_FOR_REVIEW = 0.6  # a candidate this good that does not stand out: a person decides
MAX_CANDIDATES = 5
# Kinds the press uses for one event: a visit is reported as talks, a signing happens in a visit.
# A statement (an announcement, an invitation) is its own event: it is not the visit it announces.
_FAMILIES = ({"visit", "meeting", "agreement_signing"}, {"workshop", "program", "conference"})
_WORD = re.compile(r"\w{3,}")


@dataclass
class Report:
    """What a draft says of its event, as matching needs it."""

    parties: set[str]
    host: str | None = None
    kind: str = ""
    start: dt.date | None = None
    start_precision: str = Precision.DAY
    end: dt.date | None = None
    end_precision: str = Precision.DAY
    country: str = ""
    city: str = ""
    people: list[str] = field(default_factory=list)
    text: str = ""
    published_on: dt.date | None = None
    exclude_source: Source | None = None


@dataclass
class EventCandidate:
    engagement: Engagement
    score: float
    reasons: list[str] = field(default_factory=list)
    dated: bool = False  # both have dates, and they agree: needed to attach unattended


def period(start: dt.date | None, precision: str, end: dt.date | None = None, end_precision: str = "day"):
    """The days a partial date (or a range) may stand for: a month's date is any of its days."""
    if start is None:
        return None
    first = start
    last = _period_end(end or start, end_precision if end else precision)
    return first, last


def _period_end(value: dt.date, precision: str) -> dt.date:
    if precision == Precision.YEAR:
        return value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def _gap(one: tuple[dt.date, dt.date], other: tuple[dt.date, dt.date]) -> int:
    """Days between two periods; 0 when they overlap."""
    if one[1] < other[0]:
        return (other[0] - one[1]).days
    if other[1] < one[0]:
        return (one[0] - other[1]).days
    return 0


def kinds_compatible(one: str, other: str) -> bool:
    if not one or not other or one == other:
        return True
    return any(one in family and other in family for family in _FAMILIES)


def _kinds_compatible_with(kind: str) -> set[str]:
    """The kinds kinds_compatible() accepts beside `kind`, the unknown ("") among them."""
    kinds = {kind, ""}
    for family in _FAMILIES:
        if kind in family:
            kinds |= family
    return kinds


def _reaching(day: dt.date) -> Q:
    """Engagements whose period (as period() reads it) ends on `day` or later: a date of a
    month's precision stands for the whole month, a year's for the whole year."""

    def ends_from(date_field: str, precision_field: str) -> Q:
        return (
            Q(**{precision_field: Precision.YEAR, f"{date_field}__gte": day.replace(month=1, day=1)})
            | Q(**{precision_field: Precision.MONTH, f"{date_field}__gte": day.replace(day=1)})
            | (
                ~Q(**{f"{precision_field}__in": [Precision.YEAR, Precision.MONTH]})
                & Q(**{f"{date_field}__gte": day})
            )
        )

    return Q(ends_from("end_date", "end_precision"), end_date__isnull=False) | Q(
        ends_from("start_date", "start_precision"), end_date__isnull=True
    )


def words(text: str) -> set[str]:
    return set(_WORD.findall(normalize_arabic(text or "")))


def _similarity(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _city(name: str) -> str:
    return " ".join(normalize_arabic(name or "").split())


def event_candidates(user, report: Report) -> list[EventCandidate]:
    """Engagements (that `user` may see) that may be the event the report is about, best first."""
    if not report.parties:
        return []
    mine = period(report.start, report.start_precision, report.end, report.end_precision)
    if mine is None and report.published_on is not None:
        mine = (report.published_on - UNDATED_MARGIN, report.published_on)
    queryset = (
        Engagement.objects.visible_to(user)
        .filter(Q(host_id__in=report.parties) | Q(guests__code__in=report.parties))
        .distinct()
        .prefetch_related("guests")
    )
    if mine is not None:
        # Engagements that began up to a year before (a programme still running) and no later
        # than the report's period allows, and whose period reaches the report's; the exact
        # test is _compatible below, these only spare reading the ones it would turn away.
        queryset = queryset.filter(
            Q(start_date__isnull=True)
            | Q(
                _reaching(mine[0] - DAY_MARGIN),
                start_date__gte=mine[0] - dt.timedelta(days=366),
                start_date__lte=mine[1] + DAY_MARGIN,
            )
        )
    if report.kind:
        queryset = queryset.filter(kind__in=_kinds_compatible_with(report.kind))
    if report.country:
        queryset = queryset.filter(Q(location_country__isnull=True) | Q(location_country=report.country))
    if report.exclude_source is not None:
        queryset = queryset.exclude(sources=report.exclude_source)
    mine_words = words(report.text)
    # Their people and sources are read only for the engagements the cheap tests leave (kind,
    # place, parties, dates): a handful of the 300 looked at.
    compatible = [engagement for engagement in queryset[:300] if _compatible(engagement, report, mine)]
    prefetch_related_objects(
        compatible,
        Prefetch("sources", queryset=Source.objects.visible_to(user), to_attr="visible_sources"),
        Prefetch(
            "participations",
            # The person's level on the joined row, not "person in (every visible person)":
            # SQLite reads that subquery for each of the candidates' participations.
            queryset=Participation.objects.filter(
                person__classification__in=visible_levels(user)
            ).select_related("person"),
            to_attr="visible_participations",
        ),
    )
    found = []
    for engagement in compatible:
        scored = _score(engagement, report, mine, mine_words)
        if scored is not None and scored.score >= SHOWN:
            found.append(scored)
    found.sort(key=lambda candidate: (-candidate.score, -candidate.engagement.pk))
    return found[:MAX_CANDIDATES]


def _parties_of(engagement: Engagement) -> set[str]:
    theirs = {guest.code for guest in engagement.guests.all()}
    if engagement.host_id:
        theirs.add(engagement.host_id)
    return theirs


def _compatible(engagement: Engagement, report: Report, mine) -> bool:
    """Whether the engagement can be the report's event at all: a compatible kind, no other
    country, a party in common, and dates no further apart than the report's precision allows."""
    if not kinds_compatible(report.kind, engagement.kind):
        return False
    if report.country and engagement.location_country_id and report.country != engagement.location_country_id:
        return False
    if not report.parties & _parties_of(engagement):
        return False
    their_period = period(
        engagement.start_date, engagement.start_precision, engagement.end_date, engagement.end_precision
    )
    return mine is None or their_period is None or _gap(mine, their_period) <= DAY_MARGIN.days


def _score(engagement: Engagement, report: Report, mine, mine_words: set[str]) -> EventCandidate | None:
    """How likely the engagement is the report's event, with the reasons; None when it cannot be."""
    if not _compatible(engagement, report, mine):
        return None
    theirs = _parties_of(engagement)
    shared = report.parties & theirs
    reasons: list[str] = []
    dated = False
    score = 0.35 * len(shared) / len(report.parties | theirs)
    same_host = bool(report.host) and report.host == engagement.host_id
    if same_host:
        score += 0.05
    if theirs == report.parties and same_host:
        reasons.append(_("same host and guests"))
    else:
        reasons.append(_("shared parties: %(codes)s") % {"codes": ", ".join(sorted(shared))})

    their_period = period(
        engagement.start_date, engagement.start_precision, engagement.end_date, engagement.end_precision
    )
    if mine is not None and their_period is not None:
        gap = _gap(mine, their_period)
        precise = report.start_precision == Precision.DAY and engagement.start_precision == Precision.DAY
        dated = report.start is not None
        if precise and gap == 0:
            score += 0.3
            same_day = mine[0] == mine[1] == their_period[0] == their_period[1]
            reasons.append(_("same day") if same_day else _("overlapping dates"))
        elif precise:
            score += 0.3 * (1 - gap / (DAY_MARGIN.days + 1))
            reasons.append(ngettext("%(n)d day apart", "%(n)d days apart", gap) % {"n": gap})
        else:
            score += 0.15
            reasons.append(_("dates compatible"))
    elif mine is None and their_period is None:
        reasons.append(_("both undated"))

    if report.kind and report.kind == engagement.kind:
        score += 0.1
        reasons.append(_("same kind"))
    elif report.kind and engagement.kind:
        score += 0.05
    if report.city and _city(report.city) == _city(engagement.location_city):
        score += 0.1
        reasons.append(_("same place"))
    elif report.country and report.country == engagement.location_country_id:
        score += 0.05
        reasons.append(_("same country"))

    people = [participation.person for participation in engagement.visible_participations]
    common = sum(
        1
        for name in report.people
        if any(
            max(name_likeness(name, person.name_ar), name_likeness(name, person.name_en))[0]
            for person in people
        )
    )
    if common:
        score += min(0.15, 0.05 * common)
        reasons.append(ngettext("%(n)d shared person", "%(n)d shared people", common) % {"n": common})

    reported = " ".join(
        [engagement.title_ar, engagement.summary, *(source.text for source in engagement.visible_sources)]
    )
    likeness = _similarity(mine_words, words(reported))
    if likeness >= 0.1:
        score += min(0.2, likeness)
        reasons.append(_("similar wording (%(score).2f)") % {"score": likeness})
    return EventCandidate(engagement, round(score, 2), reasons, dated)


def standing_out(candidates: list[EventCandidate]) -> EventCandidate | None:
    """The candidate an unattended import attaches to: good enough, clearly ahead, and with
    dates on both sides that agree (an undated report goes to a person to decide)."""
    if not candidates or candidates[0].score < ATTACHED or not candidates[0].dated:
        return None
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < 0.1:
        return None
    return candidates[0]
