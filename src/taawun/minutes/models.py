"""The minutes of a committee session or of an engagement: its decisions, recommendations and
commitments, approved with the hash of their text, and each sending of them to the participants.

Minutes belong to exactly one record: a committee session or an engagement (a database check).
They are classified at least as that record, and each item at least as the minutes; an item above
a reader's clearance is left out of every page, document and message made for that reader.

Approval (services.minutes_approve) records who approved, when, and the SHA-256 of the minutes'
canonical text (`canonical_text`: every item in order with its kind, texts, classification,
owner and due date). An edit that changes that text reopens approved minutes (services.minutes_save):
the approval stays, marked with who reopened it and when, so the page tells the whole story.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified, ClassifiedQuerySet
from taawun.access.policy import level, visible_levels
from taawun.agreements.models import ActionItem, CommitteeSession
from taawun.core.i18n import pick
from taawun.core.links import record_url
from taawun.core.models import TimeStamped
from taawun.notifications.models import Notification
from taawun.registry.models import Engagement, Party, Person


class MinutesQuerySet(ClassifiedQuerySet):
    def visible_to(self, user) -> MinutesQuerySet:
        """The minutes the user may see: their own classification and their record's (a session or
        an engagement classified higher since keeps its minutes out of sight with it)."""
        levels = visible_levels(user)
        return self.filter(
            Q(classification__in=levels)
            & (Q(session__isnull=True) | Q(session__classification__in=levels))
            & (Q(engagement__isnull=True) | Q(engagement__classification__in=levels))
        )


class Minutes(Classified, TimeStamped):
    """The minutes of one committee session or one engagement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    session = models.ForeignKey(
        CommitteeSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes",
        verbose_name=_("committee session"),
    )
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes",
        verbose_name=_("engagement"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    summary_ar = models.TextField(_("summary in Arabic"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(session__isnull=False, engagement__isnull=True)
                    | Q(session__isnull=True, engagement__isnull=False)
                ),
                name="minutes_of_one_record",
            ),
            models.UniqueConstraint(fields=["session"], name="minutes_one_per_session"),
            models.UniqueConstraint(fields=["engagement"], name="minutes_one_per_engagement"),
        ]

    def __str__(self) -> str:
        # Never the committee's name: it may be hidden from a reader who sees the session.
        if self.session_id:
            return str(_("Minutes of session %(number)s") % {"number": self.session.number})
        if self.engagement_id:
            return str(_("Minutes: %(title)s") % {"title": self.engagement.title})
        return str(_("Minutes"))

    def get_absolute_url(self) -> str:
        return record_url("minutes:minutes_detail", self.pk)

    @property
    def parent(self) -> CommitteeSession | Engagement | None:
        return self.session if self.session_id else self.engagement if self.engagement_id else None

    @property
    def summary(self) -> str:
        return pick(self.summary_ar, self.summary_en)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if bool(self.session_id) == bool(self.engagement_id):
            errors["session"] = _("Minutes are of one committee session or of one engagement.")
        parent = self.parent
        # The minutes' page names their record: they cannot be shown more widely than it.
        if (
            parent is not None
            and self.classification
            and level(self.classification) < level(parent.classification)
        ):
            field = "classification"
            errors[field] = _("Minutes are classified at least as the session or engagement they record.")
        if errors:
            raise ValidationError(errors)

    def sides(self) -> list[Party]:
        """The parties a commitment may be owned by: ours, and those of the session's committee or
        of the engagement (its host and guests)."""
        found: dict[str, Party] = {}
        home = Party.objects.filter(pk=settings.TAAWUN_HOME_PARTY).first()
        if home is not None:
            found[home.pk] = home
        if self.session_id:
            parties = self.session.committee.parties.all()
        elif self.engagement_id:
            parties = self.engagement.parties()
        else:
            parties = []
        for party in parties:
            found.setdefault(party.pk, party)
        return list(found.values())

    def canonical_text(self) -> str:
        """The minutes as the text their approval's hash is taken of: one JSON document with sorted
        keys, the record they are of, their classification and summaries, and every item in order
        (its kind, texts, classification, owner side and person, due date and the decision it came
        from). What an edit changes here reopens approved minutes; nothing else does."""
        items = [item.canonical() for item in self.items.order_by("position", "pk")]
        document = {
            "format": "taawun-minutes/1",
            "of": (
                f"agreements.committeesession:{self.session_id}"
                if self.session_id
                else f"registry.engagement:{self.engagement_id}"
            ),
            "classification": self.classification,
            "summary_ar": self.summary_ar,
            "summary_en": self.summary_en,
            "items": items,
        }
        return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def text_hash(self) -> str:
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()


class MinuteItem(Classified):
    """A decision, a recommendation or a commitment of the minutes, in Arabic, English or both.

    A commitment has an owner side (ours or a party of the committee or engagement), may name the
    person on that side who owes it, a due date, and the decision it came from (that decision's
    number in the same minutes). Once the minutes are approved it becomes an action item
    (`action_item`, set once: a commitment never makes two)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        RECOMMENDATION = "recommendation", _("Recommendation")
        COMMITMENT = "commitment", _("Commitment")

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="items", verbose_name=_("minutes")
    )
    position = models.PositiveSmallIntegerField(
        _("number"), default=0, help_text=_("Given in order when left at 0.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DECISION)
    text_ar = models.TextField(_("text in Arabic"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    owner_side = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible side"),
    )
    owner_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minute_commitments",
        verbose_name=_("owner (person)"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    from_decision = models.PositiveSmallIntegerField(
        _("from decision no."),
        null=True,
        blank=True,
        help_text=_("The number of the decision in these minutes that the commitment comes from."),
    )
    action_item = models.OneToOneField(
        ActionItem,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,  # the minutes keep the item they made
        related_name="minute_item",
        verbose_name=_("action item"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("minute item")
        verbose_name_plural = _("decisions, recommendations and commitments")

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.minutes.get_absolute_url()}#item-{self.pk}"

    @property
    def text(self) -> str:
        return pick(self.text_ar, self.text_en)

    @property
    def is_commitment(self) -> bool:
        return self.kind == self.Kind.COMMITMENT

    def canonical(self) -> dict:
        return {
            "position": self.position,
            "kind": self.kind,
            "text_ar": self.text_ar,
            "text_en": self.text_en,
            "classification": self.classification,
            "owner_side": self.owner_side_id,
            "owner_person": self.owner_person_id,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "from_decision": self.from_decision,
        }

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.text_ar.strip() or self.text_en.strip()):
            errors["text_ar"] = _("Write the text in Arabic or in English.")
        if self.kind == self.Kind.COMMITMENT:
            if not self.owner_side_id:
                errors["owner_side"] = _("Say which side owes the commitment.")
            elif self.owner_person_id and self.owner_person.party_id != self.owner_side_id:
                errors["owner_person"] = _("The owner must belong to the responsible side.")
        else:
            for name in ("owner_side", "owner_person", "due_on", "from_decision"):
                if getattr(self, name if name in ("due_on", "from_decision") else f"{name}_id"):
                    errors[name] = _(
                        "Only a commitment has an owner, a due date and a decision it comes from."
                    )
        if errors:
            raise ValidationError(errors)


class Approval(models.Model):
    """One approval of the minutes: who, when, and the hash of the text approved. An edit that
    changes the text later reopens the minutes: the approval stays, with who reopened it and when."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("minutes")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"))
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)

    class Meta:
        ordering = ["approved_at", "id"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.minutes_id} {self.approved_at:%Y-%m-%d %H:%M} {self.text_hash[:12]}"


class Sending(models.Model):
    """The minutes sent to the participants who use Taawun: who sent them, when, up to which
    classification, and the hash of their text then; one Delivery per recipient."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="sendings", verbose_name=_("minutes")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"))
    cap = models.CharField(_("highest classification included"), max_length=16)
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")

    def __str__(self) -> str:
        return f"{self.minutes_id} {self.sent_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """The minutes as one recipient received them: in the app, and by e-mail where they have an
    address, with the items up to `cap` (the sending's, or lower: the recipient's clearance)."""

    sending = models.ForeignKey(
        Sending, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("sending")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    cap = models.CharField(_("highest classification included"), max_length=16)
    items = models.PositiveSmallIntegerField(_("items included"), default=0)
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    emailed = models.BooleanField(_("e-mailed"), default=False)
    email_failed = models.BooleanField(_("e-mail failed"), default=False)

    class Meta:
        ordering = ["sending", "id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["sending", "recipient"], name="minutes_delivered_once")
        ]

    def __str__(self) -> str:
        return f"{self.sending_id} → {self.recipient_id}"
