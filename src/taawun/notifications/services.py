"""Writing notifications and sending reminders."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taawun.audit.models import Action
from taawun.audit.services import append, diff, snapshot
from taawun.core import dates
from taawun.notifications.models import Notification, ReminderKind, SentReminder
from taawun.notifications.selectors import Reminder, reminders_due

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
