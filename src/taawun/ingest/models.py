"""Ingestion: drafts awaiting review, background import batches and watched feeds.

Nothing here is part of the registry: a draft becomes an engagement (or another source of an
existing one) only when a person accepts it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified
from taawun.core.models import TimeStamped
from taawun.ingest.home_choice import HomeSource, describe
from taawun.registry.models import Engagement, Source


class Draft(Classified, TimeStamped):
    """What the extraction engine read in one source, waiting for a person's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Added to an existing engagement")

    # One draft per source: the same document ingested again is recognised, never drafted twice.
    source = models.OneToOneField(
        Source, on_delete=models.PROTECT, related_name="draft", verbose_name=_("source")
    )
    # The home party hint the text was read with (home_choice.py), and why it was chosen.
    home = models.CharField(_("home party"), max_length=16, blank=True)
    home_source = models.CharField(
        _("home party chosen from"), max_length=16, choices=HomeSource.choices, blank=True
    )
    home_detail = models.CharField(_("home party chosen by"), max_length=200, blank=True)
    extracted = models.JSONField(_("extracted record"), default=dict)
    evidence = models.JSONField(_("evidence"), default=dict)
    # The engine's grade of each field ("high" or "low") and its reasons ("host": "...").
    confidence = models.JSONField(_("confidence"), default=dict, blank=True)
    field_reasons = models.JSONField(_("reasons of the extraction"), default=dict, blank=True)
    edited = models.JSONField(_("edited record"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        verbose_name=_("engagement"),
    )
    batch = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        verbose_name=_("import batch"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return str(self.source)

    def get_absolute_url(self) -> str:
        return reverse("ingest:draft_review", args=[self.pk])

    @property
    def home_reason(self) -> str:
        """Why the home party is what it is, in the reader's language ("outlet: kuna.net.kw")."""
        return describe(self.home_source, self.home_detail)

    def low_confidence(self) -> set[str]:
        """The fields the engine was unsure of."""
        return {field for field, grade in (self.confidence or {}).items() if grade == "low"}

    @property
    def record(self) -> dict:
        """The record as it stands: the reviewer's edits, else what was extracted."""
        return self.edited if self.edited is not None else self.extracted


class ImportBatch(TimeStamped):
    """Several uploaded files imported in the background, with counts the page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    classification = models.CharField(_("classification"), max_length=16, default="internal")
    # The upload's choice, for the files whose text does not show their country ("": none made).
    home = models.CharField(_("home party"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("files"), default=0)
    done = models.PositiveIntegerField(_("processed"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    known = models.PositiveIntegerField(_("already known"), default=0)
    merged = models.PositiveIntegerField(_("merged"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("ingest:batch_detail", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class ImportItem(models.Model):
    """One file of a batch: its text read at upload time, then its outcome."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        NEW = "new", _("New")
        KNOWN = "known", _("Already known")
        MERGED = "merged", _("Merged")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("file"), max_length=300)
    text = models.TextField(blank=True)
    # A saved web page's own address (readers.page_address): its outlet names the home party.
    url = models.CharField(_("address (URL)"), max_length=1000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.WAITING)
    message = models.CharField(_("message"), max_length=500, blank=True)
    draft = models.ForeignKey(Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class FeedSubscription(Classified, TimeStamped):
    """An RSS or Atom feed polled periodically; new items become drafts of its classification."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("feed address (URL)"), max_length=1000, unique=True)
    home = models.CharField(_("home party"), max_length=16, blank=True)
    active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    # A code of FetchError (shown in the reader's language), never the fetch's own error text:
    # that told an open port from a closed one. The detail goes to the server log.
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # Counts of the last poll: {"new": n, "known": n, "skipped": n}.
    last_result = models.JSONField(_("last poll"), default=dict, blank=True)
    # Set when an officer asks for a poll (it runs in the task queue), cleared when a poll ends:
    # the feed's page shows "polling…" meanwhile.
    poll_requested_at = models.DateTimeField(_("poll requested at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title", "url"]
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")

    def __str__(self) -> str:
        return self.title or self.url

    def get_absolute_url(self) -> str:
        return reverse("ingest:feed_detail", args=[self.pk])

    @property
    def polling(self) -> bool:
        return self.poll_requested_at is not None

    @property
    def error_message(self) -> str:
        """The last poll's failure in the reader's language (a text stored before codes, as it is)."""
        if self.last_error in FetchError.values:
            return str(FetchError(self.last_error).label)
        return self.last_error


class FetchError(models.TextChoices):
    """Why a poll read nothing. One text for every failure to fetch (refused address, closed port,
    timeout, HTTP error, ...): telling them apart would map the network behind the server."""

    FETCH = "fetch", _("The feed could not be fetched.")
    UNREADABLE = "unreadable", _("The address did not return a readable feed.")
    TOO_LARGE = "too-large", _("The feed is larger than the upload limit.")


class FeedEntry(models.Model):
    """An item already taken from a feed (by its id, else its link, else its content), so it is
    never taken twice. An item that could not become a draft is kept too, with the reason: it is
    shown on the feed's page and not tried again at every poll."""

    class Reason(models.TextChoices):
        LINK = "link", _("Its link is not a web address.")
        EMPTY = "empty", _("It has no text.")
        INVALID = "invalid", _("It could not be stored as a source.")
        REFUSED = "refused", _("It could not be drafted.")
        NOT_ARABIC = "not-arabic", _("It is not in Arabic.")

    subscription = models.ForeignKey(FeedSubscription, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=1000)
    draft = models.ForeignKey(Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seen_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "key"], name="feed_entry_once")]

    def __str__(self) -> str:
        return self.key
