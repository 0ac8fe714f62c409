"""The figures behind the dashboard and the country brief, all limited to what the reader may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.utils import timezone

from taawun.access.policy import visible_levels
from taawun.agreements.models import ActionItem, Understanding
from taawun.registry.models import Domain, Party
from taawun.reports.figures import cached_figures
from taawun.reports.models import EngagementTally, PairTally, PartyTally
from taawun.reports.tallies import ALL, NO_YEAR, slices
from taawun.training.models import TrainingProgram

EXPIRING_SHOWN = 20  # understandings listed as expiring soon; the rest are counted, with a link
NETWORK_PARTNERS = 24  # partners drawn in the dashboard's cooperation network


def engaged(user) -> Exists:
    """Whether a party has an engagement the user may see: read off the per-partner tallies (a
    few index rows per partner), not by joining every engagement."""
    return Exists(
        PartyTally.objects.filter(
            party=OuterRef("pk"), domain=ALL, classification__in=visible_levels(user), n__gt=0
        )
    )


def active_partners(user, parties: QuerySet[Party] | None = None) -> QuerySet[Party]:
    """The partners (of `parties`, by default all the user may see) with an engagement the user
    may see, the office's own country (TAAWUN_HOME_PARTY) aside: it takes part in nearly every
    engagement, and is no partner of itself. The home page's count and the partner list's
    "with engagements" filter both mean this."""
    parties = Party.objects.visible_to(user) if parties is None else parties
    return parties.filter(engaged(user)).exclude(code=settings.TAAWUN_HOME_PARTY)


def _summed(tallies: QuerySet, *keys: str) -> Counter:
    """{key: n} (a tuple key when there are several), the rows of every slice added up."""
    rows = tallies.values_list(*keys).annotate(total=Sum("n")).filter(total__gt=0).order_by()
    return Counter({(key[0] if len(key) == 1 else tuple(key)): total for *key, total in rows})


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
    where = slices(user, domain=domain, year_from=year_from, year_to=year_to)
    engagements = EngagementTally.objects.filter(**where)
    by_party = _summed(PartyTally.objects.filter(**where), "party")
    # A partner above the reader's clearance is neither named nor drawn (its engagements still count).
    names = {party.code: party for party in Party.objects.visible_to(user).filter(code__in=by_party)}
    ranked = [code for code, _count in by_party.most_common() if code in names]
    # "By partner" ranks the partners: the office's own country, in nearly every engagement, would
    # top it and dwarf the rest. (The network keeps it: it is the hub the others link to.)
    partners = [code for code in ranked if code != settings.TAAWUN_HOME_PARTY]
    # The network shows the busiest partners only: two hundred circles and thousands of lines are
    # unreadable (and weigh megabytes). The index on the pairs' slice and first partner serves this.
    network = ranked[:NETWORK_PARTNERS]
    pairs = PairTally.objects.filter(**where, party_a__in=network, party_b__in=network)
    edges = _summed(pairs, "party_a", "party_b")
    tagged = _summed(engagements.exclude(tag=ALL), "tag")
    domains = {item.code: item for item in Domain.objects.filter(code__in=tagged)}
    for code, item in domains.items():
        item.count = tagged[code]
    by_year = _summed(engagements.filter(tag=ALL, year__gt=NO_YEAR), "year")
    items = ActionItem.objects.visible_to(user).open()
    training = TrainingProgram.objects.visible_to(user)
    expiring = (
        Understanding.objects.visible_to(user)
        .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=90))
        .order_by("expires_on", "pk")
    )
    return {
        "engagement_count": engagements.filter(tag=ALL).aggregate(n=Sum("n"))["n"] or 0,
        "by_party": [(names[code], by_party[code]) for code in partners[:12]],
        "by_domain": sorted(domains.values(), key=lambda item: (-item.count, item.code)),
        "by_year": sorted(by_year.items()),
        "edges": dict(edges),
        "party_weights": {code: by_party[code] for code in network},
        "party_names": {code: names[code] for code in network},
        "open_items": items.count(),
        "overdue_items": items.overdue(today).count(),
        "expiring": list(expiring[:EXPIRING_SHOWN]),
        "expiring_count": expiring.count(),
        "expiring_from": today,
        "expiring_until": today + dt.timedelta(days=90),
        "trainees_delivered": training.filter(status=TrainingProgram.Status.DELIVERED).aggregate(
            n=Sum("trainees")
        )["n"]
        or 0,
        "trainees_pledged": training.filter(
            status__in=[TrainingProgram.Status.PLEDGED, TrainingProgram.Status.PLANNED]
        ).aggregate(n=Sum("trainees"))["n"]
        or 0,
    }
