"""The dashboard's pre-aggregated counts stay equal to counting the engagements afresh."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from itertools import combinations

import pytest
from django.core.management import call_command
from django.db import transaction

from taawun.access.policy import visible_levels
from taawun.core.deferred import deferred
from taawun.registry.models import Engagement, Party
from taawun.reports import selectors, tallies
from taawun.reports.models import (
    EngagementFootprint,
    EngagementTally,
    PairTally,
    PartnerTimeline,
    PartyTally,
)
from tests.factories import domain, party

pytestmark = pytest.mark.django_db

PARTIES = ["SA", "SY", "QA", "KW", "JO", "EG"]
DOMAINS = ["narcotics", "cybercrime", "counter_terrorism"]
LEVELS = ["public", "internal", "secret"]


TIMELINE_FIELDS = ("party", "engagement_id", "start_date", "created_at", "classification")


def stored() -> tuple[Counter, Counter, Counter, set]:
    """The tallies as the database holds them (rows at zero left out), and the partners' timelines."""

    def rows(model, *columns):
        return Counter(
            {tuple(row[:-1]): row[-1] for row in model.objects.values_list(*columns, "n") if row[-1]}
        )

    return (
        rows(EngagementTally, "classification", "year", "domain", "tag"),
        rows(PartyTally, "classification", "year", "domain", "party"),
        rows(PairTally, "classification", "year", "domain", "party_a", "party_b"),
        set(PartnerTimeline.objects.values_list(*TIMELINE_FIELDS)),
    )


def counted_afresh() -> tuple[Counter, Counter, Counter, set]:
    """The tallies counted from the engagements as they are, without the module's own bookkeeping."""
    engagements, parties, pairs, timelines = Counter(), Counter(), Counter(), set()
    for engagement in Engagement.objects.prefetch_related("guests", "domains"):
        year = engagement.start_date.year if engagement.start_date else 0
        taking_part = sorted({p.code for p in engagement.guests.all()} | {engagement.host_id} - {None})
        e = engagement
        timelines |= {(code, e.pk, e.start_date, e.created_at, e.classification) for code in taking_part}
        codes = sorted(d.code for d in engagement.domains.all())
        for slice_domain in ["", *codes]:
            piece = (engagement.classification, year, slice_domain)
            for tag in ["", *codes]:
                engagements[(*piece, tag)] += 1
            for code in taking_part:
                parties[(*piece, code)] += 1
            for a, b in combinations(taking_part, 2):
                pairs[(*piece, a, b)] += 1
    return engagements, parties, pairs, timelines


def random_engagement(rng: random.Random, make) -> Engagement:
    host = rng.choice([*PARTIES, None])
    return make.engagement(
        host,
        rng.sample(PARTIES, rng.randint(0, 3)),
        domains=rng.sample(DOMAINS, rng.randint(0, 2)),
        classification=rng.choice(LEVELS),
        start_date=rng.choice([None, dt.date(2023, 3, 1), dt.date(2024, 7, 9), dt.date(2025, 1, 2)]),
    )


def change_at_random(rng: random.Random, engagement: Engagement) -> None:
    move = rng.randrange(8)
    if move == 0:
        engagement.classification = rng.choice(LEVELS)
        engagement.save()
    elif move == 1:
        # 2025-06-30 within the year of 2025-01-02: the tallies stay, the timelines change.
        engagement.start_date = rng.choice([None, dt.date(2022, 1, 1), dt.date(2025, 6, 30)])
        engagement.save()
    elif move == 2:
        engagement.host = party(rng.choice(PARTIES))
        engagement.save()
    elif move == 3:
        engagement.guests.add(party(rng.choice(PARTIES)))
    elif move == 4:
        engagement.guests.clear()
    elif move == 5:
        engagement.domains.set([domain(code) for code in rng.sample(DOMAINS, rng.randint(0, 3))])
    elif move == 6:
        party(rng.choice(PARTIES)).engagements_as_guest.add(engagement)  # linked from the partner's side
    else:
        engagement.delete()


def test_every_change_keeps_the_tallies_equal_to_a_fresh_count(make):
    rng = random.Random(5)
    engagements = [random_engagement(rng, make) for _ in range(12)]
    assert stored() == counted_afresh()
    for _step in range(60):
        alive = [e for e in engagements if Engagement.objects.filter(pk=e.pk).exists()]
        if not alive or rng.random() < 0.15:
            engagements.append(random_engagement(rng, make))
            continue
        change_at_random(rng, rng.choice(alive))
        assert stored() == counted_afresh()


def test_changes_inside_one_service_call_are_counted_once_at_its_end(make):
    with transaction.atomic(), deferred():
        engagement = make.engagement("SA", ["SY", "QA"], domains=["narcotics"])
        engagement.guests.remove(party("QA"))
        assert not EngagementTally.objects.exists()  # not yet: at the end of the call
    assert stored() == counted_afresh()
    assert EngagementFootprint.objects.get(engagement_id=engagement.pk).parties == "SA SY"


def test_links_cleared_from_the_partners_side_are_taken_away(make):
    make.engagement("SA", ["SY", "QA"])
    make.engagement("KW", ["SY"])
    party("SY").engagements_as_guest.clear()
    assert stored() == counted_afresh()
    assert not PairTally.objects.filter(party_b="SY", n__gt=0).exists()


def test_a_deleted_partner_leaves_the_engagements_it_was_a_guest_of(make):
    newcomer = Party.objects.create(code="XQ", name_ar="طرف تجريبي", name_en="Test partner", kind="country")
    make.engagement("SA", ["XQ", "SY"])
    newcomer.delete()
    assert stored() == counted_afresh()


def test_a_rollback_leaves_the_tallies_as_they_were(make):
    make.engagement("SA", ["SY"])
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        make.engagement("QA", ["KW"], domains=["cybercrime"])
        raise RuntimeError
    assert stored() == before


def test_rebuilding_gives_what_was_kept_up_to_date(make):
    rng = random.Random(9)
    for _ in range(10):
        random_engagement(rng, make)
    make.engagement("SA", ["SY"], classification="secret")
    kept = stored()
    Engagement.objects.filter(classification="secret").update(classification="public")  # behind the signals
    assert stored() == kept != counted_afresh()
    call_command("tallies", verbosity=0)
    assert stored() == counted_afresh()


def test_the_dashboard_adds_up_the_slices_a_reader_may_see(make, django_user_model):
    make.engagement(
        "SA", ["SY"], domains=["narcotics"], start_date=dt.date(2024, 5, 1), classification="public"
    )
    make.engagement("SA", ["SY", "QA"], domains=["narcotics", "cybercrime"], start_date=dt.date(2025, 2, 1))
    make.engagement("KW", ["QA"], start_date=None, classification="secret")
    reader = django_user_model.objects.create_user(
        "reader", password="x" * 16, role="viewer", clearance="internal"
    )
    assert visible_levels(reader) == ["public", "internal"]
    figures = selectors._dashboard(
        reader, domain=None, year_from=None, year_to=None, today=dt.date(2026, 1, 1)
    )
    assert figures["engagement_count"] == 2
    assert dict(figures["by_year"]) == {2024: 1, 2025: 1}
    assert {item.code: item.count for item in figures["by_domain"]} == {"narcotics": 2, "cybercrime": 1}
    assert figures["edges"] == {("QA", "SA"): 1, ("QA", "SY"): 1, ("SA", "SY"): 2}
    assert figures["party_weights"] == {"SA": 2, "SY": 2, "QA": 1}
    narcotics = selectors._dashboard(
        reader, domain="cybercrime", year_from=None, year_to=None, today=dt.date(2026, 1, 1)
    )
    assert narcotics["engagement_count"] == 1
    assert {item.code: item.count for item in narcotics["by_domain"]} == {"narcotics": 1, "cybercrime": 1}
    recent = selectors._dashboard(
        reader, domain=None, year_from=2025, year_to=None, today=dt.date(2026, 1, 1)
    )
    assert recent["engagement_count"] == 1 and dict(recent["by_year"]) == {2025: 1}
    for first, last, count, weights in [
        (2024, 2025, 2, {"SA": 2, "SY": 2, "QA": 1}),
        (2024, 2024, 1, {"SA": 1, "SY": 1}),
        (2020, 2023, 0, {}),
        (2025, 2024, 0, {}),  # the wrong way round: nothing
    ]:
        between = selectors._dashboard(
            reader, domain=None, year_from=first, year_to=last, today=dt.date(2026, 1, 1)
        )
        assert (between["engagement_count"], between["party_weights"]) == (count, weights), (first, last)
    everything = selectors._dashboard(
        django_user_model.objects.create_user("chief", password="x" * 16, role="viewer", clearance="secret"),
        domain=None, year_from=None, year_to=None, today=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert everything["engagement_count"] == 3  # the undated one too, when no years are asked for
    assert tallies.NO_YEAR not in dict(everything["by_year"])
