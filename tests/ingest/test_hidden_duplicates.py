"""A document already held above the uploader's clearance: the upload must not reveal it.

The uploader is answered exactly as for a document never seen (a draft of their own, on a copy of
the source at the classification they chose); "already stored" is said only of a copy they may see.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taawun.ingest import services
from taawun.ingest.models import Draft, ImportBatch
from taawun.registry.forms import SourceForm
from taawun.registry.models import Engagement, Source
from tests.ingest.samples import VISIT, WORKSHOP

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "تقرير الملحق الأمني"
HIDDEN_URL = "https://liaison.example/report-17"


@pytest.fixture
def held_secret(officer):
    """VISIT as the office holds it: secret, with a title and an address of its own."""
    return services.ingest_text(
        text=VISIT, title=HIDDEN_TITLE, url=HIDDEN_URL, home="SA", classification="secret", actor=officer
    )


def test_a_text_held_above_the_clearance_is_ingested_as_new_on_a_copy(held_secret, low_clearance):
    outcome = services.ingest_text(
        text=VISIT, title="خبر", home="SA", classification="public", actor=low_clearance
    )
    assert outcome.status == "new" and outcome.draft.created_by == low_clearance
    copy = outcome.source
    assert copy != held_secret.source and copy.content_hash == held_secret.source.content_hash
    assert (copy.classification, copy.title, copy.url) == ("public", "خبر", "")
    assert outcome.draft.extracted == held_secret.draft.extracted


def test_the_copy_is_recognised_the_next_time(held_secret, low_clearance):
    first = services.ingest_text(text=VISIT, classification="public", actor=low_clearance)
    again = services.ingest_text(text=VISIT + "\n", classification="public", actor=low_clearance)
    assert again.status == "known" and again.source == first.source and again.draft == first.draft
    assert Source.objects.count() == 2


def test_a_reader_who_may_see_a_copy_is_told_it_is_stored(held_secret, officer, low_clearance):
    services.ingest_text(text=VISIT, classification="public", actor=low_clearance)
    again = services.ingest_text(text=VISIT, classification="internal", actor=officer)
    assert again.status == "known" and again.source == held_secret.source
    assert Source.objects.count() == 2


def test_unattended_imports_see_every_copy(held_secret):
    assert services.ingest_text(text=VISIT, classification="public").status == "known"


def test_the_upload_page_answers_as_for_a_new_document(held_secret, client_of):
    client = client_of("low_clearance")
    payload = {
        "files": SimpleUploadedFile("visit.txt", VISIT.encode()),
        "classification": "public",
        "home": "SA",
    }
    response = client.post("/en/ingest/new/", payload)
    draft = Draft.objects.exclude(pk=held_secret.draft.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ingest/drafts/{draft.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "The document was read" in page and "already stored" not in page
    assert HIDDEN_TITLE not in page and HIDDEN_URL not in page
    assert f"/registry/source/{held_secret.source.pk}/" not in page


def test_the_copy_is_accepted_with_a_source_the_uploader_sees(held_secret, low_clearance):
    draft = services.ingest_text(text=VISIT, home="SA", classification="public", actor=low_clearance).draft
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, low_clearance), actor=low_clearance
    )
    assert list(engagement.sources.all()) == [draft.source] and draft.source.classification == "public"
    assert not Engagement.objects.filter(sources=held_secret.source).exists()  # the secret one untouched


def test_a_background_import_counts_the_hidden_document_as_new(held_secret, client_of):
    files = [SimpleUploadedFile("a.txt", VISIT.encode()), SimpleUploadedFile("b.txt", WORKSHOP.encode())]
    client_of("low_clearance").post(
        "/en/ingest/new/", {"files": files, "classification": "public", "home": "SA"}
    )
    batch = ImportBatch.objects.get()
    assert (batch.new, batch.known, batch.failed) == (2, 0, 0)


def test_the_source_form_treats_only_a_copy_at_the_same_level_as_a_duplicate(held_secret, low_clearance):
    copy = services.ingest_text(text=VISIT, classification="public", actor=low_clearance).source
    edit = SourceForm(data={"title": "عنوان", "text": VISIT, "classification": "public"}, instance=copy)
    assert edit.is_valid(), edit.errors  # the secret copy does not make it a duplicate
    same_level = SourceForm(data={"title": "x", "text": VISIT, "classification": "secret"})
    assert not same_level.is_valid() and HIDDEN_TITLE in str(same_level.errors)
