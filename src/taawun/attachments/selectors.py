"""What the attachment pages read: bounded in queries, within the reader's clearance."""

from __future__ import annotations

from django.db import models

from taawun.access.policy import visible_levels
from taawun.attachments.models import Attachment


def attachments_of(record: models.Model, user) -> list[Attachment]:
    """The files of a record the user sees (one query; their text is not loaded). The record
    itself has been checked by its page."""
    return list(
        Attachment.objects.of(record)
        .filter(classification__in=visible_levels(user))
        .select_related("added_by")
        .defer("text")
        .order_by("-added_at", "-pk")
    )


def visible_attachment(user, pk) -> Attachment | None:
    """An attachment the user may see, its record too; None otherwise."""
    return Attachment.objects.visible_to(user).defer("text").filter(pk=pk).first()
