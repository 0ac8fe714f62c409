"""`GET /api/<record type>/<id>/attachments`: a record's files as metadata, with an API token, within
the reader's clearance, a hidden record a 404 (audited), sensitive files' listing audited."""

from __future__ import annotations

import pytest

from taawun.attachments import services
from taawun.audit.models import AuditEntry
from tests.api.client import ApiClient, token_for
from tests.attachments import files

pytestmark = pytest.mark.django_db

PATHS = {
    "engagement": "engagements",
    "understanding": "understandings",
    "action_item": "action-items",
    "session": "committee-sessions",
}


def a_record(make, kind: str):
    """A record of the kind (a session needs its committee)."""
    return make.session(make.committee()) if kind == "session" else getattr(make, kind)()


@pytest.mark.parametrize("kind", PATHS)
def test_a_records_files_are_listed_with_their_metadata(make, officer, viewer, kind):
    record = a_record(make, kind)
    scan = services.attachment_add(
        record=record, data=files.pdf_bytes(), file_name="مذكرة.pdf", title="النسخة الموقعة", actor=officer
    )
    services.attachment_add(
        record=record, data=b"secret annex", file_name="annex.txt", classification="secret", actor=officer
    )
    answer = ApiClient(token_for(viewer)).get(f"/api/{PATHS[kind]}/{record.pk}/attachments")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1  # the secret annex is above the viewer's clearance
    (item,) = body["items"]
    assert item["id"] == scan.pk and item["file_name"] == "مذكرة.pdf" and item["title"] == "النسخة الموقعة"
    assert item["kind"] == "pdf" and item["media_type"] == "application/pdf" and item["sha256"] == scan.sha256
    assert item["size"] == len(files.pdf_bytes()) and item["added_by"] == "officer"
    assert item["download"].endswith(f"/attachments/{scan.pk}/download/")


def test_a_hidden_record_is_not_found_and_the_refusal_audited(make, viewer):
    hidden = make.engagement(classification="secret")
    answer = ApiClient(token_for(viewer)).get(f"/api/engagements/{hidden.pk}/attachments")
    assert answer.status_code == 404
    assert AuditEntry.objects.filter(action="access_denied", object_pk=str(hidden.pk)).exists()
    assert ApiClient().get(f"/api/engagements/{hidden.pk}/attachments").status_code == 401


def test_listing_sensitive_files_is_audited(make, officer):
    engagement = make.engagement()
    services.attachment_add(
        record=engagement, data=b"minutes", file_name="m.txt", classification="restricted", actor=officer
    )
    assert (
        ApiClient(token_for(officer)).get(f"/api/engagements/{engagement.pk}/attachments").status_code == 200
    )
    entry = AuditEntry.objects.get(action="view", note="API attachments")
    assert entry.changes["records"] == {"attachments.attachment": [engagement.attachments.get().pk]}
