"""The figures behind the dashboard and the country brief, all limited to what the reader may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from taawun.agreements.models import ActionItem, Understanding
from taawun.registry.models import Domain, Engagement, Party
from taawun.training.models import TrainingProgram

OPEN = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS, ActionItem.Status.BLOCKED]


def engagements_for_dashboard(
    user, *, domain: str | None = None, year_from: int | None = None, year_to: int | None = None
) -> QuerySet[Engagement]:
    engagements = Engagement.objects.visible_to(user)
    if domain:
        engagements = engagements.filter(domains__code=domain)
    if year_from:
        engagements = engagements.filter(start_date__year__gte=year_from)
    if year_to:
        engagements = engagements.filter(start_date__year__lte=year_to)
    return engagements.distinct()


def participation_pairs(engagements: QuerySet[Engagement]) -> list[tuple[int, list[str]]]:
    """(engagement id, party codes taking part) for each engagement, in two queries."""
    guests = Engagement.guests.through.objects.filter(engagement__in=engagements).values_list(
        "engagement_id", "party_id"
    )
    parties: dict[int, set[str]] = {
        pk: {host} if host else set() for pk, host in engagements.values_list("pk", "host_id")
    }
    for engagement_id, party_id in guests:
        parties.setdefault(engagement_id, set()).add(party_id)
    return [(pk, sorted(codes)) for pk, codes in parties.items()]


def dashboard(user, *, domain=None, year_from=None, year_to=None, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    engagements = engagements_for_dashboard(user, domain=domain, year_from=year_from, year_to=year_to)
    pairs = participation_pairs(engagements)
    by_party = Counter(code for _, codes in pairs for code in codes)
    edges: Counter[tuple[str, str]] = Counter()
    for _, codes in pairs:
        edges.update(combinations(codes, 2))
    names = {party.code: party for party in Party.objects.filter(code__in=by_party)}
    by_domain = (
        Domain.objects.filter(engagements__in=engagements)
        .annotate(count=Count("engagements", distinct=True))
        .order_by("-count", "code")
    )
    by_year = Counter(engagements.exclude(start_date=None).values_list("start_date__year", flat=True))
    items = ActionItem.objects.visible_to(user).filter(status__in=OPEN)
    training = TrainingProgram.objects.visible_to(user)
    return {
        "engagement_count": engagements.count(),
        "by_party": [(names[code], count) for code, count in by_party.most_common(12) if code in names],
        "by_domain": list(by_domain),
        "by_year": sorted(by_year.items()),
        "edges": dict(edges),
        "party_weights": {code: by_party[code] for code in names},
        "party_names": names,
        "open_items": items.count(),
        "overdue_items": items.filter(due_on__lt=today).count(),
        "expiring": Understanding.objects.visible_to(user)
        .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=90))
        .order_by("expires_on"),
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
