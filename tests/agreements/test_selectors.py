"""Progress roll-ups, overdue items by age and expiry warnings, as a reader may see them."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.agreements.models import ActionItem, Understanding
from taawun.agreements.selectors import (
    committee_progress,
    expiry_threshold,
    mean_half_up,
    overdue_by_age,
    overdue_items_visible_to,
    rollup,
    understanding_progress,
    understandings_expiring,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 1)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def item(status: str = "open", progress: int = 0, due_on: dt.date | None = None) -> ActionItem:
    return ActionItem(title="x", status=status, progress=progress, due_on=due_on)


# --- the arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "mean"),
    [([], None), ([0], 0), ([100], 100), ([0, 100], 50), ([0, 0, 1], 0), ([50, 51], 51), ([33, 33, 34], 33)],
)
def test_the_mean_rounds_half_up(values, mean):
    assert mean_half_up(values) == mean


def test_the_roll_up_is_the_mean_progress_of_the_non_cancelled_items():
    items = [item("open", 0), item("in_progress", 40), item("blocked", 20), item("cancelled", 90)]
    progress = rollup(items, TODAY)
    assert (progress.percent, progress.counted, progress.cancelled) == (20, 3, 1)


def test_a_done_item_counts_one_hundred_whatever_its_percentage_says():
    assert rollup([item("done", 80), item("open", 0)], TODAY).percent == 50


def test_with_only_cancelled_items_there_is_no_figure():
    progress = rollup([item("cancelled", 30)], TODAY)
    assert (progress.percent, progress.counted) == (None, 0)


def test_the_roll_up_counts_overdue_items_that_are_still_open():
    items = [item("open", due_on=days(-1)), item("done", 100, due_on=days(-5)), item("open", due_on=TODAY)]
    assert rollup(items, TODAY).overdue == 1


def test_a_committee_rolls_up_its_items_the_reader_may_see(make, officer, low_clearance):
    committee = make.committee()
    make.action_item(committee=committee, progress=20, classification="public")
    make.action_item(committee=committee, status="done", progress=100, classification="public")
    make.action_item(committee=committee, progress=0, classification="secret")
    make.action_item(progress=100)  # another committee's, or none
    assert committee_progress(committee, officer, TODAY).percent == 40  # (20 + 100 + 0) / 3
    assert committee_progress(committee, low_clearance, TODAY).percent == 60  # the secret one is not counted


def test_an_understanding_rolls_up_its_own_items_and_those_of_its_committees(make, officer):
    understanding = make.understanding()
    committee = make.committee()
    committee.understandings.add(understanding)
    make.action_item(understanding=understanding, progress=10)
    make.action_item(committee=committee, progress=50)
    make.action_item(committee=committee, understanding=understanding, progress=90)  # counted once
    make.action_item(progress=100)
    progress = understanding_progress(understanding, officer, TODAY)
    assert (progress.percent, progress.counted) == (50, 3)


# --- overdue by age ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "bucket"),
    [
        (1, "under_30"),
        (29, "under_30"),
        (30, "30_to_90"),
        (90, "30_to_90"),
        (91, "over_90"),
        (400, "over_90"),
    ],
)
def test_an_overdue_item_falls_in_its_age_group(age, bucket):
    groups = overdue_by_age([item("open", due_on=days(-age))], TODAY)
    assert {group.bucket.key: len(group.items) for group in groups}[bucket] == 1
    assert sum(len(group.items) for group in groups) == 1


@pytest.mark.parametrize(
    "not_overdue",
    [item("open", due_on=TODAY), item("open", due_on=days(3)), item("open"), item("done", 100, days(-9))],
    ids=["due-today", "due-later", "no-due-date", "done"],
)
def test_an_item_due_today_later_undated_or_done_is_not_overdue(not_overdue):
    assert all(not group.items for group in overdue_by_age([not_overdue], TODAY))


@pytest.mark.parametrize("status", ["open", "in_progress", "blocked"])
def test_open_in_progress_and_blocked_items_can_be_overdue(status):
    assert overdue_by_age([item(status, due_on=days(-2))], TODAY)[0].items


def test_the_groups_come_in_order_and_the_oldest_item_first():
    groups = overdue_by_age([item(due_on=days(-3)), item(due_on=days(-20)), item(due_on=days(-100))], TODAY)
    assert [group.bucket.key for group in groups] == ["under_30", "30_to_90", "over_90"]
    assert [i.age for i in groups[0].items] == [20, 3]


def test_the_overdue_selector_leaves_out_what_the_reader_may_not_see(make, low_clearance):
    make.action_item(title="Public and late", due_on=days(-5), classification="public")
    make.action_item(title="Secret and late", due_on=days(-5), classification="secret")
    groups = overdue_items_visible_to(low_clearance, TODAY)
    assert [i.title for group in groups for i in group.items] == ["Public and late"]


def test_the_overdue_selector_can_keep_to_one_committee(make, officer):
    committee = make.committee()
    make.action_item(title="Ours", committee=committee, due_on=days(-5))
    make.action_item(title="Theirs", due_on=days(-5))
    groups = overdue_items_visible_to(officer, TODAY, committee=committee)
    assert [i.title for group in groups for i in group.items] == ["Ours"]


# --- expiry warnings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(-1, None), (0, 7), (7, 7), (8, 30), (30, 30), (31, 60), (60, 60), (61, 90), (90, 90), (91, None)],
)
def test_the_warning_band_is_the_smallest_threshold_not_below_the_days_left(days_left, threshold):
    assert expiry_threshold(days_left) == threshold


def test_understandings_expiring_lists_those_in_force_within_90_days_soonest_first(make, officer):
    signed = {"signed_on": dt.date(2020, 1, 1)}
    later = make.understanding(status="in_force", expires_on=days(80), title_en="Later", **signed)
    sooner = make.understanding(status="expiring", expires_on=days(5), title_en="Sooner", **signed)
    make.understanding(status="in_force", expires_on=days(91), **signed)
    make.understanding(status="in_force", expires_on=days(-1), **signed)
    make.understanding(status="terminated", expires_on=days(10), **signed)
    make.understanding(status="draft", expires_on=days(10))
    warnings = understandings_expiring(officer, TODAY)
    assert [(w.understanding, w.days_left, w.threshold) for w in warnings] == [
        (sooner, 5, 7),
        (later, 80, 90),
    ]


def test_understandings_expiring_leaves_out_those_above_the_clearance(make, low_clearance):
    make.understanding(
        status=Understanding.Status.IN_FORCE,
        signed_on=dt.date(2020, 1, 1),
        expires_on=days(10),
        classification="secret",
    )
    assert understandings_expiring(low_clearance, TODAY) == []
