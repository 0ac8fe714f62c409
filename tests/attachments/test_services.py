"""Attaching and removing files: the row, the stored file named by its checksum and the audit entry
go together or not at all; the classification is at least the record's; a record keeps its files."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from taawun.attachments import services, storage
from taawun.attachments.models import Attachment
from taawun.audit.models import AuditEntry
from taawun.records.services import RecordInUse, record_delete
from tests.attachments import files
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

LETTER = "رسالة الشريك بشأن الزيارة".encode()


def add(record, actor, data=LETTER, **fields):
    fields.setdefault("file_name", "رسالة.txt")
    return services.attachment_add(record=record, data=data, actor=actor, **fields)


def stored_files(media_root) -> list:
    return sorted(p.name for p in (media_root / "attachments").rglob("*") if p.is_file())


def test_a_file_is_stored_under_its_checksum_with_its_row_and_an_audit_entry(make, officer, media_root):
    engagement = make.engagement()
    attachment = add(engagement, officer, title="رسالة الشريك")
    digest = hashlib.sha256(LETTER).hexdigest()
    assert attachment.sha256 == digest and attachment.size == len(LETTER) and attachment.kind == "text"
    assert attachment.record == engagement and attachment.classification == engagement.classification
    assert attachment.added_by == officer
    assert storage.path_of(digest).read_bytes() == LETTER
    assert stored_files(media_root) == [digest]
    entry = AuditEntry.objects.get(model_label="attachments.attachment", action="create")
    assert entry.note == f"attached to registry.engagement {engagement.pk}"
    assert entry.changes["engagement"]["new"] == engagement.pk
    assert entry.changes["sha256"]["new"] == digest and "text" not in entry.changes


@pytest.mark.parametrize("kind", ["understanding", "action_item"])
def test_understandings_and_action_items_carry_files(make, officer, kind):
    record = getattr(make, kind)()
    attachment = add(record, officer, data=files.pdf_bytes(), file_name="scan.pdf")
    assert Attachment.objects.of(record).get() == attachment and attachment.kind == "pdf"


def test_a_classification_below_the_records_is_refused_in_the_users_language(make, officer):
    engagement = make.engagement(classification="confidential")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        add(engagement, officer, classification="internal")
    assert "at least as its record, which is Confidential" in caught.value.message_dict["classification"][0]
    assert not Attachment.objects.exists()
    assert add(engagement, officer, classification="secret").classification == "secret"


def test_a_classification_above_the_authors_clearance_is_refused(make, low_clearance):
    engagement = make.engagement(classification="public")
    with pytest.raises(ValidationError):
        add(engagement, low_clearance, classification="internal")


def test_a_reader_who_may_not_change_the_record_cannot_attach(make, viewer):
    with pytest.raises(PermissionDenied):
        add(make.engagement(), viewer)


def test_a_refused_file_writes_nothing(make, officer, media_root):
    with pytest.raises(ValidationError):
        add(make.engagement(), officer, data=files.docx_bomb(10 * 1024 * 1024), file_name="bomb.docx")
    assert not Attachment.objects.exists() and stored_files(media_root) == []
    assert not AuditEntry.objects.filter(model_label="attachments.attachment").exists()


def test_a_failure_while_storing_leaves_neither_row_nor_file(make, officer, media_root, monkeypatch):
    def full_disk(data, sha256):
        storage.path_of(sha256).parent.mkdir(parents=True, exist_ok=True)
        storage.path_of(sha256).write_bytes(data[:3])  # half written, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "put", full_disk)
    with pytest.raises(OSError):
        add(make.engagement(), officer)
    assert not Attachment.objects.exists() and stored_files(media_root) == []
    assert not AuditEntry.objects.filter(model_label="attachments.attachment").exists()


def test_deleting_removes_the_row_then_the_file_and_is_audited(
    make, officer, media_root, django_capture_on_commit_callbacks
):
    engagement = make.engagement()
    attachment = add(engagement, officer)
    pk = attachment.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=attachment, actor=officer)
    assert not Attachment.objects.exists() and stored_files(media_root) == []
    entry = AuditEntry.objects.get(model_label="attachments.attachment", action="delete")
    assert entry.object_pk == str(pk) and entry.note == f"removed from registry.engagement {engagement.pk}"


def test_a_file_attached_twice_is_stored_once_and_kept_while_one_attachment_uses_it(
    make, officer, media_root, django_capture_on_commit_callbacks
):
    first = add(make.engagement(), officer)
    second = add(make.understanding(), officer)
    assert stored_files(media_root) == [first.sha256]
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=first, actor=officer)
    assert storage.read(second.sha256) == LETTER


def test_a_damaged_stored_copy_is_repaired_by_attaching_the_file_again(make, officer):
    first = add(make.engagement(), officer)
    storage.path_of(first.sha256).write_bytes(b"bit rot")
    with pytest.raises(storage.Damaged):
        storage.read(first.sha256)
    add(make.engagement(), officer)
    assert storage.read(first.sha256) == LETTER


def test_a_record_with_files_is_not_deleted(make, officer):
    engagement = make.engagement()
    attachment = add(engagement, officer)
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=engagement, actor=officer)
    assert refused.value.blockers == [attachment]


def test_a_hidden_file_is_counted_not_named_when_its_record_is_deleted(make, officer, viewer):
    engagement = make.engagement()
    add(engagement, officer, classification="secret")
    viewer.role = "officer"
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=engagement, actor=viewer)
    assert refused.value.blockers == [] and refused.value.hidden == 1


def test_visible_to_needs_both_the_files_and_the_records_clearance(make, officer, viewer):
    engagement = make.engagement()
    attachment = add(engagement, officer)
    assert list(Attachment.objects.visible_to(viewer)) == [attachment]
    engagement.classification = "secret"
    engagement.save()
    assert list(Attachment.objects.visible_to(viewer)) == []


def test_the_audit_trail_page_lists_the_attachments_entries(make, officer, auditor):
    engagement = make.engagement()
    attachment = add(engagement, officer, title="رسالة الشريك")
    services.attachment_delete(attachment=attachment, actor=officer)
    page = logged_in(auditor).get(reverse("audit:entry_list")).content.decode()
    assert page.count("رسالة الشريك") >= 2
    assert f"registry.engagement {engagement.pk}" in page
