"""Attaching a file to a record and taking it away: checked, all or nothing, audited.

`attachment_add` checks the content first (content.py: size, type by content, decompression),
then in one transaction creates the row, writes its audit entry (naming the record) and, last,
stores the file (storage.py): a refusal or a failure leaves neither a row without its file nor,
unless a transaction around the call is rolled back later, a file without its row (an unused file
is removed at once when the transaction fails here). `attachment_delete` removes the row and its
entry in one transaction, and the file once that has committed if no other attachment shares it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from taawun.access.policy import Classification, can_edit, clearance_within, level
from taawun.attachments import content, storage
from taawun.attachments.models import Attachment, parent_of_model
from taawun.audit.models import Action
from taawun.audit.services import append, diff, jsonable

# What an audit entry of an attachment records (never its text, which the file holds).
AUDITED = ("title", "file_name", "kind", "size", "sha256", "classification")


def _values(attachment: Attachment) -> dict:
    values = {name: jsonable(getattr(attachment, name)) for name in AUDITED}
    parent = parent_of_model(type(attachment.record))
    values[parent.field] = jsonable(attachment.record.pk)
    return values


def _about(record: models.Model) -> str:
    return f"{record._meta.label_lower} {record.pk}"


def check_classification(record: models.Model, classification: str, actor) -> None:
    """An attachment is classified at least as its record, and no higher than its author may read."""
    if classification not in Classification.values:
        raise ValidationError({"classification": [_("Choose a classification.")]})
    if level(classification) < level(record.classification):
        raise ValidationError(
            {
                "classification": [
                    _(
                        "A file is classified at least as its record, which is %(level)s: choose "
                        "%(level)s or higher."
                    )
                    % {"level": Classification(record.classification).label}
                ]
            }
        )
    if not clearance_within(actor, classification):
        raise ValidationError({"classification": [_("You cannot classify a file above your own clearance.")]})


def attachment_add(
    *,
    record: models.Model,
    data: bytes,
    file_name: str,
    title: str = "",
    classification: str | None = None,
    actor,
    request=None,
) -> Attachment:
    """Attach a file to a record the actor may edit. Raises PermissionDenied, or ValidationError
    ({"file": ...} or {"classification": ...}) in the actor's language."""
    parent = parent_of_model(type(record))
    if parent is None:
        raise ValueError(f"{record._meta.label} records do not carry attachments")
    if not can_edit(actor, record):
        raise PermissionDenied
    classification = classification or record.classification
    check_classification(record, classification, actor)
    file_name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255] or "file"
    checked = content.check(data, file_name)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                **{parent.field: record},
                title=(title or "").strip()[:300],
                file_name=file_name,
                kind=checked.kind,
                size=checked.size,
                sha256=checked.sha256,
                text=checked.text,
                classification=classification,
                added_by=actor,
            )
            append(
                action=Action.CREATE,
                actor=actor,
                request=request,
                record=attachment,
                changes=diff(None, _values(attachment)),
                note=f"attached to {_about(record)}",
            )
            storage.put(checked.data, checked.sha256)
    except BaseException:
        if not Attachment.objects.filter(sha256=checked.sha256).exists():
            storage.remove(checked.sha256)
        raise
    return attachment


def attachment_delete(*, attachment: Attachment, actor, request=None) -> None:
    """Remove an attachment the actor may edit (and its record too); its file goes once no
    attachment shares it."""
    record = attachment.record
    if not can_edit(actor, attachment) or record is None or not can_edit(actor, record):
        raise PermissionDenied
    sha256 = attachment.sha256
    with transaction.atomic():
        values, pk, text = _values(attachment), attachment.pk, str(attachment)
        attachment.delete()
        append(
            action=Action.DELETE,
            actor=actor,
            request=request,
            model_label=Attachment._meta.label_lower,
            object_pk=str(pk),
            object_repr=text,
            changes=diff(values, None),
            note=f"removed from {_about(record)}",
            classification=values["classification"],
        )

        def remove_unused() -> None:
            if not Attachment.objects.filter(sha256=sha256).exists():
                storage.remove(sha256)

        transaction.on_commit(remove_unused)
