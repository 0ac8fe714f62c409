"""Understandings between parties, the joint committees that follow them up, and their action items."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified, ClassifiedQuerySet
from taawun.access.policy import level
from taawun.core.models import BilingualNamed, BilingualTitled, TimeStamped
from taawun.registry.models import Agency, Domain, Engagement, Party, Person


class Understanding(Classified, TimeStamped, BilingualTitled):
    """An MoU, agreement, protocol or set of understandings between parties."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        AGREEMENT = "agreement", _("Agreement")
        PROTOCOL = "protocol", _("Protocol")
        UNDERSTANDINGS = "understandings", _("Understandings")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEGOTIATION = "negotiation", _("Under negotiation")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        EXPIRING = "expiring", _("Expiring")
        EXPIRED = "expired", _("Expired")
        RENEWED = "renewed", _("Renewed")
        TERMINATED = "terminated", _("Terminated")

    # Signed and not yet over: such an understanding has a date of signature, and its coming
    # expiry is warned of.
    SIGNED_STATUSES = (Status.SIGNED, Status.IN_FORCE, Status.EXPIRING, Status.RENEWED)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MOU)
    parties = models.ManyToManyField(Party, related_name="understandings", verbose_name=_("parties"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="understandings", verbose_name=_("domains")
    )
    signed_at = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="understandings_signed",
        verbose_name=_("signed during"),
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = [models.F("signed_on").desc(nulls_last=True), "-created_at"]
        verbose_name = _("understanding")
        verbose_name_plural = _("understandings")

    def get_absolute_url(self) -> str:
        return reverse("agreements:understanding_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.signed_on and self.effective_on and self.effective_on < self.signed_on:
            errors["effective_on"] = _("It cannot come into force before it is signed.")
        start = self.effective_on or self.signed_on
        if start and self.expires_on and self.expires_on <= start:
            errors["expires_on"] = _("The expiry must come after the signature and the entry into force.")
        if self.status in self.SIGNED_STATUSES and not self.signed_on:
            errors["signed_on"] = _("A signed understanding needs its date of signature.")
        if errors:
            raise ValidationError(errors)


class JointCommittee(Classified, TimeStamped, BilingualNamed):
    """A committee of both sides that follows up understandings, with its meetings and action plan."""

    parties = models.ManyToManyField(Party, related_name="committees", verbose_name=_("parties"))
    understandings = models.ManyToManyField(
        Understanding, blank=True, related_name="committees", verbose_name=_("understandings followed")
    )
    chair = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committees_chaired",
        verbose_name=_("chair"),
    )
    members = models.ManyToManyField(Person, blank=True, related_name="committees", verbose_name=_("members"))
    meetings = models.ManyToManyField(
        Engagement, blank=True, related_name="committees", verbose_name=_("meetings")
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    mandate = models.TextField(_("mandate"), blank=True)

    class Meta:
        ordering = ["name_ar", "name_en"]
        verbose_name = _("joint committee")
        verbose_name_plural = _("joint committees")

    def get_absolute_url(self) -> str:
        return reverse("agreements:jointcommittee_detail", args=[self.pk])

    def clean(self) -> None:
        errors = self.unnamed_errors()
        if errors:
            raise ValidationError(errors)


class ActionItemQuerySet(ClassifiedQuerySet):
    def open(self) -> ActionItemQuerySet:
        """The items still to be done: open, in progress or blocked (ActionItem.OPEN_STATUSES)."""
        return self.filter(status__in=ActionItem.OPEN_STATUSES)

    def overdue(self, today) -> ActionItemQuerySet:
        """The open items whose due date is before `today`."""
        return self.open().filter(due_on__lt=today)


class ActionItem(Classified, TimeStamped):
    """A commitment with an owner on either side, a due date and progress."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        BLOCKED = "blocked", _("Blocked")
        CANCELLED = "cancelled", _("Cancelled")

    # Still to be done, whatever stage it is at: every count, list and flag of "open" or
    # "overdue" items means these statuses (the "Open" status alone is only the first stage).
    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.BLOCKED)

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey(
        JointCommittee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a committee with an action plan is closed, not deleted
        related_name="action_items",
        verbose_name=_("committee"),
    )
    understanding = models.ForeignKey(
        Understanding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("understanding"),
    )
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("agreed during"),
    )
    owner_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("responsible side")
    )
    owner_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("owner (person)"),
    )
    owner_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("owner (agency)"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    # Users of the office who work on the item, besides its owner person or agency (who may not use
    # Taawun), and users who follow it. Changed only through agreements.services, which checks each
    # user is cleared for the item.
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_action_items",
        verbose_name=_("assigned to"),
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="watched_action_items",
        verbose_name=_("watchers"),
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:actionitem_detail", args=[self.pk])

    def overdue_on(self, today) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_on is not None and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        """Overdue today, in the office's time zone (for the flag the tables show)."""
        return self.overdue_on(timezone.localdate())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.title and not self.title.strip():
            errors["title"] = _("Give the action item a title.")
        if self.owner_person_id and self.owner_party_id and self.owner_person.party_id != self.owner_party_id:
            errors["owner_person"] = _("The owner must belong to the responsible side.")
        if self.owner_agency_id and self.owner_party_id and self.owner_agency.party_id != self.owner_party_id:
            errors["owner_agency"] = _("The agency must belong to the responsible side.")
        if self.status == self.Status.DONE and self.progress != 100:
            errors["progress"] = _("A done item is at 100%.")
        if errors:
            raise ValidationError(errors)


class UnderstandingStatusChange(models.Model):
    """One step of an understanding's lifecycle: who moved it, when, from what to what, and why.

    Written only by `taawun.agreements.services.understanding_transition`."""

    understanding = models.ForeignKey(
        Understanding,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("understanding"),
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Understanding.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Understanding.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ActionItemUpdate(models.Model):
    """An entry of an action item's update log: a comment, a change of status or progress, or both.

    Written only by `taawun.agreements.services.action_item_update` (and by edits of the item that
    change its status or progress)."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action item")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written at"))
    comment = models.TextField(_("comment"), blank=True)
    old_status = models.CharField(_("old status"), max_length=16, choices=ActionItem.Status.choices)
    new_status = models.CharField(_("new status"), max_length=16, choices=ActionItem.Status.choices)
    old_progress = models.PositiveSmallIntegerField(_("old progress (%)"))
    new_progress = models.PositiveSmallIntegerField(_("new progress (%)"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("action item update")
        verbose_name_plural = _("action item updates")

    def __str__(self) -> str:
        return f"{self.item_id} {self.created_at:%Y-%m-%d}"

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def progress_changed(self) -> bool:
        return self.old_progress != self.new_progress


class ActionItemComment(models.Model):
    """A message of an action item's discussion thread. Never edited: the thread is a record of what
    was said. It carries no classification of its own: it is read, as its item, by those cleared for
    the item (a matter classified higher belongs in another record).

    Written only by `taawun.agreements.services.action_item_comment`."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="comments", verbose_name=_("action item")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.item_id} {self.created_at:%Y-%m-%d}"


class ActionItemAssignmentChange(models.Model):
    """A user assigned to an action item, or taken off it: who, by whom, when.

    Written only by `taawun.agreements.services.action_item_assign` and `action_item_unassign`."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="assignment_changes", verbose_name=_("action item")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    assigned = models.BooleanField(_("assigned"))  # False: taken off the item
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("assignment change")
        verbose_name_plural = _("assignment changes")

    def __str__(self) -> str:
        return f"{self.item_id} {self.user_id} {self.assigned}"


class CommitteeSession(Classified, TimeStamped):
    """One meeting of a joint committee in its numbered series, with its agenda. Items left
    unfinished (not yet decided, or deferred) at one session are carried to the next one's agenda
    (agreements.services.session_save), so the series shows what was decided at each and what
    is still waiting."""

    committee = models.ForeignKey(
        JointCommittee, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("committee")
    )
    number = models.PositiveSmallIntegerField(
        _("session number"),
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Given in order when left empty."),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    place_city = models.CharField(_("city"), max_length=200, blank=True)
    place_country = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    chair_ours = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_chaired_for_us",
        verbose_name=_("chair on our side"),
    )
    chair_theirs = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_chaired_for_them",
        verbose_name=_("chair on their side"),
    )
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_sessions",
        verbose_name=_("the meeting in the registry"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["committee", "number"]
        verbose_name = _("committee session")
        verbose_name_plural = _("committee sessions")
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="agreements_session_number_unique")
        ]

    def __str__(self) -> str:
        # Not the committee's name: pages print a session's name where its committee may be
        # hidden from the reader (a committee classified higher after its sessions were).
        return _("Session %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("agreements:committeesession_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        committee = self.committee if self.committee_id else None
        # The session's page names its committee: it cannot be shown more widely than it.
        comparable = committee is not None and self.classification
        if comparable and level(self.classification) < level(committee.classification):
            errors["classification"] = _("A session is classified at least as its committee.")
        home = settings.TAAWUN_HOME_PARTY
        if self.chair_ours_id and self.chair_ours.party_id != home:
            errors["chair_ours"] = _("Our chair belongs to our side.")
        if self.chair_theirs_id and self.chair_theirs.party_id == home:
            errors["chair_theirs"] = _("Their chair belongs to the other side.")
        elif (
            self.chair_theirs_id
            and committee is not None
            and not committee.parties.filter(pk=self.chair_theirs.party_id).exists()
        ):
            errors["chair_theirs"] = _("Their chair belongs to a party of the committee.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """A point on a session's agenda and what the session made of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("not yet discussed")
        DECIDED = "decided", _("decided")
        DEFERRED = "deferred", _("deferred")
        DROPPED = "dropped", _("dropped")

    # Carried to the next session's agenda.
    UNFINISHED = (Status.PENDING, Status.DEFERRED)

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=500)
    outcome = models.TextField(_("outcome"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
        verbose_name=_("carried over from"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def unfinished(self) -> bool:
        return self.status in self.UNFINISHED

    def clean(self) -> None:
        if self.status == self.Status.DECIDED and not self.outcome.strip():
            raise ValidationError({"outcome": _("Say what was decided.")})
