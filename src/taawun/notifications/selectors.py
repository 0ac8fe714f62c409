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
from django.db.models import QuerySet

from taawun.agreements.models import ActionItem, Understanding
from taawun.agreements.selectors import AGE_BUCKETS, understandings_expiring
from taawun.notifications.models import Contact, Notification, ReminderKind, SentReminder

DUE_SOON_DAYS = 7

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
    about: dt.date  # the due date or the expiry date
    days: int  # days until that date (negative: days since)

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


def _item_candidates(today: dt.date) -> list[tuple[str, object, ActionItem]]:
    """(kind, user, item) for every open item due within 7 days or overdue, before clearance checks."""
    items = list(
        ActionItem.objects.open()
        .filter(
            due_on__isnull=False,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("committee")
    )
    person_ids = {item.owner_person_id for item in items if item.owner_person_id}
    person_ids |= {item.committee.chair_id for item in items if item.committee and item.committee.chair_id}
    agency_ids = {item.owner_agency_id for item in items if item.owner_agency_id}
    users_of_person = _active_users_by("person", person_ids)
    users_of_agency = _active_users_by("agency", agency_ids)

    candidates = []
    for item in items:
        days = (item.due_on - today).days
        kind = item_reminder_kind(days)
        owners = users_of_person.get(item.owner_person_id, []) if item.owner_person_id else []
        if not owners and item.owner_agency_id:
            owners = users_of_agency.get(item.owner_agency_id, [])
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
    by_user: dict[int, list[tuple[str, object, ActionItem]]] = defaultdict(list)
    for kind, user, item in _item_candidates(today):
        by_user[user.pk].append((kind, user, item))
    reminders: list[Reminder] = []
    for entries in by_user.values():
        user = entries[0][1]
        visible = _visible_item_ids(user, {item.pk for _kind, _user, item in entries})
        reminders += [
            Reminder(kind, user, item, item.due_on, (item.due_on - today).days)
            for kind, _user, item in entries
            if item.pk in visible
        ]
    reminders += _expiry_reminders(today)
    sent = _already_sent(reminders)
    unique: dict[tuple, Reminder] = {}
    for reminder in reminders:
        if reminder.key not in sent:
            unique.setdefault(reminder.key, reminder)  # an owner who is also the chair: each kind once
    return sorted(unique.values(), key=lambda r: (r.recipient.pk, r.about, r.kind, r.record.pk))
