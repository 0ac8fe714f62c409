"""The attachments on the record pages: listed within clearance, uploaded, downloaded with their
checksum checked and their Arabic names intact, deleted by those who may change the record; every
refusal answered as the record pages answer it, and audited."""

from __future__ import annotations

import hashlib
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taawun.attachments import services, storage
from taawun.attachments.models import Attachment
from taawun.audit.models import AuditEntry
from tests.attachments import files

pytestmark = pytest.mark.django_db

LETTER = "رسالة الشريك بشأن الزيارة".encode()
NAME = "رسالة الشريك.txt"


def attach(record, actor, data=LETTER, file_name=NAME, **fields):
    return services.attachment_add(record=record, data=data, file_name=file_name, actor=actor, **fields)


def add_url(record) -> str:
    key = record._meta.model_name
    return reverse("attachments:add", args=[key, record.pk])


def upload(client, record, data=LETTER, name=NAME, **fields):
    fields.setdefault("classification", record.classification)
    fields.setdefault("title", "")
    return client.post(add_url(record), {"file": SimpleUploadedFile(name, data), **fields})


# What each record's page is given by its own app besides the attachments, which must be kept.
OWN_CONTEXT = {
    "engagement": "action_items",
    "understanding": "transition_form",
    "action_item": "form",
    "session": "agenda",
}


@pytest.mark.parametrize("kind", list(OWN_CONTEXT))
def test_each_record_page_lists_its_files_and_offers_the_upload_form(make, officer, officer_client, kind):
    record = make.session(make.committee()) if kind == "session" else getattr(make, kind)()
    attachment = attach(record, officer, title="رسالة الشريك")
    response = officer_client.get(record.get_absolute_url())
    assert OWN_CONTEXT[kind] in response.context and "attachments_section" in response.context
    page = response.content.decode()
    assert 'id="attachments"' in page and "رسالة الشريك" in page
    assert reverse("attachments:download", args=[attachment.pk]) in page
    assert f'action="{add_url(record)}"' in page and 'enctype="multipart/form-data"' in page
    assert 'class="hijri"' in page  # when it was added, with its Hijri date


def test_a_viewer_sees_the_files_without_the_form_or_the_delete_link(make, officer, viewer_client):
    engagement = make.engagement()
    attachment = attach(engagement, officer)
    page = viewer_client.get(engagement.get_absolute_url()).content.decode()
    assert reverse("attachments:download", args=[attachment.pk]) in page
    assert add_url(engagement) not in page
    assert reverse("attachments:delete", args=[attachment.pk]) not in page


def test_the_form_says_the_size_limit_and_offers_the_records_classification_first(
    make, officer_client, settings
):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    engagement = make.engagement(classification="restricted")
    response = officer_client.get("/en" + add_url(engagement))
    page = response.content.decode()
    assert "at most 5.0 MB" in page
    assert response.context["form"]["classification"].initial == "restricted"


def test_an_upload_is_stored_and_listed(make, officer_client):
    engagement = make.engagement()
    response = upload(officer_client, engagement, title="رسالة")
    assert response.status_code == 302 and response["Location"].endswith("#attachments")
    attachment = Attachment.objects.get()
    assert attachment.file_name == NAME and attachment.sha256 == hashlib.sha256(LETTER).hexdigest()
    assert storage.read(attachment.sha256) == LETTER


def test_a_lower_classification_is_refused_with_a_message_and_nothing_written(
    make, officer_client, media_root
):
    engagement = make.engagement(classification="confidential")
    response = officer_client.post(
        "/en" + add_url(engagement), {"file": SimpleUploadedFile(NAME, LETTER), "classification": "internal"}
    )
    assert response.status_code == 400
    assert "A file is classified at least as its record" in response.content.decode()
    assert not Attachment.objects.exists() and not (media_root / "attachments").exists()


def test_a_file_of_another_kind_is_refused_with_a_message(make, officer_client):
    engagement = make.engagement()
    response = officer_client.post(
        "/en" + add_url(engagement),
        {"file": SimpleUploadedFile("talk.pptx", b"MZ" + bytes(range(256))), "classification": "internal"},
    )
    assert response.status_code == 400 and "not a kind of file Taawun keeps" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(make, officer_client, settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 1024
    response = officer_client.post(
        "/en" + add_url(make.engagement()),
        {"file": SimpleUploadedFile("big.txt", b"a" * 2048), "classification": "internal"},
    )
    assert response.status_code == 400 and "larger than the limit" in response.content.decode()


def test_a_viewer_may_not_upload_and_a_hidden_record_is_not_found(make, viewer_client, officer_client):
    assert upload(viewer_client, make.engagement()).status_code == 403
    hidden = make.engagement(classification="secret")
    assert upload(viewer_client, hidden, classification="secret").status_code == 404
    assert officer_client.post("/attachments/party/1/add/").status_code == 404


def test_a_download_keeps_the_arabic_name_and_the_bytes(make, officer, viewer_client):
    attachment = attach(make.engagement(), officer, data=files.pdf_bytes(), file_name="مذكرة التفاهم.pdf")
    response = viewer_client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200 and response.content == files.pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{urllib.parse.quote('مذكرة التفاهم.pdf')}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_above_the_readers_clearance_is_not_listed_and_not_found(make, officer, viewer, viewer_client):
    engagement = make.engagement()
    secret = attach(engagement, officer, classification="secret", title="سري للغاية")
    page = viewer_client.get(engagement.get_absolute_url()).content.decode()
    assert "سري للغاية" not in page and reverse("attachments:download", args=[secret.pk]) not in page
    assert viewer_client.get(reverse("attachments:download", args=[secret.pk])).status_code == 404
    assert viewer_client.get(reverse("attachments:delete", args=[secret.pk])).status_code == 404
    denied = AuditEntry.objects.filter(action="access_denied", model_label="attachments.Attachment")
    assert denied.filter(object_pk=str(secret.pk), note="hidden", user_id=viewer.pk).count() == 2
    assert viewer_client.get(reverse("attachments:download", args=[999999])).status_code == 404


def test_a_file_of_a_hidden_record_is_not_found(make, officer, viewer_client):
    engagement = make.engagement()
    attachment = attach(engagement, officer)
    engagement.classification = "secret"
    engagement.save()
    assert viewer_client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404


def test_downloads_of_sensitive_files_are_audited(make, officer, officer_client):
    engagement = make.engagement()
    plain = attach(engagement, officer)
    sensitive = attach(engagement, officer, data=b"restricted minutes", classification="restricted")
    officer_client.get(reverse("attachments:download", args=[plain.pk]))
    officer_client.get(reverse("attachments:download", args=[sensitive.pk]))
    views = AuditEntry.objects.filter(action="view", model_label="attachments.attachment")
    assert list(views.values_list("object_pk", "note")) == [(str(sensitive.pk), "download")]


def test_a_damaged_file_is_never_served(make, officer, officer_client):
    attachment = attach(make.engagement(), officer)
    storage.path_of(attachment.sha256).write_bytes(b"tampered with")
    response = officer_client.get("/en" + reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 500 and b"tampered" not in response.content
    assert "no longer matches its checksum" in response.content.decode()
    storage.path_of(attachment.sha256).unlink()
    assert officer_client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 500


def test_an_officer_deletes_a_file_a_viewer_may_not(
    make, officer, viewer_client, officer_client, django_capture_on_commit_callbacks
):
    engagement = make.engagement()
    attachment = attach(engagement, officer)
    address = reverse("attachments:delete", args=[attachment.pk])
    assert viewer_client.post(address).status_code == 403
    assert AuditEntry.objects.filter(action="access_denied", note="read-only").exists()
    assert officer_client.get(address).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(address)
    assert response.status_code == 302 and not Attachment.objects.exists()
    assert not storage.path_of(attachment.sha256).exists()


def test_the_section_costs_the_same_queries_however_many_files(make, officer, officer_client):
    engagement = make.engagement()
    attach(engagement, officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(engagement.get_absolute_url()).status_code == 200
        return len(captured)

    count()  # the first request fills the caches
    one = count()
    for number in range(5):
        attach(engagement, officer, data=f"ملف {number}".encode())
    assert count() == one
