"""The figures behind the dashboard and the country brief, all limited to what the reader may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from taawun.agreements.models import ActionItem, Understanding
from taawun.core.figures import cached_figures
from taawun.registry.models import Domain, Engagement, Party
from taawun.training.models import TrainingProgram

OPEN = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS, ActionItem.Status.BLOCKED]


def engagements_for_dashboard(
    user, *, domain: str | None = None, year_from: int | None = None, year_to: int | None = None
) -> QuerySet[Engagement]:
    """The engagements the dashboard counts: each once (the domain filter is a subquery, not a
    join), the years as date ranges (so an index on the start date can serve them)."""
    engagements = Engagement.objects.visible_to(user)
    if domain:
        tagged = Engagement.domains.through.objects.filter(domain_id=domain).values("engagement_id")
        engagements = engagements.filter(pk__in=tagged)
    if year_from:
        engagements = engagements.filter(start_date__gte=dt.date(year_from, 1, 1))
    if year_to:
        engagements = engagements.filter(start_date__lte=dt.date(year_to, 12, 31))
    return engagements


def _counts(rows) -> Counter:
    """(key, ..., count) rows as {key: count}, a tuple key when there are several; none missing."""
    counts: Counter = Counter()
    for *key, count in rows:
        if all(part is not None for part in key):
            counts[key[0] if len(key) == 1 else tuple(key)] += count
    return counts


def party_counts(engagements: QuerySet[Engagement]) -> Counter:
    """Engagements per partner taking part (host or guest), counted by the database."""
    guests = Engagement.guests.through.objects.filter(engagement__in=engagements).exclude(
        party_id=F("engagement__host_id")  # a host listed as a guest too takes part once
    )
    by_party = _counts(engagements.values_list("host_id").annotate(n=Count("pk")).order_by())
    by_party.update(_counts(guests.values_list("party_id").annotate(n=Count("pk")).order_by()))
    return by_party


def pair_counts(engagements: QuerySet[Engagement]) -> Counter:
    """Engagements per pair of partners taking part together: {(a, b): n} with a < b."""
    guests = Engagement.guests.through.objects.filter(engagement__in=engagements).exclude(
        party_id=F("engagement__host_id")
    )
    pairs: Counter = Counter()
    host_guest = guests.exclude(engagement__host=None).values_list("engagement__host_id", "party_id")
    for (host, guest), count in _counts(host_guest.annotate(n=Count("pk")).order_by()).items():
        pairs[tuple(sorted((host, guest)))] += count
    # Two guests of the same engagement: the link table joined to itself through the engagement.
    guest_guest = guests.filter(
        engagement__guests__code__gt=F("party_id"),
    ).exclude(engagement__guests__code=F("engagement__host_id"))
    rows = guest_guest.values_list("party_id", "engagement__guests__code").annotate(n=Count("pk")).order_by()
    pairs.update(_counts(rows))
    return pairs


def dashboard(user, *, domain=None, year_from=None, year_to=None, today: dt.date | None = None) -> dict:
    """The dashboard's figures, from the shared cache while no record they count has changed."""
    today = today or timezone.localdate()
    question = ("dashboard", domain or "", year_from or "", year_to or "", today.isoformat())
    return cached_figures(
        user,
        question,
        lambda: _dashboard(user, domain=domain, year_from=year_from, year_to=year_to, today=today),
    )


def _dashboard(user, *, domain, year_from, year_to, today: dt.date) -> dict:
    engagements = engagements_for_dashboard(user, domain=domain, year_from=year_from, year_to=year_to)
    by_party = party_counts(engagements)
    edges = pair_counts(engagements)
    # A partner above the reader's clearance is neither named nor drawn (its engagements still count).
    names = {party.code: party for party in Party.objects.visible_to(user).filter(code__in=by_party)}
    by_domain = (
        Domain.objects.filter(engagements__in=engagements)
        .annotate(count=Count("engagements"))
        .order_by("-count", "code")
    )
    by_year = (
        engagements.exclude(start_date=None)
        .annotate(year=ExtractYear("start_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    items = ActionItem.objects.visible_to(user).filter(status__in=OPEN)
    training = TrainingProgram.objects.visible_to(user)
    return {
        "engagement_count": engagements.count(),
        "by_party": [(names[code], count) for code, count in by_party.most_common() if code in names][:12],
        "by_domain": list(by_domain),
        "by_year": sorted(by_year),
        "edges": dict(edges),
        "party_weights": {code: by_party[code] for code in names},
        "party_names": names,
        "open_items": items.count(),
        "overdue_items": items.filter(due_on__lt=today).count(),
        "expiring": list(
            Understanding.objects.visible_to(user)
            .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=90))
            .order_by("expires_on")
        ),
        "trainees_delivered": training.filter(status=TrainingProgram.Status.DELIVERED).aggregate(
            n=Sum("trainees")
        )["n"]
        or 0,
        "trainees_pledged": training.filter(
            status__in=[TrainingProgram.Status.PLEDGED, TrainingProgram.Status.PLANNED]
        ).aggregate(n=Sum("trainees"))["n"]
        or 0,
    }


def country_brief(party: Party, user, *, today: dt.date | None = None) -> dict:
    """What a minister reads before a visit: the last engagements, the agreements and where they
    stand, what each side still owes, the people to know and the training given."""
    today = today or timezone.localdate()
    engagements = (
        Engagement.objects.visible_to(user)
        .filter(Q(host=party) | Q(guests=party))
        .select_related("host", "location_country")
        .prefetch_related("guests")
        .distinct()[:12]
    )
    commitments = (
        ActionItem.objects.visible_to(user)
        .filter(Q(owner_party=party) | Q(committee__parties=party) | Q(understanding__parties=party))
        .filter(status__in=OPEN)
        .select_related("owner_party", "owner_person", "owner_agency")
        .distinct()
        .order_by("due_on")
    )
    return {
        "party": party,
        "today": today,
        "engagements": engagements,
        "understandings": Understanding.objects.visible_to(user).filter(parties=party).distinct(),
        "their_commitments": [item for item in commitments if item.owner_party_id == party.pk],
        "our_commitments": [item for item in commitments if item.owner_party_id != party.pk],
        "people": party.people.visible_to(user).select_related("agency").order_by("rank", "name_ar")[:20],
        "training": TrainingProgram.objects.visible_to(user)
        .filter(Q(provider=party) | Q(recipient=party))
        .select_related("provider", "recipient", "domain"),
    }
