"""Attachments' files live under MEDIA_ROOT, so `taawun backup` archives them with the database and
`taawun restore` brings both back: a backup, a wipe and a restore return each file with its
checksum intact, and a download serves it again."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.attachments import services, storage
from taawun.attachments.models import Attachment
from taawun.registry.models import Party
from tests.attachments import files
from tests.ops.archives import backup_to, run
from tests.personas import logged_in, make_user

# backup and restore refuse to run inside a transaction, as a real command never does. Kept among
# the operations' tests: a transactional test without serialized_rollback re-creates content types
# on its flush, which breaks the serialized tests of tests/audit and tests/core if it runs first.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parties(transactional_db) -> None:
    """The reference parties (a flushed database has lost the rows migration registry/0002 loads)."""
    for code, name_ar, name_en in [("SA", "السعودية", "Saudi Arabia"), ("SY", "سوريا", "Syria")]:
        Party.objects.get_or_create(
            code=code, defaults={"kind": "country", "name_ar": name_ar, "name_en": name_en}
        )


def test_a_backup_wipe_and_restore_brings_the_files_back_with_their_checksums(
    parties, make, media_root, tmp_path, django_user_model
):
    officer = make_user(django_user_model, "officer")
    scan = services.attachment_add(
        record=make.understanding(),
        data=files.pdf_bytes("Signed memorandum"),
        file_name="مذكرة موقعة.pdf",
        actor=officer,
    )
    letter = services.attachment_add(
        record=make.engagement(), data="رسالة الشريك".encode(), file_name="رسالة.txt", actor=officer
    )
    backups = tmp_path / "backups"
    backups.mkdir()
    with translation.override("en"):
        archive = backup_to(backups)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    for attachment in (scan, letter):
        assert f"media/attachments/{attachment.sha256[:2]}/{attachment.sha256}" in names

    # The wipe: the rows and the files gone.
    Attachment.objects.all().delete()
    shutil.rmtree(media_root / "attachments")

    with translation.override("en"):
        run("restore", str(archive), "--yes")

    restored = {a.pk: a for a in Attachment.objects.all()}
    assert set(restored) == {scan.pk, letter.pk}
    for attachment in (scan, letter):
        assert restored[attachment.pk].sha256 == attachment.sha256
        assert storage.read(attachment.sha256)  # read back and checked against its SHA-256
    assert Path(storage.path_of(scan.sha256)).read_bytes() == files.pdf_bytes("Signed memorandum")
    officer = django_user_model.objects.get(username="officer")
    response = logged_in(officer).get(reverse("attachments:download", args=[letter.pk]))
    assert response.status_code == 200 and response.content == "رسالة الشريك".encode()
