"""What the attachments give the pages of the records that carry them (catalog.provide): the
files of the record within the reader's clearance (one query) and, for those who may change it,
the upload form. The record's own page context (given by its app, or by another app before this
one) is kept: this adds to it."""

from __future__ import annotations

from django.urls import reverse

from taawun.access.policy import can_edit
from taawun.attachments import selectors
from taawun.attachments.forms import AttachmentForm
from taawun.attachments.models import PARENTS, parent_of_model
from taawun.records import catalog


def attachments_context(record, user) -> dict:
    parent = parent_of_model(type(record))
    editable = can_edit(user, record)
    return {
        "attachments_section": {
            "files": selectors.attachments_of(record, user),
            "form": AttachmentForm(user=user, record=record, auto_id="id_attachment-%s")
            if editable
            else None,
            "add_url": reverse("attachments:add", args=[parent.key, record.pk]),
            "editable": editable,
        }
    }


def _with_attachments(earlier):
    def detail_context(record, user) -> dict:
        return {**(earlier(record, user) if earlier else {}), **attachments_context(record, user)}

    return detail_context


for _parent in PARENTS:
    catalog.provide(
        _parent.model, detail_context=_with_attachments(catalog.get(_parent.model).detail_context)
    )
