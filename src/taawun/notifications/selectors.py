"""Reading notifications, and choosing which reminders are due.

Which reminders, and to whom (all for a given `today`, so tests pass the date):

* The owner of an open, in-progress or blocked action item with a due date: the users linked
  (Contact) to its owner person, or, when no user is linked to an owner person, the users who answer
  for its owner agency. Once when the item is due within 7 days (2 to 7 days ahead), once when
  it is due tomorrow or today, once when it becomes overdue, again when it has been overdue for 30
  days and again after 90 (the age groups of the overdue page).
* The chair of the item's committee (the users linked to the chair person), once for each of the
  three overdue steps.
* Understandings expiring within 90 days: the active users of the roles in
  TAAWUN_EXPIRY_WARNING_ROLES (administrators and officers), once per warning band (90, 60, 30,
  7 days).

* The users assigned to an item are reminded as its owner is (each user once).
* A committee with a reminder rule (ReminderRule, set by its organisers) has its items reminded
  its number of days before the due date, or before the committee's next session, instead of the
  7-day and 1-day reminders, in its wording; an item overdue for longer than the rule's delay
  (7 days without a rule) is escalated once to the supervisors of its assignees.
* Coordinators (User.is_coordinator) are told once of every item that fell overdue within the
  last week, and receive a weekly digest (digests_due).

Nobody is told about a record above their clearance: every candidate is checked against
`visible_to(recipient)`. Inactive users are never reminded. A reminder already sent (same kind,
recipient, record and date) is not chosen again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When

from taawun.access.policy import can_view
from taawun.agreements.models import ActionItem, CommitteeSession, Understanding
from taawun.agreements.selectors import AGE_BUCKETS, understandings_expiring
from taawun.notifications.models import Contact, Notification, ReminderKind, ReminderRule, SentReminder

DUE_SOON_DAYS = 7
ESCALATION = "escalation"
COORDINATOR_OVERDUE = "coordinator_overdue"
# An item overdue since at most this many days is still news to the coordinators (a run missed on
# the day it fell overdue still tells them, once).
COORDINATOR_WINDOW = 7
DIGEST = "digest"
DIGEST_TARGET = "accounts.user"  # a digest is about no one record: kept against its recipient

OWNER_OVERDUE_KIND = {
    "under_30": ReminderKind.OVERDUE,
    "30_to_90": ReminderKind.OVERDUE_30,
    "over_90": ReminderKind.OVERDUE_90,
}
CHAIR_OVERDUE_KIND = {
    "under_30": ReminderKind.CHAIR_OVERDUE,
    "30_to_90": ReminderKind.CHAIR_OVERDUE_30,
    "over_90": ReminderKind.CHAIR_OVERDUE_90,
}
EXPIRY_KIND = {
    90: ReminderKind.EXPIRY_90,
    60: ReminderKind.EXPIRY_60,
    30: ReminderKind.EXPIRY_30,
    7: ReminderKind.EXPIRY_7,
}


# --- notifications ---------------------------------------------------------------------------


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def _visible_targets(user, notifications: list[Notification]) -> set[tuple[str, str]]:
    """(label, pk) of the notifications' records the user may still see. A record type without a
    clearance filter, or unknown, counts as not visible (fail closed)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for notification in notifications:
        if notification.target_label:
            wanted[notification.target_label].add(notification.target_pk)
    visible = set()
    for label, pks in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        manager = model._default_manager
        if not hasattr(manager.all(), "visible_to"):
            continue
        found = manager.all().visible_to(user).filter(pk__in=list(pks)).values_list("pk", flat=True)
        visible |= {(label, str(pk)) for pk in found}
    return visible


def with_visibility(user, notifications) -> list[Notification]:
    """The notifications, each with `.hidden` set when its record is now above the user's clearance
    (its title and body are then not shown)."""
    notifications = list(notifications)
    visible = _visible_targets(user, notifications)
    for notification in notifications:
        notification.hidden = bool(notification.target_label) and (
            (notification.target_label, notification.target_pk) not in visible
        )
    return notifications


# --- reminders -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    kind: str
    recipient: models.Model  # a user
    record: ActionItem | Understanding
    about: dt.date  # the due date, the session's date or the expiry date
    days: int  # days until that date (negative: days since)
    rule: ReminderRule | None = None  # the committee's wording, for a reminder a rule chose
    note: str = ""  # who an escalation is about (the assignees' names)

    @property
    def target_label(self) -> str:
        return self.record._meta.label_lower

    @property
    def key(self) -> tuple:
        return (self.kind, self.recipient.pk, self.target_label, str(self.record.pk), self.about)


def item_reminder_kind(days_to_due: int) -> str | None:
    """The owner's reminder for an item due in `days_to_due` days (negative when overdue)."""
    if 2 <= days_to_due <= DUE_SOON_DAYS:
        return ReminderKind.DUE_7
    if 0 <= days_to_due <= 1:
        return ReminderKind.DUE_1
    return overdue_kind(-days_to_due, OWNER_OVERDUE_KIND)


def overdue_kind(age: int, kinds: dict[str, str]) -> str | None:
    for bucket in AGE_BUCKETS:
        if bucket.holds(age):
            return kinds[bucket.key]
    return None


def _active_users_by(field: str, ids: set) -> dict[int, list]:
    """person or agency id -> the active users linked to it."""
    found: dict[int, list] = defaultdict(list)
    if not ids:
        return found
    contacts = Contact.objects.filter(**{f"{field}__in": ids, "user__is_active": True}).select_related("user")
    for contact in contacts:
        found[getattr(contact, f"{field}_id")].append(contact.user)
    return found


def _active_assignees(item_ids: set[int]) -> dict[int, list]:
    """item id -> its active assignees (each with their supervisor loaded)."""
    found: dict[int, list] = defaultdict(list)
    if not item_ids:
        return found
    links = ActionItem.assignees.through.objects.filter(actionitem_id__in=item_ids, user__is_active=True)
    for link in links.select_related("user__supervisor").order_by("user_id"):
        found[link.actionitem_id].append(link.user)
    return found


def _owners(item: ActionItem, users_of_person, users_of_agency, assigned) -> list:
    """The users an item's reminders go to: those linked to its owner person (else to its owner
    agency), and the users assigned to it; each once."""
    owners = users_of_person.get(item.owner_person_id, []) if item.owner_person_id else []
    if not owners and item.owner_agency_id:
        owners = users_of_agency.get(item.owner_agency_id, [])
    owners = list(owners)
    owners += [user for user in assigned.get(item.pk, []) if user not in owners]
    return owners


def rule_kind(days_left: int, offsets: list[int], prefix: str) -> str | None:
    """The reminder of a rule for a date `days_left` days ahead: the smallest offset not below it
    (so a run missed on the day still sends it, later, once), none before the largest offset."""
    fitting = [offset for offset in offsets if 0 <= days_left <= offset]
    return f"{prefix}_{min(fitting)}" if fitting else None


def _next_sessions(committee_ids: set[int], today: dt.date) -> dict[int, CommitteeSession]:
    """committee id -> its next session (held today or later), where one is recorded."""
    found: dict[int, CommitteeSession] = {}
    sessions = CommitteeSession.objects.filter(committee_id__in=committee_ids, held_on__gte=today)
    for session in sessions.order_by("committee_id", "held_on", "number"):
        found.setdefault(session.committee_id, session)
    return found


def _rule_candidates(today: dt.date) -> list[Reminder]:
    """The reminders of the committees' rules, for the items of a committee that has one (they take
    the place of the 7-day and 1-day reminders): to the item's owners and assignees, before
    clearance checks of the item (a session-relative reminder also needs the recipient cleared for
    the session)."""
    items = list(
        ActionItem.objects.open()
        .filter(committee__reminder_rule__isnull=False)
        .filter(
            Q(due_on__isnull=False) | Q(committee__reminder_rule__relative_to=ReminderRule.RelativeTo.SESSION)
        )
        .select_related("committee__reminder_rule")
    )
    rules = {item.pk: item.committee.reminder_rule for item in items}
    session_committees = {
        item.committee_id for item in items if rules[item.pk].relative_to == ReminderRule.RelativeTo.SESSION
    }
    sessions = _next_sessions(session_committees, today)
    users_of_person = _active_users_by("person", {i.owner_person_id for i in items if i.owner_person_id})
    users_of_agency = _active_users_by("agency", {i.owner_agency_id for i in items if i.owner_agency_id})
    assigned = _active_assignees({item.pk for item in items})
    reminders = []
    for item in items:
        rule = rules[item.pk]
        session = None
        if rule.relative_to == ReminderRule.RelativeTo.SESSION:
            session = sessions.get(item.committee_id)
            about = session.held_on if session else None
            prefix = "session"
        else:
            about, prefix = item.due_on, "before"
        if about is None:
            continue
        days = (about - today).days
        kind = rule_kind(days, rule.offset_days(), prefix)
        if kind is None:
            continue
        for user in _owners(item, users_of_person, users_of_agency, assigned):
            if session is None or can_view(user, session):
                reminders.append(Reminder(kind, user, item, about, days, rule=rule))
    return reminders


def _has_rule(item: ActionItem) -> bool:
    return item.committee_id is not None and hasattr(item.committee, "reminder_rule")


def _rule_of(item: ActionItem) -> ReminderRule:
    """The item's committee's rule, or the default one (unsaved)."""
    if item.committee_id is not None:
        try:
            return item.committee.reminder_rule
        except ReminderRule.DoesNotExist:
            pass
    return ReminderRule(committee_id=item.committee_id)


def _escalations(today: dt.date) -> list[Reminder]:
    """Items overdue for longer than their rule's delay: to the supervisors of their assignees,
    before clearance checks."""
    items = list(
        ActionItem.objects.overdue(today)
        .filter(assignees__isnull=False)
        .distinct()
        .select_related("committee__reminder_rule")
    )
    assigned = _active_assignees({item.pk for item in items})
    reminders = []
    for item in items:
        delay = _rule_of(item).escalate_after_days
        days = (item.due_on - today).days
        if -days <= delay:
            continue
        by_supervisor: dict[int, list] = defaultdict(list)
        supervisors = {}
        for user in assigned.get(item.pk, []):
            boss = user.supervisor
            if boss is not None and boss.is_active and boss.pk != user.pk:
                supervisors[boss.pk] = boss
                by_supervisor[boss.pk].append(user.get_full_name() or user.get_username())
        for pk, boss in supervisors.items():
            names = "، ".join(by_supervisor[pk])
            reminders.append(Reminder(ESCALATION, boss, item, item.due_on, days, note=names))
    return reminders


def _coordinator_overdue(today: dt.date) -> list[Reminder]:
    """Items that became overdue in the last week (today, or on a day the job did not run): to the
    coordinators, before clearance checks."""
    coordinators = list(get_user_model().objects.filter(is_active=True, is_coordinator=True).order_by("pk"))
    if not coordinators:
        return []
    items = ActionItem.objects.overdue(today).filter(
        due_on__gte=today - dt.timedelta(days=COORDINATOR_WINDOW)
    )
    return [
        Reminder(COORDINATOR_OVERDUE, user, item, item.due_on, (item.due_on - today).days)
        for item in items
        for user in coordinators
    ]


def _item_candidates(today: dt.date) -> list[tuple[str, object, ActionItem]]:
    """(kind, user, item) for every open item due within 7 days or overdue, before clearance checks."""
    items = list(
        ActionItem.objects.open()
        .filter(
            due_on__isnull=False,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("committee__reminder_rule")
    )
    person_ids = {item.owner_person_id for item in items if item.owner_person_id}
    person_ids |= {item.committee.chair_id for item in items if item.committee and item.committee.chair_id}
    agency_ids = {item.owner_agency_id for item in items if item.owner_agency_id}
    users_of_person = _active_users_by("person", person_ids)
    users_of_agency = _active_users_by("agency", agency_ids)

    assigned = _active_assignees({item.pk for item in items})
    candidates = []
    for item in items:
        days = (item.due_on - today).days
        kind = item_reminder_kind(days)
        if days >= 0 and _has_rule(item):
            kind = None  # its committee's rule says when it is reminded before it falls due
        owners = _owners(item, users_of_person, users_of_agency, assigned)
        if kind:
            candidates += [(kind, user, item) for user in owners]
        chair_kind = overdue_kind(-days, CHAIR_OVERDUE_KIND) if days < 0 else None
        if chair_kind and item.committee and item.committee.chair_id:
            chairs = users_of_person.get(item.committee.chair_id, [])
            # A chair who owns the item is told once, as its owner.
            candidates += [(chair_kind, user, item) for user in chairs if user not in owners]
    return candidates


def _visible_item_ids(user, ids: set[int]) -> set[int]:
    return set(ActionItem.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _expiry_reminders(today: dt.date) -> list[Reminder]:
    roles = getattr(settings, "TAAWUN_EXPIRY_WARNING_ROLES", ["administrator", "officer"])
    reminders = []
    for user in get_user_model().objects.filter(is_active=True, role__in=roles).order_by("pk"):
        for warning in understandings_expiring(user, today):  # already limited to the user's clearance
            reminders.append(
                Reminder(
                    kind=EXPIRY_KIND[warning.threshold],
                    recipient=user,
                    record=warning.understanding,
                    about=warning.understanding.expires_on,
                    days=warning.days_left,
                )
            )
    return reminders


def _already_sent(reminders: list[Reminder]) -> set[tuple]:
    if not reminders:
        return set()
    sent = SentReminder.objects.filter(
        recipient__in={r.recipient.pk for r in reminders},
        target_pk__in={str(r.record.pk) for r in reminders},
        about__in={r.about for r in reminders},
    ).values_list("kind", "recipient_id", "target_label", "target_pk", "about")
    return set(sent)


def reminders_due(today: dt.date) -> list[Reminder]:
    """Every reminder to send on `today`, each to a recipient cleared for its record, none sent before."""
    by_user: dict[int, list] = defaultdict(list)
    for kind, user, item in _item_candidates(today):
        by_user[user.pk].append((kind, user, item))
    for reminder in _rule_candidates(today) + _escalations(today) + _coordinator_overdue(today):
        by_user[reminder.recipient.pk].append(reminder)
    reminders: list[Reminder] = []
    for entries in by_user.values():
        user = entries[0].recipient if isinstance(entries[0], Reminder) else entries[0][1]
        candidates = [
            entry
            if isinstance(entry, Reminder)
            else Reminder(entry[0], user, entry[2], entry[2].due_on, (entry[2].due_on - today).days)
            for entry in entries
        ]
        # Nobody is told of an item above their clearance, whichever way they came to be told.
        visible = _visible_item_ids(user, {reminder.record.pk for reminder in candidates})
        reminders += [reminder for reminder in candidates if reminder.record.pk in visible]
    reminders += _expiry_reminders(today)
    sent = _already_sent(reminders)
    unique: dict[tuple, Reminder] = {}
    for reminder in reminders:
        if reminder.key not in sent:
            unique.setdefault(reminder.key, reminder)  # an owner who is also the chair: each kind once
    return sorted(unique.values(), key=lambda r: (r.recipient.pk, r.about, r.kind, r.record.pk))


# --- my items --------------------------------------------------------------------------------

MY_ITEMS_SCOPES = ("all", "assigned", "watching", "owned")


def _mine(user, scope: str) -> Q:
    """Which items are a user's: assigned to them, watched by them, or owned by the person or
    agency they are (Contact)."""
    assigned, watching = Q(assignees=user), Q(watchers=user)
    if scope == "assigned":
        return assigned
    if scope == "watching":
        return watching
    owned = Q(pk__in=[])
    contact = Contact.objects.filter(user=user).first()
    if contact is not None and contact.person_id:
        owned |= Q(owner_person_id=contact.person_id)
    if contact is not None and contact.agency_id:
        owned |= Q(owner_agency_id=contact.agency_id)
    if scope == "owned":
        return owned
    return assigned | watching | owned


def my_items(user, *, scope: str = "all", status: str = "") -> QuerySet[ActionItem]:
    """The user's action items (see _mine) within their clearance: still open first, soonest due
    first (overdue ones lead), undated last."""
    if scope not in MY_ITEMS_SCOPES:
        scope = "all"
    mine = ActionItem.objects.visible_to(user).filter(
        pk__in=ActionItem.objects.filter(_mine(user, scope)).values("pk")
    )
    if status:
        mine = mine.filter(status=status)
    still_open = Case(When(status__in=ActionItem.OPEN_STATUSES, then=Value(0)), default=Value(1))
    return mine.select_related("owner_party", "owner_person", "owner_agency", "committee").order_by(
        still_open, F("due_on").asc(nulls_last=True), "pk"
    )


def my_open_items_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return my_items(user).open().count()


# --- the coordinators' weekly digest -----------------------------------------------------------

DIGEST_OVERDUE_SHOWN = 20


@dataclass(frozen=True)
class Digest:
    recipient: models.Model  # a coordinator
    week: dt.date  # the Monday of the week it covers (sent once a week)
    open_count: int
    overdue_count: int
    overdue: list  # the longest overdue first, at most DIGEST_OVERDUE_SHOWN


def digests_due(today: dt.date) -> list[Digest]:
    """For every active coordinator not sent this week's digest yet: the office's open and overdue
    action items, counted and listed within that coordinator's clearance only."""
    week = today - dt.timedelta(days=today.weekday())
    coordinators = get_user_model().objects.filter(is_active=True, is_coordinator=True).order_by("pk")
    sent = set(
        SentReminder.objects.filter(kind=DIGEST, about=week, target_label=DIGEST_TARGET).values_list(
            "recipient_id", flat=True
        )
    )
    digests = []
    for user in coordinators:
        if user.pk in sent:
            continue
        visible = ActionItem.objects.visible_to(user)
        overdue = visible.overdue(today).order_by("due_on", "pk")
        digests.append(
            Digest(
                recipient=user,
                week=week,
                open_count=visible.open().count(),
                overdue_count=overdue.count(),
                overdue=list(overdue[:DIGEST_OVERDUE_SHOWN]),
            )
        )
    return digests
