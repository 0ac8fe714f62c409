"""Files carried by records: the signed MoU's scan, a presentation, the partner's letter.

An attachment belongs to exactly one record, through one foreign key per attachable record type
(`PARENTS`): a record type gains attachments by adding its key here and its column (a migration),
and its pages show them through `catalog.provide` (records.py). The links are PROTECT: a record is
not deleted while files hang from it (the deletion page names them, as any referrer), and merging
two records moves their files with the other links.

The bytes live outside the database, under MEDIA_ROOT (storage.py), named by their SHA-256, which
the row keeps and every download checks. An attachment is classified at least as its record, and
is visible only to a reader who may see both (`visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified
from taawun.access.policy import can_view, visible_levels
from taawun.agreements.models import ActionItem, CommitteeSession, Understanding
from taawun.core.links import record_url
from taawun.minutes.models import Minutes
from taawun.registry.models import Engagement


@dataclass(frozen=True)
class Parent:
    """An attachable record type: its model, the attachment's foreign key to it, and the key its
    pages are addressed by (the model name, as the record catalogue's)."""

    model: type[models.Model]
    field: str

    @property
    def key(self) -> str:
        return self.model._meta.model_name


PARENTS: tuple[Parent, ...] = (
    Parent(Engagement, "engagement"),
    Parent(Understanding, "understanding"),
    Parent(ActionItem, "action_item"),
    Parent(CommitteeSession, "session"),
    Parent(Minutes, "minutes"),
)


def _one_record() -> Q:
    """Exactly one of the parents' links is set (a file belongs to one record)."""
    either = Q()
    for chosen in PARENTS:
        either |= Q(**{f"{parent.field}__isnull": parent is not chosen for parent in PARENTS})
    return either


def parent_named(key: str) -> Parent | None:
    return next((parent for parent in PARENTS if parent.key == key), None)


def parent_of_model(model: type[models.Model]) -> Parent | None:
    return next((parent for parent in PARENTS if parent.model is model), None)


class Kind(models.TextChoices):
    """What a file is, as its content says (content.py), never its name."""

    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    PPTX = "pptx", _("PowerPoint presentation")
    ODT = "odt", _("OpenDocument text")
    PNG = "png", _("PNG image")
    JPEG = "jpeg", _("JPEG image")
    TEXT = "text", _("Plain text")


MEDIA_TYPES: dict[str, str] = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    Kind.ODT: "application/vnd.oasis.opendocument.text",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.TEXT: "text/plain; charset=utf-8",
}


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AttachmentQuerySet:
        """The attachments the user may see: their own classification and their record's."""
        levels = visible_levels(user)
        condition = Q(classification__in=levels)
        for parent in PARENTS:
            condition &= Q(**{f"{parent.field}__isnull": True}) | Q(
                **{f"{parent.field}__classification__in": levels}
            )
        return self.filter(condition)

    def of(self, record: models.Model) -> AttachmentQuerySet:
        parent = parent_of_model(type(record))
        if parent is None:
            return self.none()
        return self.filter(**{parent.field: record})


class Attachment(Classified):
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("engagement"),
    )
    understanding = models.ForeignKey(
        Understanding,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("understanding"),
    )
    action_item = models.ForeignKey(
        ActionItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("action item"),
    )
    session = models.ForeignKey(
        CommitteeSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("committee session"),
    )
    minutes = models.ForeignKey(
        Minutes,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("minutes"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # The file's text layer (a PDF's, a Word document's, a text's): what the search index reads.
    text = models.TextField(_("text"), blank=True, default="", editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=_one_record(),
                name="attachment_has_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.file_name

    @property
    def record(self) -> models.Model | None:
        """The record the file belongs to."""
        for parent in PARENTS:
            if getattr(self, f"{parent.field}_id") is not None:
                return getattr(self, parent.field)
        return None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(self.kind, "application/octet-stream")

    def get_absolute_url(self) -> str:
        """Its place on its record's page (search results and deletion pages link there), made
        from the record's key without loading the record."""
        for parent in PARENTS:
            key = getattr(self, f"{parent.field}_id")
            if key is not None:
                meta = parent.model._meta
                return f"{record_url(f'{meta.app_label}:{meta.model_name}_detail', key)}#attachment-{self.pk}"
        return ""

    def visible_to_user(self, user) -> bool:
        record = self.record
        return can_view(user, self) and record is not None and can_view(user, record)
