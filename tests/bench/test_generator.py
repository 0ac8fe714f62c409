"""The generated dataset looks like an office's: its ratios, its long tail, its classifications, a
lifecycle consistent with its dates (one shared dataset of 2,000 engagements, read only)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db.models import Count, Q

from taawun.agreements.lifecycle import is_allowed
from taawun.agreements.models import ActionItem, Understanding, UnderstandingStatusChange
from taawun.registry.models import Engagement, Source
from taawun.registry.services import content_hash
from tests.bench.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_ratios_per_engagement_are_an_offices(office, db):
    counts = office
    assert 0.9 <= counts["source"] / 2000 <= 1.1  # about one article per engagement
    assert 2000 / 35 <= counts["understanding"] <= 2000 / 12  # one per ~20
    assert counts["understanding"] / 8 <= counts["committee"] <= counts["understanding"] / 2  # one per ~3
    assert 3 * counts["committee"] <= counts["action_item"] <= 7 * counts["committee"]  # ~5 each
    assert counts["training"] > 0 and counts["knowledge"] > 0


def test_every_engagement_has_two_to_four_participants(office, db):
    per_engagement = Engagement.objects.annotate(n=Count("participations")).values_list("n", flat=True)
    assert set(per_engagement) <= {2, 3, 4}
    assert 2.5 <= sum(per_engagement) / len(per_engagement) <= 3.3


def test_a_few_partners_get_most_engagements(office, db):
    per_party = Counter()
    for engagement in Engagement.objects.prefetch_related("guests"):
        per_party.update(
            code for code in {engagement.host_id, *(g.pk for g in engagement.guests.all())} - {"SA"}
        )
    ranked = [count for _code, count in per_party.most_common()]
    assert sum(ranked[:10]) > 0.4 * sum(ranked)  # the top ten partners: a large share
    assert ranked[0] > 10 * ranked[len(ranked) // 2]  # the median partner: a handful
    assert len(ranked) > 100  # and a long tail of occasional ones


def test_the_home_party_takes_part_in_every_engagement(office, db):
    assert not Engagement.objects.exclude(Q(host="SA") | Q(guests="SA")).exists()


def test_classifications_are_mostly_public_and_internal_with_some_secrets(office, db):
    levels = Counter(Engagement.objects.values_list("classification", flat=True))
    assert (levels["public"] + levels["internal"]) / 2000 > 0.75
    assert levels["confidential"] > 0 and levels["secret"] > 0


def test_dates_span_twenty_years_up_to_a_few_months_ahead(office, db):
    dates = [d for d in Engagement.objects.values_list("start_date", flat=True) if d]
    assert min(dates) >= dt.date(TODAY.year - 20, 1, 1)  # a date known to the year stands at 1 January
    assert min(dates) < TODAY - dt.timedelta(days=10 * 365)
    assert TODAY < max(dates) <= TODAY + dt.timedelta(days=180)


def test_sources_are_unique_articles_with_their_hash(office, db):
    hashes = list(Source.objects.values_list("text", "content_hash"))
    assert all(content_hash(text) == digest for text, digest in hashes)
    assert len({digest for _text, digest in hashes}) == len(hashes)
    assert not Source.objects.filter(engagements__isnull=True).exists()  # each reports an engagement


def test_understandings_went_through_an_allowed_lifecycle(office, db):
    understandings = Understanding.objects.prefetch_related("status_changes")
    statuses = Counter()
    for understanding in understandings:
        statuses[understanding.status] += 1
        changes = sorted(
            understanding.status_changes.all(), key=lambda change: (change.changed_at, change.id)
        )
        assert all(is_allowed(change.from_status, change.to_status) for change in changes)
        if changes:
            assert changes[-1].to_status == understanding.status
            assert changes[0].from_status == Understanding.Status.DRAFT
        else:
            assert understanding.status == Understanding.Status.DRAFT
    assert {"in_force", "expired", "negotiation"} <= set(statuses)
    assert UnderstandingStatusChange.objects.filter(changed_at__date__gt=TODAY).count() == 0


def test_action_items_are_mostly_done_some_open_and_some_overdue(office, db):
    items = ActionItem.objects.all()
    open_statuses = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS, ActionItem.Status.BLOCKED]
    overdue = items.filter(status__in=open_statuses, due_on__lt=TODAY).count()
    assert items.filter(status=ActionItem.Status.DONE).count() > items.count() / 3
    assert 0 < overdue < items.count() / 3
    assert items.filter(status__in=open_statuses, due_on__gte=TODAY).exists()
    assert not items.filter(status=ActionItem.Status.DONE).exclude(progress=100).exists()
