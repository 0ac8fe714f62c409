"""`taawun ingest PATH...`: batch import into the review queue, idempotent, with a summary."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from taawun.audit.models import AuditEntry
from taawun.ingest.models import Draft
from taawun.registry.models import Engagement, Source
from tests.ingest.documents import docx_bytes
from tests.ingest.samples import VISIT, VISIT_AGAIN, WORKSHOP

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *[str(arg) for arg in args], "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "visit.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "workshop.docx").write_bytes(docx_bytes([WORKSHOP]))
    (tmp_path / "nested" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    return tmp_path


def test_a_folder_is_imported_into_the_review_queue_with_a_summary(folder):
    summary = run(folder)
    assert Draft.objects.filter(status="pending").count() == 2 and not Engagement.objects.exists()
    assert "new drafts: 2" in summary and "already known: 0" in summary and "failed: 1" in summary
    assert "photo.jpg" in summary


def test_importing_twice_changes_nothing_the_second_time(folder):
    run(folder)
    before = (Source.objects.count(), Draft.objects.count(), AuditEntry.objects.count())
    summary = run(folder)
    assert (Source.objects.count(), Draft.objects.count(), AuditEntry.objects.count()) == before
    assert "new drafts: 0" in summary and "already known: 2" in summary


def test_globs_and_files_are_expanded_each_once(folder):
    summary = run(folder / "*.txt", folder / "visit.txt")
    assert "new drafts: 1" in summary and Draft.objects.count() == 1


def test_accept_files_records_and_merges_the_same_event(tmp_path):
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(VISIT_AGAIN, encoding="utf-8")
    summary = run(tmp_path, "--accept", "--home", "SA")
    engagement = Engagement.objects.get()
    assert engagement.sources.count() == 2
    assert "accepted: 1" in summary and "merged into existing engagements: 1" in summary
    assert set(Draft.objects.values_list("status", flat=True)) == {"accepted", "merged"}
    assert run(tmp_path, "--accept").count("already known: 2") == 1
    assert Engagement.objects.count() == 1


# No dateline, agency or address: nothing in the article says whose ministry it is.
UNPLACED = "بحث وزير الداخلية مع سفير إيطاليا سبل تعزيز التعاون الأمني في مكافحة المخدرات."


def test_home_comes_from_the_setting_unless_given(tmp_path, settings):
    settings.TAAWUN_HOME_PARTY = "QA"
    (tmp_path / "a.txt").write_text(UNPLACED, encoding="utf-8")
    run(tmp_path)
    assert Draft.objects.values_list("home", "home_source").get() == ("QA", "installation")
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.txt").write_text(UNPLACED + " وأكد الجانبان أهمية التنسيق.", encoding="utf-8")
    run(tmp_path, "--home", "om")
    assert Draft.objects.values_list("home", "home_source").latest("pk") == ("OM", "chosen")


def test_the_dateline_outweighs_the_home_given(tmp_path):
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")  # "الرياض - ..."
    run(tmp_path, "--home", "QA")
    draft = Draft.objects.get()
    assert (draft.home, draft.home_source, draft.home_detail) == ("SA", "dateline", "الرياض")


def test_an_english_file_fails_alone_with_the_reason(tmp_path):
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The minister of interior received his counterpart today.", encoding="utf-8"
    )
    summary = run(tmp_path)
    assert "new drafts: 1" in summary and "failed: 1" in summary
    assert "b.txt: Taawun reads Arabic press releases" in summary


def test_nothing_found_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "missing-*.txt")
