"""Writing notifications and sending reminders."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taawun.access.policy import can_view
from taawun.audit.models import Action
from taawun.audit.services import append, diff, snapshot
from taawun.core import dates
from taawun.notifications.models import Notification, ReminderKind, SentReminder
from taawun.notifications.selectors import (
    COORDINATOR_OVERDUE,
    DIGEST,
    DIGEST_TARGET,
    ESCALATION,
    Digest,
    Reminder,
    digests_due,
    reminders_due,
)
from taawun.notifications.wording import fill

log = logging.getLogger(__name__)


def notification_create(
    *,
    recipient,
    title: str,
    body: str = "",
    url: str = "",
    record: models.Model | None = None,
    now: dt.datetime | None = None,
) -> Notification:
    """A notification for one user. Give the record it is about, so that it is shown without its
    text should the record later rise above the user's clearance. Callers check the recipient may
    see the record before they put its title in the text."""
    return Notification.objects.create(
        recipient=recipient,
        title=title[:300],
        body=body,
        url=url[:500],
        target_label=record._meta.label_lower if record is not None else "",
        target_pk=str(record.pk) if record is not None else "",
        created_at=now or timezone.now(),
    )


@transaction.atomic
def notifications_mark_read(*, user, pks: list[int] | None = None, now: dt.datetime | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `pks` is None); returns how many.
    Someone else's notification is never touched."""
    unread = Notification.objects.filter(recipient=user).unread()
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=now or timezone.now())


# --- reminders -------------------------------------------------------------------------------


def _when(value: dt.date) -> str:
    hijri = dates.hijri(value)
    return f"{dates.gregorian(value)} ({hijri})" if hijri else dates.gregorian(value)


def reminder_text(reminder: Reminder) -> tuple[str, str]:
    """(title, body) of a reminder, in the active language. Only the record's own title appears,
    which the recipient is cleared to see; never its owner, committee or other links."""
    kind, days = reminder.kind, reminder.days
    values = {"title": reminder.record.title, "date": _when(reminder.about), "days": abs(days)}
    if reminder.rule is not None:
        return _rule_text(reminder)
    if kind == ESCALATION:
        values["assignees"] = reminder.note
        title = (
            ngettext(
                "An action item is overdue by %(days)d day: %(assignees)s",
                "An action item is overdue by %(days)d days: %(assignees)s",
                abs(days),
            )
            % values
        )
        body = (
            _(
                "“%(title)s” was due on %(date)s and is not done. You are told as the supervisor of %(assignees)s."
            )
            % values
        )
        return title, body
    if kind == COORDINATOR_OVERDUE:
        title = _("An action item of the office is now overdue")
        body = _("“%(title)s” was due on %(date)s and is not done. You are told as a coordinator.") % values
        return title, body
    if kind in {ReminderKind.DUE_7, ReminderKind.DUE_1}:
        if days == 0:
            title = _("Action item due today")
        else:
            title = (
                ngettext("Action item due in %(days)d day", "Action item due in %(days)d days", days) % values
            )
        body = _("“%(title)s” is due on %(date)s.") % values
    elif kind.startswith("chair_"):
        title = (
            ngettext(
                "An action item of your committee is overdue by %(days)d day",
                "An action item of your committee is overdue by %(days)d days",
                abs(days),
            )
            % values
        )
        body = (
            _("“%(title)s” was due on %(date)s and is not done. You are told as the committee's chair.")
            % values
        )
    elif kind.startswith("overdue"):
        title = (
            ngettext("Action item overdue by %(days)d day", "Action item overdue by %(days)d days", abs(days))
            % values
        )
        body = _("“%(title)s” was due on %(date)s and is not done.") % values
    else:
        title = (
            ngettext("Understanding expires in %(days)d day", "Understanding expires in %(days)d days", days)
            % values
        )
        body = _("“%(title)s” expires on %(date)s: decide in time whether to renew it.") % values
    return title, body


def _rule_text(reminder: Reminder) -> tuple[str, str]:
    """A rule's reminder: in the committee's wording where the organiser wrote one, else the
    default one. Only the item's title, dates and committee's name are offered as placeholders
    (the recipient is cleared for the item; the committee's name is left out when they are not
    cleared for the committee)."""
    item, rule, days = reminder.record, reminder.rule, reminder.days
    committee = item.committee if item.committee_id and can_view(reminder.recipient, item.committee) else None
    values = {
        "title": item.title,
        "due_on": _when(item.due_on) if item.due_on else "",
        "days": str(days),
        "committee": str(committee) if committee else "",
        "session_on": _when(reminder.about) if reminder.kind.startswith("session_") else "",
    }
    if reminder.kind.startswith("session_"):
        default_title = ngettext(
            "The committee meets in %(days)d day: an action item to report on",
            "The committee meets in %(days)d days: an action item to report on",
            days,
        ) % {"days": days}
        default_body = _("“%(title)s” is to be reported on at the session of %(date)s.") % {
            "title": item.title,
            "date": values["session_on"],
        }
    else:
        default_title = (
            ngettext("Action item due in %(days)d day", "Action item due in %(days)d days", days)
            % {"days": days}
            if days
            else _("Action item due today")
        )
        default_body = _("“%(title)s” is due on %(date)s.") % {"title": item.title, "date": values["due_on"]}
    title = fill(rule.subject, values) if rule.subject.strip() else default_title
    body = fill(rule.body, values) if rule.body.strip() else default_body
    return title, body


def _path(record: models.Model) -> str:
    """The record's address in the default language (no prefix); pages translate it for the reader."""
    with translation.override(settings.LANGUAGE_CODE):
        return record.get_absolute_url()


@dataclass
class ReminderReport:
    sent: int = 0
    emailed: int = 0
    email_failures: int = 0
    skipped: int = 0  # sent meanwhile by another run


def _record_reminder(reminder: Reminder, *, now: dt.datetime) -> Notification | None:
    """Notification, SentReminder and audit entry of one reminder, in one transaction; None when
    another run sent it first (the unique constraint decides)."""
    language = getattr(settings, "TAAWUN_REMINDER_LANGUAGE", settings.LANGUAGE_CODE)
    try:
        with transaction.atomic():
            sent = SentReminder.objects.create(
                kind=reminder.kind,
                recipient=reminder.recipient,
                target_label=reminder.target_label,
                target_pk=str(reminder.record.pk),
                about=reminder.about,
                sent_at=now,
            )
            with translation.override(language):
                title, body = reminder_text(reminder)
            notification = notification_create(
                recipient=reminder.recipient,
                title=title,
                body=body,
                url=_path(reminder.record),
                record=reminder.record,
                now=now,
            )
            sent.notification = notification
            sent.save(update_fields=["notification"])
            append(
                action=Action.CREATE,
                record=sent,
                changes=diff(None, snapshot(sent)),
                note=f"reminder to {reminder.recipient.get_username()}",
            )
    except IntegrityError:
        return None
    return notification


def _email(notification: Notification) -> bool:
    address = notification.recipient.email
    if not address:
        return False
    link = getattr(settings, "TAAWUN_BASE_URL", "").rstrip("/") + notification.url
    send_mail(
        subject=notification.title,
        message=f"{notification.body}\n\n{link}\n",
        from_email=None,  # DEFAULT_FROM_EMAIL
        recipient_list=[address],
    )
    return True


def reminders_send(*, today: dt.date | None = None, now: dt.datetime | None = None) -> ReminderReport:
    """Send every reminder due on `today`: an in-app notification and, where the user has an
    address, an e-mail. Each reminder is recorded in its own transaction before its e-mail goes,
    so a second run, or a failing mail server, never sends one twice; a failed e-mail is logged
    and the notification stays."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    report = ReminderReport()
    for reminder in reminders_due(today):
        notification = _record_reminder(reminder, now=now)
        if notification is None:
            report.skipped += 1
            continue
        report.sent += 1
        try:
            report.emailed += int(_email(notification))
        except Exception:  # noqa: BLE001 - one unreachable mail server must not stop the others
            report.email_failures += 1
            log.exception("reminder e-mail to user %s failed", notification.recipient_id)
    return report


# --- the coordinators' weekly digest -----------------------------------------------------------


def digest_text(digest: Digest) -> tuple[str, str]:
    """(title, body) of a digest, in the active language: counts, then the overdue items' titles
    (all within the coordinator's clearance)."""
    values = {"open": digest.open_count, "overdue": digest.overdue_count, "week": _when(digest.week)}
    title = _("Action items this week: %(open)d open, %(overdue)d overdue") % values
    lines = [_("The office's action items on the week of %(week)s.") % values]
    for item in digest.overdue:
        lines.append(f"- {item.title} ({_when(item.due_on)})")
    if digest.overdue_count > len(digest.overdue):
        lines.append(_("… and %(more)d more overdue.") % {"more": digest.overdue_count - len(digest.overdue)})
    return title, "\n".join(lines)


def digest_send(*, today: dt.date | None = None, now: dt.datetime | None = None) -> ReminderReport:
    """Send each coordinator this week's digest (in-app and by e-mail), once a week: a second run
    in the same week sends nothing."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    language = getattr(settings, "TAAWUN_REMINDER_LANGUAGE", settings.LANGUAGE_CODE)
    report = ReminderReport()
    for digest in digests_due(today):
        try:
            with transaction.atomic():
                sent = SentReminder.objects.create(
                    kind=DIGEST,
                    recipient=digest.recipient,
                    target_label=DIGEST_TARGET,
                    target_pk=str(digest.recipient.pk),
                    about=digest.week,
                    sent_at=now,
                )
                with translation.override(language):
                    title, body = digest_text(digest)
                with translation.override(settings.LANGUAGE_CODE):  # addresses are kept unprefixed
                    url = reverse("agreements:overdue")
                notification = notification_create(
                    recipient=digest.recipient, title=title, body=body, url=url, now=now
                )
                sent.notification = notification
                sent.save(update_fields=["notification"])
                append(
                    action=Action.CREATE,
                    record=sent,
                    changes=diff(None, snapshot(sent)),
                    note=f"digest to {digest.recipient.get_username()}",
                )
        except IntegrityError:
            report.skipped += 1
            continue
        report.sent += 1
        try:
            report.emailed += int(_email(notification))
        except Exception:  # noqa: BLE001 - one unreachable mail server must not stop the others
            report.email_failures += 1
            log.exception("digest e-mail to user %s failed", digest.recipient_id)
    return report
