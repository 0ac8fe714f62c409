"""Keeping the dashboard's counts ready: engagements per slice, per partner, per pair of partners.

Counting a million engagements, their guests and their domains takes minutes; adding up the
tallies of the slices a reader may see takes milliseconds. Each engagement adds one to the tallies
of its facts (its classification, year, domains and partners, see `Footprint.facts`) and remembers
that footprint; when it changes, `sync` takes the old footprint's facts away and adds the new
ones, in the transaction of the change. The signal receivers in `connect` call it for every save,
deletion and change of guests or domains (once per service call inside `deferred()`). Writers that
bypass signals (the benchmark's bulk generator, raw SQL) call `rebuild`, as does `taawun tallies`.

Beside the counts, each partner's timeline (reports.models.PartnerTimeline) lists its engagements
in the list's order; `sync` writes an engagement's rows afresh and `rebuild` all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from taawun.access.policy import visible_levels
from taawun.core.deferred import run_or_defer
from taawun.registry.models import Domain, Engagement, Party
from taawun.reports.models import (
    EngagementFootprint,
    EngagementTally,
    PairTally,
    PartnerTimeline,
    PartyTally,
)

ALL = ""  # the domain (or tag) of every engagement
NO_YEAR = 0  # the year of an engagement without a date
CHUNK = 2000  # engagements read at a time when rebuilding


@dataclass(frozen=True)
class Footprint:
    classification: str
    year: int
    domains: tuple[str, ...]  # sorted
    parties: tuple[str, ...]  # sorted, each once: the host and the guests

    def facts(self) -> tuple[Counter, Counter, Counter]:
        """What the engagement adds to each tally, keyed by the tally's unique columns."""
        engagements, parties, pairs = Counter(), Counter(), Counter()
        for domain in (ALL, *self.domains):
            piece = (self.classification, self.year, domain)
            for tag in (ALL, *self.domains):
                engagements[(*piece, tag)] += 1
            for party in self.parties:
                parties[(*piece, party)] += 1
            for pair in combinations(self.parties, 2):
                pairs[(*piece, *pair)] += 1
        return engagements, parties, pairs

    @classmethod
    def stored(cls, row: EngagementFootprint) -> Footprint:
        return cls(row.classification, row.year, tuple(row.domains.split()), tuple(row.parties.split()))

    def fields(self, engagement_id: int) -> dict:
        return {
            "engagement_id": engagement_id,
            "classification": self.classification,
            "year": self.year,
            "domains": " ".join(self.domains),
            "parties": " ".join(self.parties),
        }


def current_footprints(
    ids: Iterable[int] | None = None, *, engagement_model=Engagement, timeline: list | None = None
) -> dict[int, Footprint]:
    """The footprint of each engagement as it is now (of every engagement when `ids` is None).
    Each engagement's rows of its partners' timelines are added to `timeline` when it is given, as
    dicts of PartnerTimeline's fields.

    `engagement_model` is a migration's historical Engagement when a migration rebuilds.
    """
    engagements = engagement_model._base_manager.order_by()
    guests = engagement_model.guests.through.objects.order_by()
    domains = engagement_model.domains.through.objects.order_by()
    if ids is not None:
        ids = list(ids)
        engagements = engagements.filter(pk__in=ids)
        guests, domains = guests.filter(engagement_id__in=ids), domains.filter(engagement_id__in=ids)
    parties: dict[int, set[str]] = {}
    tags: dict[int, set[str]] = {}
    for engagement_id, party in guests.values_list("engagement_id", "party_id"):
        parties.setdefault(engagement_id, set()).add(party)
    for engagement_id, domain in domains.values_list("engagement_id", "domain_id"):
        tags.setdefault(engagement_id, set()).add(domain)
    footprints = {}
    for pk, classification, start, created, host in engagements.values_list(
        "pk", "classification", "start_date", "created_at", "host_id"
    ):
        taking_part = parties.get(pk, set()) | ({host} if host else set())
        if timeline is not None:
            timeline.extend(
                {"party": party, "engagement_id": pk, "start_date": start, "created_at": created,
                 "classification": classification}
                for party in sorted(taking_part)
            )  # fmt: skip
        footprints[pk] = Footprint(
            classification,
            start.year if start else NO_YEAR,
            tuple(sorted(tags.get(pk, ()))),
            tuple(sorted(taking_part)),
        )
    return footprints


def _add(delta: tuple[Counter, Counter, Counter], footprint: Footprint, sign: int) -> None:
    for total, facts in zip(delta, footprint.facts(), strict=True):
        for key, count in facts.items():
            total[key] += sign * count


def _apply(model, columns: tuple[str, ...], counts: Counter) -> None:
    """Add the counts to the tally rows (created at 0 when missing), in one statement per batch."""
    # In key order, so that two transactions updating the same rows lock them in the same order.
    rows = sorted((*key, count) for key, count in counts.items() if count)
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in (*columns, "n"))
    keys = ", ".join(connection.ops.quote_name(column) for column in columns)
    one = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):  # SQLite allows 32,766 parameters per statement
            batch = rows[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))} "
                f"ON CONFLICT ({keys}) DO UPDATE SET n = {table}.n + excluded.n",
                [value for row in batch for value in row],
            )


_ENGAGEMENT_KEY = ("classification", "year", "domain", "tag")
_PARTY_KEY = ("classification", "year", "domain", "party")
_PAIR_KEY = ("classification", "year", "domain", "party_a", "party_b")


def _apply_all(delta: tuple[Counter, Counter, Counter]) -> None:
    _apply(EngagementTally, _ENGAGEMENT_KEY, delta[0])
    _apply(PartyTally, _PARTY_KEY, delta[1])
    _apply(PairTally, _PAIR_KEY, delta[2])


@transaction.atomic
def sync(ids: Iterable[int]) -> None:
    """Bring the tallies in step with these engagements as they are now (deleted ones included)."""
    ids = sorted(set(ids))
    if not ids:
        return
    stored_rows = EngagementFootprint.objects.select_for_update().filter(engagement_id__in=ids)
    stored = {row.engagement_id: Footprint.stored(row) for row in stored_rows}
    timeline: list[dict] = []
    now = current_footprints(ids, timeline=timeline)
    # The timelines are written afresh: a date moved within its year leaves the footprint as it was.
    PartnerTimeline.objects.filter(engagement_id__in=ids).delete()
    PartnerTimeline.objects.bulk_create([PartnerTimeline(**row) for row in timeline])
    delta: tuple[Counter, Counter, Counter] = (Counter(), Counter(), Counter())
    changed = []
    for pk in ids:
        before, after = stored.get(pk), now.get(pk)
        if before == after:
            continue
        changed.append(pk)
        if before is not None:
            _add(delta, before, -1)
        if after is not None:
            _add(delta, after, +1)
    if not changed:
        return
    _apply_all(delta)
    gone = [pk for pk in changed if pk not in now]
    if gone:
        EngagementFootprint.objects.filter(engagement_id__in=gone).delete()
    kept = [EngagementFootprint(**now[pk].fields(pk)) for pk in changed if pk in now]
    if kept:
        EngagementFootprint.objects.bulk_create(
            kept,
            update_conflicts=True,
            unique_fields=["engagement_id"],
            update_fields=["classification", "year", "domains", "parties"],
        )


@transaction.atomic
def rebuild(apps=None, *, timelines: bool = True) -> int:
    """Recompute every tally, and the partners' timelines, from the engagements; returns the number
    of engagements counted.

    `apps` is a migration's app registry when a migration rebuilds (its historical models); one
    from before the timelines existed passes `timelines=False`.
    """
    engagement = apps.get_model("registry", "Engagement") if apps else Engagement
    timeline_model = None
    if timelines:
        timeline_model = apps.get_model("reports", "PartnerTimeline") if apps else PartnerTimeline
        timeline_model.objects.all().delete()
    models = [
        apps.get_model("reports", name) if apps else model
        for name, model in [
            ("EngagementTally", EngagementTally),
            ("PartyTally", PartyTally),
            ("PairTally", PairTally),
            ("EngagementFootprint", EngagementFootprint),
        ]
    ]
    for model in models:
        model.objects.all().delete()
    footprint_model = models[-1]
    ids = list(engagement._base_manager.order_by("pk").values_list("pk", flat=True))
    delta: tuple[Counter, Counter, Counter] = (Counter(), Counter(), Counter())
    for start in range(0, len(ids), CHUNK):
        timeline: list[dict] = []
        footprints = current_footprints(
            ids[start : start + CHUNK], engagement_model=engagement, timeline=timeline
        )
        if timeline_model is not None:
            timeline_model.objects.bulk_create([timeline_model(**row) for row in timeline], batch_size=500)
        for footprint in footprints.values():
            _add(delta, footprint, +1)
        footprint_model.objects.bulk_create(
            [footprint_model(**footprint.fields(pk)) for pk, footprint in footprints.items()], batch_size=500
        )
    for model, columns, counts in zip(models, (_ENGAGEMENT_KEY, _PARTY_KEY, _PAIR_KEY), delta, strict=False):
        _apply(model, columns, counts)
    return len(ids)


def slices(
    user, *, domain: str | None = None, year_from: int | None = None, year_to: int | None = None
) -> dict:
    """The filter of the tally rows that count what `user` may see: the levels of their clearance,
    the domain asked for (every domain by default), the years asked for (undated engagements only
    when none are)."""
    return {
        "classification__in": visible_levels(user),
        "domain": domain or ALL,
        **year_range(year_from, year_to),
    }


def year_range(year_from: int | None, year_to: int | None) -> dict:
    """The filter of the tally rows of these years (undated engagements only when none are given)."""
    if year_from and year_to:
        # Each year named: the tallies' indexes then lead to each year's rows of the domain and
        # partners asked for. As a range, SQLite read every row of those years, of every domain
        # and partner (the dashboard's partner pairs for three years: 119 ms at 1M, now 9).
        return {"year__in": list(range(year_from, year_to + 1))}
    where = {}
    if year_from or year_to:
        where["year__gt"] = NO_YEAR
    if year_from:
        where["year__gte"] = year_from
    if year_to:
        where["year__lte"] = year_to
    return where


# --- keeping in step ------------------------------------------------------------------------------


def _sync_soon(engagement_id: int) -> None:
    run_or_defer(("tallies", engagement_id), lambda: sync([engagement_id]))


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures being loaded: `taawun tallies` afterwards
        _sync_soon(instance.pk)


def _deleted(sender, instance, **kwargs) -> None:
    _sync_soon(instance.pk)


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        _sync_soon(instance.pk)
    elif action == "post_clear":
        # A partner's or domain's links cleared from its side: which engagements lost them is no
        # longer known here; the footprints say which engagements held it.
        _code_deleted(Party if sender is Engagement.guests.through else Domain, instance)
    else:
        for engagement_id in pk_set or ():
            _sync_soon(engagement_id)


def _code_deleted(sender, instance, **kwargs) -> None:
    """A partner or domain deleted: its links went with it, without a signal of their own."""
    field = "parties" if sender is Party else "domains"
    holders = EngagementFootprint.objects.filter(**{f"{field}__contains": instance.pk})
    for engagement_id in holders.values_list("engagement_id", flat=True):
        _sync_soon(engagement_id)  # a code inside a longer one matches too: a sync too many is harmless


def connect() -> None:
    post_save.connect(_saved, sender=Engagement, dispatch_uid="tallies-saved")
    post_delete.connect(_deleted, sender=Engagement, dispatch_uid="tallies-deleted")
    for model in (Party, Domain):
        post_delete.connect(_code_deleted, sender=model, dispatch_uid=f"tallies-{model.__name__}-deleted")
    for through in (Engagement.guests.through, Engagement.domains.through):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"tallies-{through.__name__}")
