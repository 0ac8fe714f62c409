"""The attachments in the REST API: `GET /api/<record type>/<id>/attachments` lists a record's files
(their metadata, never their bytes) with the API's token, policy and audit: the record as its own
detail operation answers it (404 when hidden, the view of a sensitive one audited), the files within
the reader's clearance, the restricted-or-higher among them audited as one view.

The API (taawun.api, a lower layer) does not know the attachments: this module adds the operations
to its router when the apps are ready (apps.py), before the URLconf reads them.

No `from __future__ import annotations` here: ninja reads the handlers' annotations at run time.
"""

import datetime as dt
from typing import Annotated

from django.urls import reverse
from django.utils import translation
from ninja import Schema
from ninja.params.functions import Path
from pydantic import Field

from taawun.api.endpoints import RESOURCES, api
from taawun.api.errors import Error
from taawun.api.resources import INT64_MAX
from taawun.attachments import selectors
from taawun.attachments.models import PARENTS, Attachment, Parent
from taawun.audit.services import audit_view_many
from taawun.records import catalog


class AttachmentOut(Schema):
    id: int
    title: str = Field(..., description="The title given when it was attached (may be empty)")
    file_name: str
    kind: str = Field(..., description="What the content is: pdf, docx, xlsx, pptx, odt, png, jpeg or text")
    media_type: str
    size: int = Field(..., description="In bytes")
    sha256: str = Field(..., description="The checksum every download is checked against")
    classification: str
    added_by: str | None = Field(None, description="The username of who attached it")
    added_at: dt.datetime
    download: str = Field(..., description="The file's address on the site (a signed-in session)")


class AttachmentPage(Schema):
    count: int
    items: list[AttachmentOut]


def serialize(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "title": attachment.title,
        "file_name": attachment.file_name,
        "kind": attachment.kind,
        "media_type": attachment.media_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "classification": attachment.classification,
        "added_by": attachment.added_by.username if attachment.added_by else None,
        "added_at": attachment.added_at,
        "download": reverse("attachments:download", args=[attachment.pk]),
    }


def _register(parent: Parent, path: str) -> None:
    crud = catalog.get(parent.model)
    Key = Annotated[int, Path(..., ge=1, le=INT64_MAX, description="The record's id")]

    def list_attachments(request, pk: Key):
        user = request.auth
        record = crud.get_for_user(request, pk)
        files = selectors.attachments_of(record, user)
        audit_view_many(records=files, actor=user, request=request, note="API attachments")
        return {"count": len(files), "items": [serialize(attachment) for attachment in files]}

    api.get(
        f"/{path}/{{int:pk}}/attachments",
        response={200: AttachmentPage, frozenset({401, 404, 422}): Error},
        operation_id=f"{parent.key}_attachments",
        url_name=f"{parent.key}_attachments",
        summary=f"List the files attached to one of the {parent.model._meta.verbose_name_plural}",
        description="The files of the record within your clearance, newest first: their metadata.",
        tags=[path],
    )(list_attachments)


def register() -> None:
    paths = {resource.model: resource.path for resource in RESOURCES}
    with translation.override("en"):  # the schema is written in English, as the API's own
        for parent in PARENTS:
            if parent.model in paths:
                _register(parent, paths[parent.model])
