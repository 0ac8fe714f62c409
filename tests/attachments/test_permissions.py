"""Every address of the attachments, for every persona: who may read, who may change, and what a
reader without the clearance gets (a 404 as for a missing file). Anonymous visitors go to the
login page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from taawun.attachments import services
from taawun.attachments.models import Attachment
from tests.personas import PERSONAS, logged_in, make_user

pytestmark = pytest.mark.django_db

LETTER = "رسالة".encode()

# persona -> (add page, upload, download, delete page, delete) for an internal file of an internal record
EXPECTED = {
    "administrator": (200, 302, 200, 200, 302),
    "officer": (200, 302, 200, 200, 302),
    "viewer": (403, 403, 200, 403, 403),
    "auditor": (403, 403, 200, 403, 403),
    "low_clearance": (404, 404, 404, 404, 404),  # cleared for public records only
    "anonymous": (302, 302, 302, 302, 302),
}


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
@pytest.mark.parametrize("kind", ["engagement", "understanding", "action_item", "session", "minutes"])
def test_the_permission_matrix(make, django_user_model, persona, kind):
    if kind == "session":  # of a committee, classified at least as it
        record = make.session(make.committee(classification="internal"), classification="internal")
    elif kind == "minutes":  # of a session, classified at least as it
        session = make.session(make.committee(classification="internal"), classification="internal")
        record = make.minutes(session, classification="internal")
    else:
        record = getattr(make, kind)(classification="internal")
    author = django_user_model.objects.create_user(username="author", role="officer", clearance="secret")
    attachment = services.attachment_add(record=record, data=LETTER, file_name="a.txt", actor=author)
    client = Client() if persona == "anonymous" else logged_in(make_user(django_user_model, persona))
    add = reverse("attachments:add", args=[record._meta.model_name, record.pk])
    delete = reverse("attachments:delete", args=[attachment.pk])
    statuses = (
        client.get(add).status_code,
        client.post(
            add, {"file": SimpleUploadedFile("b.txt", b"another file"), "classification": "internal"}
        ).status_code,
        client.get(reverse("attachments:download", args=[attachment.pk])).status_code,
        client.get(delete).status_code,
        client.post(delete).status_code,
    )
    assert statuses == EXPECTED[persona]
    deleted = EXPECTED[persona][4] == 302 and persona != "anonymous"
    assert Attachment.objects.filter(pk=attachment.pk).exists() is not deleted
