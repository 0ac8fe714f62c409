"""A partner's engagements and profile, and how many engagements a list holds, read off the
tallies and timelines this app keeps (taawun.reports.tallies): the registry's pages are given
these (reports/records.py), which count a million engagements in a few index look-ups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from itertools import groupby

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from taawun.access.policy import visible_levels
from taawun.agreements.models import ActionItem, Understanding
from taawun.core import bounded
from taawun.registry import selectors as registry_selectors
from taawun.registry.models import Engagement, Party
from taawun.reports import commitments
from taawun.reports.models import EngagementTally, PartnerTimeline, PartyTally
from taawun.reports.tallies import ALL, NO_YEAR, slices, year_range


def engagement_total(user, filters: dict | None = None) -> int | None:
    """How many engagements the user may see with these list filters in use, added up from the
    dashboard's tallies (taawun.reports.tallies), or None for filters the tallies are not kept by
    (words, kinds, dates other than whole years)."""

    filters = filters or {}
    if set(filters) - {"party", "domain", "start_after", "start_before"}:
        return None
    first, last = filters.get("start_after"), filters.get("start_before")
    if (first and (first.month, first.day) != (1, 1)) or (last and (last.month, last.day) != (12, 31)):
        return None
    domain = filters.get("domain")
    where = slices(
        user,
        domain=domain.pk if domain else None,
        year_from=first.year if first else None,
        year_to=last.year if last else None,
    )
    if "party" in filters:
        tallies = PartyTally.objects.filter(**where, party=filters["party"].pk)
    else:
        tallies = EngagementTally.objects.filter(**where, tag=ALL)
    return tallies.aggregate(n=Sum("n"))["n"] or 0


def with_party(engagements: QuerySet[Engagement], party: Party, *, start_after=None, start_before=None):
    """The engagements the partner takes part in, as host or guest: each once without DISTINCT (the
    guests are a subquery, not a join), so the database can page them in list order.

    Two forms, for the plan each leads the databases to. A busy partner's engagements are checked
    one by one, each with an index look-up, walking the list's own order until a page is full:
    one in ten of them is the partner's, so a page is found among a few hundred. A rare partner's
    are collected first (its guest links) and sorted: walking the list for them could read it all.
    """
    as_guest = Engagement.guests.through.objects.filter(party=party)
    if _busy(party, start_after, start_before):
        return engagements.filter(Q(host=party) | Exists(as_guest.filter(engagement_id=OuterRef("pk"))))
    return engagements.filter(Q(host=party) | Q(pk__in=as_guest.values("engagement_id")))


# Rows read to fill a page by walking the list (the page over the partner's share) against rows
# read to collect the partner's engagements (all of them): walk when the first is the smaller.
PAGE_SOUGHT = 50


def _busy(party: Party, start_after=None, start_before=None) -> bool:
    """Whether walking the list finds a page of the partner's engagements sooner than collecting
    them all, judged from the tallies of the years asked for (of every clearance: a plan, not a
    count anyone sees)."""

    years = year_range(start_after.year if start_after else None, start_before.year if start_before else None)
    everything = EngagementTally.objects.filter(**years, domain=ALL, tag=ALL).aggregate(n=Sum("n"))["n"] or 0
    partner = PartyTally.objects.filter(**years, domain=ALL, party=party.pk).aggregate(n=Sum("n"))["n"] or 0
    return partner > 0 and PAGE_SOUGHT * everything / partner < partner


class PartnerEngagements(Sequence):
    """A partner's engagements the user may see (within dates), in list order, read off the
    partner's timeline (reports.models.PartnerTimeline): a slice looks up that slice's engagements
    on one index range and fetches just those, from `records` (what the reader may see, with what a
    page shows of each loaded along)."""

    def __init__(
        self, party: Party, user, records: QuerySet[Engagement], *, start_after=None, start_before=None
    ):

        rows = PartnerTimeline.objects.filter(party=party.pk, classification__in=visible_levels(user))
        if start_after:
            rows = rows.filter(start_date__gte=start_after)
        if start_before:
            rows = rows.filter(start_date__lte=start_before)
        self.rows = rows.order_by(F("start_date").desc(nulls_last=True), "-created_at")
        self.records = records

    @cached_property
    def _count(self) -> int:
        return self.rows.count()

    def count(self) -> int:  # as a queryset's, for the paginator
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        ids = list(self.rows.values_list("engagement_id", flat=True)[index])
        found = {engagement.pk: engagement for engagement in self.records.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]


# The list filters a partner's timeline answers.
TIMELINE_FILTERS = {"party", "start_after", "start_before"}


def engagement_pages(user, filters: dict, records: QuerySet[Engagement]) -> PartnerEngagements | None:
    """The engagement list filtered by a partner (and dates) as a PartnerEngagements; None for
    other filters."""
    if "party" not in filters or set(filters) - TIMELINE_FILTERS:
        return None
    return PartnerEngagements(
        filters["party"],
        user,
        records,
        start_after=filters.get("start_after"),
        start_before=filters.get("start_before"),
    )


# A profile shows the latest engagements and counts the rest: a busy partner has tens of thousands.
PROFILE_TIMELINE = 50
PROFILE_LIST = 20


def _listed(name: str, count_name: str, records: QuerySet, keys: QuerySet | None = None) -> dict:
    shown, count = bounded.first_counted(records, PROFILE_LIST, keys)
    return {name: shown, count_name: count}


def _people(people: QuerySet) -> dict:
    listed = _listed("people", "people_count", people)
    listed["people"] = registry_selectors.with_posts(listed["people"])
    return listed


def party_profile(party: Party, user) -> dict:
    """Everything done with a partner, on one page: the engagements year by year (counted; the latest
    shown), commitments and the people involved, each list bounded with its count."""

    per_year = engagement_years(party, user)
    # What the timeline shows of each: its date, title, kind and partners (not its texts).
    records = (
        Engagement.objects.visible_to(user)
        .select_related("host")
        .prefetch_related("guests")
        .defer("summary", "outcomes")
    )
    latest = PartnerEngagements(party, user, records)[:PROFILE_TIMELINE]
    timeline = [
        (year, list(items))
        for year, items in groupby(latest, key=lambda e: e.start_date.year if e.start_date else None)
    ]
    # One link per partner and understanding: no DISTINCT needed. The latest signed first, the
    # unsigned last (the model's order, on both databases).
    understandings = Understanding.objects.visible_to(user).filter(parties=party)
    # Its own open items and its committees', in due order: listed for the purpose.
    open_items = ActionItem.objects.visible_to(user).select_related(
        "owner_party", "owner_person", "owner_agency", "committee"
    )
    # Those holding a post now first, by seniority (a former holder is marked with the end date).
    people = registry_selectors.by_seniority(party.people.visible_to(user).select_related("agency"))
    agencies = party.agencies.visible_to(user).select_related("parent")
    committees = party.committees.visible_to(user).order_by("name_ar", "pk")
    return {
        "timeline": timeline,
        "per_year": per_year,
        "engagement_count": sum(count for _, count in per_year),
        "timeline_shown": len(latest),
        "counted_up_to": bounded.COUNTED_UP_TO,
        **_listed("understandings", "understanding_count", understandings),
        **_listed("committees", "committee_count", committees),
        **_listed("open_items", "open_item_count", open_items, commitments.first_keys(party, user)),
        **_people(people),
        **_listed("agencies", "agency_count", agencies),
        "training_provided": party.training_provided.visible_to(user).select_related("recipient", "domain")[
            :PROFILE_LIST
        ],
        "training_received": party.training_received.visible_to(user).select_related("provider", "domain")[
            :PROFILE_LIST
        ],
    }


def engagement_years(party: Party, user) -> list[tuple[int | None, int]]:
    """(year, the partner's engagements that year), latest first, undated last: added up from the
    dashboard's tallies (taawun.reports.tallies) of the levels the reader may see."""

    rows = (
        PartyTally.objects.filter(**slices(user), party=party.pk)
        .values_list("year")
        .annotate(total=Sum("n"))
        .filter(total__gt=0)
        .order_by()
    )
    years = [(None if year == NO_YEAR else year, total) for year, total in rows]
    return sorted(years, key=lambda row: (row[0] is None, -(row[0] or 0)))


def partner_contacts(user, parties: list[Party], *, today: dt.date | None = None) -> None:
    """Each partner's engagements, and its last and next contact (the latest engagement begun by
    today, the first after it), as far as the reader may see: set on the partners of one list page
    in one query, read off the tallies and each partner's timeline index (a few look-ups each)."""
    today = today or timezone.localdate()
    levels = visible_levels(user)
    timeline = PartnerTimeline.objects.filter(party=OuterRef("pk"), classification__in=levels)
    tallied = (
        PartyTally.objects.filter(party=OuterRef("pk"), **slices(user))
        .order_by()
        .values("party")
        .annotate(total=Sum("n"))
        .values("total")
    )
    found = Party.objects.filter(pk__in=[party.pk for party in parties]).annotate(
        engagement_count=Subquery(tallied),
        last_contact=Subquery(
            timeline.filter(start_date__lte=today).order_by(F("start_date").desc()).values("start_date")[:1]
        ),
        next_contact=Subquery(
            timeline.filter(start_date__gt=today).order_by("start_date").values("start_date")[:1]
        ),
    )
    contacts = {
        row["pk"]: row for row in found.values("pk", "engagement_count", "last_contact", "next_contact")
    }
    for party in parties:
        row = contacts.get(party.pk, {})
        party.engagement_count = row.get("engagement_count") or 0
        party.last_contact = row.get("last_contact")
        party.next_contact = row.get("next_contact")
