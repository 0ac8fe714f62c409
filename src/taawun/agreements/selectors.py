"""Reading the follow-up: progress roll-ups, overdue items by age, understandings about to expire.

Everything is limited to what the reader may see: roll-ups count only the items the reader is
cleared for, so a figure never betrays a hidden item.

The arithmetic, in one place:

* An item's progress is its percentage, except that a done item counts 100.
* A committee's (or an understanding's) progress is the mean progress of its non-cancelled items,
  rounded half up to a whole percent; with no such item there is no figure (None), not 0%.
  An understanding's items are those linked to it and those of the committees that follow it.
* An item is overdue when it is still open, in progress or blocked and its due date is before
  today. Its age is the number of days since the due date: under 30 days (1 to 29), 30 to 90 days
  (30 to 90 inclusive), over 90 days (91 and more).
* Expiry warnings: an understanding that is signed, in force, expiring or renewed and expires
  within 90 days is in the band of the smallest threshold (90, 60, 30, 7 days) not below the
  days left: 75 days left is the 90-day warning, 30 days left the 30-day one, 3 days the 7-day one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import can_edit
from taawun.agreements.forms import AssignForm, CommentForm
from taawun.agreements.lifecycle import allowed_next
from taawun.agreements.models import ActionItem, AgendaItem, CommitteeSession, JointCommittee, Understanding
from taawun.agreements.services import may_discuss
from taawun.registry import selectors as registry_selectors
from taawun.registry.models import Engagement, Person

EXPIRY_WARNING_DAYS = (7, 30, 60, 90)  # ascending


@dataclass(frozen=True)
class AgeBucket:
    key: str
    label: str
    first_day: int
    last_day: int | None  # None: no upper bound

    def holds(self, age: int) -> bool:
        return age >= self.first_day and (self.last_day is None or age <= self.last_day)


AGE_BUCKETS = (
    AgeBucket("under_30", _("Under 30 days"), 1, 29),
    AgeBucket("30_to_90", _("30 to 90 days"), 30, 90),
    AgeBucket("over_90", _("Over 90 days"), 91, None),
)


# --- progress --------------------------------------------------------------------------------


def item_progress(item: ActionItem) -> int:
    """An item's percentage; a done item counts 100 whatever was typed."""
    return 100 if item.status == ActionItem.Status.DONE else item.progress


def is_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.overdue_on(today)


def mean_half_up(values: list[int]) -> int | None:
    """The mean of whole percentages, rounded half up (50.5 → 51), in integers only."""
    if not values:
        return None
    return (2 * sum(values) + len(values)) // (2 * len(values))


@dataclass(frozen=True)
class Progress:
    percent: int | None  # None when no item counts
    counted: int  # non-cancelled items
    cancelled: int
    overdue: int
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.by_status.get(ActionItem.Status.DONE, 0)


def rollup(items: Iterable[ActionItem], today: dt.date) -> Progress:
    """The progress of a set of items: mean progress of the non-cancelled ones (done counts 100)."""
    items = list(items)
    counted = [item for item in items if item.status != ActionItem.Status.CANCELLED]
    by_status = dict.fromkeys(ActionItem.Status.values, 0)
    for item in items:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    return Progress(
        percent=mean_half_up([item_progress(item) for item in counted]),
        counted=len(counted),
        cancelled=len(items) - len(counted),
        overdue=sum(1 for item in items if is_overdue(item, today)),
        by_status=by_status,
    )


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    return ActionItem.objects.visible_to(user).select_related(
        "owner_party", "owner_person", "owner_agency", "committee"
    )


def action_items_of_committee(committee: JointCommittee, user) -> QuerySet[ActionItem]:
    return action_items_visible_to(user).filter(committee=committee)


def action_items_of_understanding(understanding: Understanding, user) -> QuerySet[ActionItem]:
    """Items linked to the understanding, and items of the committees that follow it."""
    linked = Q(understanding=understanding) | Q(committee__understandings=understanding)
    return action_items_visible_to(user).filter(linked).distinct()


def committee_progress(committee: JointCommittee, user, today: dt.date | None = None) -> Progress:
    return rollup(action_items_of_committee(committee, user), today or timezone.localdate())


def understanding_progress(understanding: Understanding, user, today: dt.date | None = None) -> Progress:
    return rollup(action_items_of_understanding(understanding, user), today or timezone.localdate())


# --- overdue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueGroup:
    bucket: AgeBucket
    items: list[ActionItem]  # each with .age (days overdue)


def overdue_by_age(items: Iterable[ActionItem], today: dt.date) -> list[OverdueGroup]:
    """Overdue items grouped by age (every bucket present, possibly empty), oldest first within one."""
    groups = {bucket.key: OverdueGroup(bucket, []) for bucket in AGE_BUCKETS}
    for item in items:
        if not is_overdue(item, today):
            continue
        item.age = (today - item.due_on).days
        for bucket in AGE_BUCKETS:
            if bucket.holds(item.age):
                groups[bucket.key].items.append(item)
                break
    for group in groups.values():
        group.items.sort(key=lambda item: (-item.age, item.pk))
    return list(groups.values())


def overdue_items_visible_to(
    user, today: dt.date | None = None, *, committee: JointCommittee | None = None
) -> list[OverdueGroup]:
    today = today or timezone.localdate()
    items = action_items_visible_to(user).overdue(today)
    if committee is not None:
        items = items.filter(committee=committee)
    return overdue_by_age(items, today)


# --- expiry ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryWarning:
    understanding: Understanding
    days_left: int
    threshold: int  # 90, 60, 30 or 7


def expiry_threshold(days_left: int) -> int | None:
    """The warning band of an understanding with `days_left` days to go (None beyond 90 or past)."""
    if days_left < 0:
        return None
    return next((days for days in EXPIRY_WARNING_DAYS if days_left <= days), None)


def understandings_expiring(user, today: dt.date | None = None) -> list[ExpiryWarning]:
    """Understandings the user may see that expire within 90 days, soonest first, with their band."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(EXPIRY_WARNING_DAYS))
    found = (
        Understanding.objects.visible_to(user)
        .filter(status__in=Understanding.SIGNED_STATUSES, expires_on__gte=today, expires_on__lte=horizon)
        .order_by("expires_on", "pk")
    )
    warnings = []
    for understanding in found:
        days_left = (understanding.expires_on - today).days
        warnings.append(ExpiryWarning(understanding, days_left, expiry_threshold(days_left)))
    return warnings


# --- what the pages show ---------------------------------------------------------------------


def understanding_detail(understanding: Understanding, user) -> dict:
    today = timezone.localdate()
    items = list(action_items_of_understanding(understanding, user))
    days_left = (understanding.expires_on - today).days if understanding.expires_on else None
    warning = None
    if understanding.status in Understanding.SIGNED_STATUSES and days_left is not None:
        threshold = expiry_threshold(days_left)
        warning = ExpiryWarning(understanding, days_left, threshold) if threshold else None
    return {
        "committees": understanding.committees.visible_to(user),
        "action_items": items,
        "progress": rollup(items, today),
        "history": understanding.status_changes.select_related("changed_by"),
        "next_statuses": [Understanding.Status(s) for s in allowed_next(understanding.status)],
        "can_transition": can_edit(user, understanding) and bool(allowed_next(understanding.status)),
        "expiry_warning": warning,
    }


def committee_detail(committee: JointCommittee, user) -> dict:
    today = timezone.localdate()
    items = list(action_items_of_committee(committee, user))
    members = (
        Person.objects.visible_to(user)
        .filter(committees=committee)
        .select_related("party", "agency")
        .order_by("party__code", "name_ar", "name_en")
    )
    chair = (
        Person.objects.visible_to(user).filter(pk=committee.chair_id).first() if committee.chair_id else None
    )
    return {
        "chair": chair,
        "members": members,
        "parties": committee.parties.visible_to(user),
        "understandings": committee.understandings.visible_to(user).prefetch_related("parties"),
        "meetings": Engagement.objects.visible_to(user)
        .filter(committees=committee)
        .select_related("host", "location_country")
        .order_by("-start_date"),
        "action_items": items,
        "progress": rollup(items, today),
        "overdue_groups": overdue_by_age(items, today),
        **committee_sessions(committee, user),
    }


def committee_sessions(committee: JointCommittee, user) -> dict:
    """The committee's sessions the user may see, in order, each with its agenda; and the backlog:
    what the latest of them left unfinished (carried to the next session when it is recorded)."""
    sessions = list(
        CommitteeSession.objects.visible_to(user)
        .filter(committee=committee)
        .select_related("place_country")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk")))
        .order_by("number")
    )
    latest = sessions[-1] if sessions else None
    # Not yet carried on: a later session the reader may not see may have taken them up already.
    waiting = AgendaItem.objects.filter(
        session=latest, status__in=AgendaItem.UNFINISHED, carried_to__isnull=True
    )
    return {"sessions": sessions, "backlog": list(waiting.order_by("position", "pk")) if latest else []}


def session_detail(session: CommitteeSession, user) -> dict:
    """A session's page (its fields are the generic page's, within the reader's clearance): the
    agenda, each carried item with the session it came from where the reader may see it, and the
    sessions before and after it."""
    siblings = CommitteeSession.objects.visible_to(user).filter(committee_id=session.committee_id)
    visible = set(siblings.values_list("pk", flat=True))
    agenda = session.agenda.select_related("carried_from__session").order_by("position", "pk")
    return {
        "agenda": [
            (
                item,
                item.carried_from.session
                if item.carried_from and item.carried_from.session_id in visible
                else None,
            )
            for item in agenda
        ],
        "previous_session": siblings.filter(number__lt=session.number).order_by("-number").first(),
        "next_session": siblings.filter(number__gt=session.number).order_by("number").first(),
    }


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an action item's history: an update (status, progress, note), an assignment
    change or a comment, at the time it happened."""

    at: dt.datetime
    kind: str  # "update", "assignment" or "comment"
    entry: object


def action_item_history(item: ActionItem) -> list[HistoryEntry]:
    """Everything that happened to the item, oldest first, in three queries."""
    entries = [HistoryEntry(u.created_at, "update", u) for u in item.updates.select_related("author")]
    entries += [
        HistoryEntry(c.changed_at, "assignment", c)
        for c in item.assignment_changes.select_related("user", "changed_by")
    ]
    entries += [HistoryEntry(c.created_at, "comment", c) for c in item.comments.select_related("author")]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.entry.pk))


def action_item_detail(item: ActionItem, user) -> dict:
    assignees = list(item.assignees.order_by("first_name", "username"))
    watchers = list(item.watchers.order_by("first_name", "username"))
    editable = can_edit(user, item)
    return {
        "updates": item.updates.select_related("author"),
        "overdue": is_overdue(item, timezone.localdate()),
        "assignees": assignees,
        "watchers": watchers,
        "watching": any(w.pk == user.pk for w in watchers),
        "history": action_item_history(item),
        "can_assign": editable,
        "assign_form": AssignForm(item=item) if editable else None,
        "can_comment": may_discuss(user, item),
        "comment_form": CommentForm(),
    }


def engagement_detail(engagement: Engagement, user) -> dict:
    """An engagement's page: who took part and what reported it (the registry's), with the
    follow-up it led to."""
    return {
        **registry_selectors.engagement_detail(engagement, user),
        # With every owner loaded: the item table shows the owner person, else the owner agency.
        "action_items": action_items_visible_to(user).filter(engagement=engagement),
        "understandings": engagement.understandings_signed.visible_to(user),
    }
