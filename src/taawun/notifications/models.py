"""In-app notifications, the link from a user to the person they are, and the reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun.agreements.models import JointCommittee
from taawun.registry.models import Agency, Person


class Contact(models.Model):
    """Who a user is in the registry: the person they are, and the agency they answer for.

    Action items are owned by people and agencies, not by users; this link lets their reminders
    reach a user. Set by administrators only (it decides who is told about what)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="contact",
        verbose_name=_("user"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user_contacts",
        verbose_name=_("is the person"),
        help_text=_(
            "Reminders of the action items this person owns, or whose committee they chair, reach the user."
        ),
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user_contacts",
        verbose_name=_("answers for the agency"),
        help_text=_("Reminders of the action items this agency owns (with no owner person) reach the user."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.user.get_username()

    def get_absolute_url(self) -> str:
        return reverse("notifications:contact_update", args=[self.user_id])


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message for one user. The record it is about (target) is kept so that a notification about
    a record the user may no longer see is shown without its title."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    target_label = models.CharField(_("record type"), max_length=100, blank=True)
    target_pk = models.CharField(_("record id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderKind(models.TextChoices):
    DUE_7 = "due_7", _("Due within 7 days")
    DUE_1 = "due_1", _("Due tomorrow or today")
    OVERDUE = "overdue", _("Overdue")
    OVERDUE_30 = "overdue_30", _("Overdue by 30 days or more")
    OVERDUE_90 = "overdue_90", _("Overdue by more than 90 days")
    CHAIR_OVERDUE = "chair_overdue", _("Overdue (to the chair)")
    CHAIR_OVERDUE_30 = "chair_overdue_30", _("Overdue by 30 days or more (to the chair)")
    CHAIR_OVERDUE_90 = "chair_overdue_90", _("Overdue by more than 90 days (to the chair)")
    EXPIRY_90 = "expiry_90", _("Expires within 90 days")
    EXPIRY_60 = "expiry_60", _("Expires within 60 days")
    EXPIRY_30 = "expiry_30", _("Expires within 30 days")
    EXPIRY_7 = "expiry_7", _("Expires within 7 days")


class SentReminder(models.Model):
    """A reminder already sent, so it is never sent twice: one per kind, recipient, record and the
    date it is about (the due date or expiry date; a new date is a new reminder)."""

    kind = models.CharField(_("kind"), max_length=24, choices=ReminderKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    target_label = models.CharField(_("record type"), max_length=100)
    target_pk = models.CharField(_("record id"), max_length=64)
    about = models.DateField(_("about the date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "target_label", "target_pk", "about"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_label} {self.target_pk} {self.about}"


class ReminderRule(models.Model):
    """How a committee's action items are reminded: how many days before the due date (or before
    the committee's next session), in what words, and after how long an overdue item is escalated
    to the supervisors of the users assigned to it. A committee without a rule, and an item of no
    committee, follow DEFAULT_OFFSETS, DEFAULT_ESCALATION_DAYS and the default wording.

    Set by those who may change the committee (its organisers), through
    notifications.services.reminder_rule_save, which checks the wording's placeholders."""

    class RelativeTo(models.TextChoices):
        DUE = "due", _("the item's due date")
        SESSION = "session", _("the committee's next session")

    DEFAULT_OFFSETS = (14, 3)
    DEFAULT_ESCALATION_DAYS = 7

    committee = models.OneToOneField(
        JointCommittee,
        on_delete=models.CASCADE,
        related_name="reminder_rule",
        verbose_name=_("committee"),
    )
    offsets = models.CharField(
        _("days before"),
        max_length=100,
        default="14, 3",
        help_text=_("Days before the date, separated by commas: 14, 3"),
    )
    relative_to = models.CharField(
        _("counted before"), max_length=16, choices=RelativeTo.choices, default=RelativeTo.DUE
    )
    subject = models.CharField(
        _("subject"),
        max_length=300,
        blank=True,
        help_text=_(
            "Placeholders: {title}, {due_on}, {days}, {committee}, {session_on}. Empty: the default wording."
        ),
    )
    body = models.TextField(_("text"), blank=True)
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after (days overdue)"),
        default=DEFAULT_ESCALATION_DAYS,
        help_text=_("The supervisors of the users assigned to an item overdue for longer are told, once."),
    )

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")

    def __str__(self) -> str:
        return str(self.committee_id)

    def get_absolute_url(self) -> str:
        return reverse("notifications:reminder_rule", args=[self.committee_id])

    def offset_days(self) -> list[int]:
        """The offsets, largest first (a value the form refused never reaches here)."""
        return sorted(
            {int(part) for part in self.offsets.replace("،", ",").split(",") if part.strip()}, reverse=True
        )
