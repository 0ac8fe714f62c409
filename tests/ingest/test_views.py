"""The ingestion pages: upload and paste, the review screen and its decisions, import batches."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taawun.agreements.models import ActionItem
from taawun.ingest import services
from taawun.ingest.highlight import mark_id
from taawun.ingest.models import Draft, ImportBatch
from taawun.registry.models import Agency, Engagement, Person, Source
from tests.ingest.browser import selected_option
from tests.ingest.desk import browser_post, decision_url, review_post, review_url
from tests.ingest.documents import corrupt_docx, docx_bytes, html_page, pdf_bytes
from tests.ingest.samples import VISIT, VISIT_AGAIN, WORKSHOP

pytestmark = pytest.mark.django_db

UPLOAD = "/en/ingest/new/"


def post_file(client, name: str, data: bytes, **fields):
    payload = {"files": SimpleUploadedFile(name, data), "classification": "internal", "home": "SA", **fields}
    return client.post(UPLOAD, payload)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("visit.txt", VISIT.encode(), "عبدالعزيز"),
        ("visit.html", html_page(VISIT), "عبدالعزيز"),
        ("visit.docx", docx_bytes(VISIT.split("\n")), "عبدالعزيز"),
    ],
)
def test_each_document_type_uploads_into_a_draft(officer_client, name, data, expected):
    response = post_file(officer_client, name, data)
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ingest/drafts/{draft.pk}/")
    assert expected in draft.source.text and "<" not in draft.source.text
    assert draft.source.content_hash and draft.status == "pending"


def test_a_pdf_in_english_is_read_then_refused_with_the_reason(officer_client):
    response = post_file(officer_client, "release.pdf", pdf_bytes())  # "Joint workshop on ..."
    assert response.status_code == 400
    assert "Taawun reads Arabic press releases" in response.content.decode()
    assert not Source.objects.exists() and not Draft.objects.exists()


def test_a_pasted_article_becomes_a_draft_with_its_url_and_date(officer_client):
    response = officer_client.post(
        UPLOAD,
        {
            "text": VISIT,
            "title": "زيارة",
            "url": "https://example.org/news/1",
            "published_on": "2025-04-16",
            "home": "SA",
            "classification": "internal",
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.url == "https://example.org/news/1" and source.published_on.isoformat() == "2025-04-16"


def test_the_same_document_twice_is_recognised_not_stored_twice(officer_client):
    post_file(officer_client, "visit.txt", VISIT.encode())
    response = post_file(officer_client, "copy-of-visit.html", html_page(VISIT))
    assert Source.objects.count() == 1 and Draft.objects.count() == 1
    assert response["Location"].endswith(review_url(Draft.objects.get()).removeprefix("/en"))
    page = officer_client.get(response["Location"]).content.decode()
    assert "already stored" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.docx", corrupt_docx(), "damaged Word document"),
        ("broken.pdf", b"%PDF-1.7\n%garbage", "PDF"),
        ("photo.pdf", bytes(range(256)) * 8, "not a document Taawun can read"),
        ("empty.txt", b"   ", "contains no text"),
    ],
)
def test_unreadable_uploads_are_refused_with_a_message_and_nothing_written(
    officer_client, name, data, message
):
    response = post_file(officer_client, name, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Source.objects.exists() and not Draft.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(officer_client, settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 200
    response = post_file(officer_client, "long.txt", VISIT.encode())
    assert response.status_code == 400 and "larger than the limit" in response.content.decode()
    assert not Source.objects.exists()


def test_a_text_file_named_pdf_is_read_as_text(officer_client):
    post_file(officer_client, "fake.pdf", VISIT.encode())
    assert Draft.objects.get().source.text == VISIT


def test_the_review_screen_marks_every_evidence_span_and_links_the_fields(officer_client, draft):
    page = officer_client.get(review_url(draft)).content.decode()
    for key in draft.evidence:
        assert f'id="{mark_id(key)}"' in page, key
    assert f'href="#{mark_id("guests:JO")}"' in page and f'href="#{mark_id("people:1")}"' in page
    assert 'dir="rtl"' in page


def test_the_review_screen_escapes_hostile_article_html(officer_client, officer):
    hostile = VISIT + "\n<script>alert('x')</script> <img src=x onerror=alert(1)>"
    draft = services.ingest_text(text=hostile, home="SA", actor=officer).draft
    page = officer_client.get(review_url(draft)).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_accepting_on_the_review_screen_files_the_engagement(officer_client, draft):
    response = review_post(
        officer_client, draft, "accept", **{"draft-title_ar": "استقبال وزير الداخلية الأردني"}
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/registry/engagement/{engagement.pk}/"
    )
    assert engagement.title_ar == "استقبال وزير الداخلية الأردني"
    assert (
        engagement.participants.count() == 2 and ActionItem.objects.filter(engagement=engagement).count() == 2
    )
    assert list(engagement.sources.all()) == [draft.source]


def test_the_reviewer_can_untick_a_person_and_a_follow_up(officer_client, draft):
    review_post(officer_client, draft, "accept", **{"people-0-include": "", "followups-1-include": ""})
    engagement = Engagement.objects.get()
    assert engagement.participants.count() == 1 and ActionItem.objects.count() == 1


def test_the_proposed_match_is_shown_and_used(officer_client, draft, make):
    existing = make.person("SA", name_ar="خالد بن محمد العتيبي", rank="لواء", position="مدير عام")
    page = officer_client.get(review_url(draft)).content.decode()
    assert f'<option value="{existing.pk}" selected>' in page
    review_post(officer_client, draft, "accept")
    assert Person.objects.count() == 2  # the minister is new, the general is matched
    assert Engagement.objects.get().participants.filter(pk=existing.pk).exists()


def test_the_blank_row_for_adding_a_person_is_left_out_when_untouched(officer_client, draft):
    page = officer_client.get(review_url(draft)).content.decode()
    blank = len(draft.extracted["people"])  # the extra row after the proposed people
    assert selected_option(page, decision_url(draft, "accept"), f"people-{blank}-role") == "participant"
    assert selected_option(page, decision_url(draft, "accept"), f"people-{blank}-agency_match") == ""
    response = browser_post(officer_client, draft, "accept")
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(engagement.get_absolute_url())
    assert engagement.participants.count() == 2


def test_the_proposed_agency_is_shown_for_confirmation_and_used(officer_client, draft, make):
    agency = make.agency("SA", name_ar="مكافحة المخدرات", name_en="Narcotics Control")
    make.agency("JO", name_ar="مكافحة المخدرات")  # another party's: not proposed
    page = officer_client.get(review_url(draft)).content.decode()
    assert selected_option(page, decision_url(draft, "accept"), "people-1-agency_match") == str(agency.pk)
    assert page.count("Narcotics Control") == 1
    browser_post(officer_client, draft, "accept")
    assert Person.objects.get(rank="لواء").agency == agency
    assert Agency.objects.count() == 2


def test_the_reviewer_can_choose_no_agency(officer_client, draft, make):
    make.agency("SA", name_ar="مكافحة المخدرات")
    browser_post(officer_client, draft, "accept", **{"people-1-agency_match": "none"})
    assert Person.objects.get(rank="لواء").agency is None


def test_an_agency_typed_by_the_reviewer_is_proposed_after_saving_and_reused(officer_client, draft, make):
    agency = make.agency("SA", name_ar="الإدارة العامة للجوازات", abbreviation="GDP")
    browser_post(officer_client, draft, "save", **{"people-0-agency": "الادارة العامة للجوازات"})
    page = officer_client.get(review_url(draft)).content.decode()
    assert f'<option value="{agency.pk}"' in page  # proposed under the name as typed (normalised)
    browser_post(officer_client, draft, "accept", **{"people-0-agency_match": ""})  # "New agency"
    minister = Person.objects.get(name_ar__startswith="عبدالعزيز")
    assert minister.agency == agency and Agency.objects.count() == 1  # reused, not duplicated


def test_an_agency_above_the_clearance_is_never_proposed_nor_accepted(client_of, officer, make):
    hidden = make.agency("SA", name_ar="مكافحة المخدرات", name_en="Hidden Narcotics", classification="secret")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer, classification="public").draft
    client = client_of("low_clearance")
    page = client.get(review_url(draft)).content.decode()
    assert "Hidden Narcotics" not in page and f'<option value="{hidden.pk}"' not in page
    assert selected_option(page, decision_url(draft, "accept"), "people-1-agency_match") == ""
    response = browser_post(client, draft, "accept", **{"people-1-agency_match": str(hidden.pk)})
    assert response.status_code == 400 and "Hidden Narcotics" not in response.content.decode()
    assert not Engagement.objects.exists() and not Person.objects.exists()


def test_an_agency_found_with_the_picker_is_accepted_if_of_the_rows_party(officer_client, draft, make):
    """The row's agency picker finds any agency: one of the participant's party is taken, one of
    another party is refused with a message saying so, nothing filed."""
    found = make.agency("SA", name_ar="الإدارة العامة للمرور")  # not proposed: another name
    foreign = make.agency("JO", name_ar="مديرية الأمن العام")
    response = browser_post(officer_client, draft, "accept", **{"people-1-agency_match": str(foreign.pk)})
    refusal = html.unescape(response.content.decode())
    assert response.status_code == 400 and "Choose an agency of the participant's party" in refusal
    assert not Engagement.objects.exists()
    response = browser_post(officer_client, draft, "accept", **{"people-1-agency_match": str(found.pk)})
    assert response.status_code == 302
    assert Person.objects.get(rank="لواء").agency == found


def test_an_invalid_review_saves_nothing(officer_client, draft):
    response = review_post(officer_client, draft, "accept", **{"draft-title_ar": "", "draft-start": "15/4"})
    assert response.status_code == 400
    assert not Engagement.objects.exists() and not Person.objects.exists()


def test_saving_keeps_the_edits_without_deciding(officer_client, draft):
    review_post(officer_client, draft, "save", **{"draft-title_ar": "عنوان معدل"})
    draft.refresh_from_db()
    assert draft.status == "pending" and draft.edited["title_ar"] == "عنوان معدل"
    assert "عنوان معدل" in officer_client.get(review_url(draft)).content.decode()


def test_the_review_screen_proposes_merging_and_merge_adds_a_source(officer_client, officer, draft):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    page = officer_client.get(review_url(second)).content.decode()
    assert f'name="engagement" value="{engagement.pk}"' in page
    response = officer_client.post(decision_url(second, "attach"), {"engagement": engagement.pk})
    assert response.status_code == 302 and engagement.sources.count() == 2
    assert Engagement.objects.count() == 1


def test_rejecting_on_the_review_screen_needs_and_keeps_a_reason(officer_client, draft):
    response = officer_client.post(decision_url(draft, "reject"), {"reject-reason": ""})
    assert response.status_code == 400
    officer_client.post(decision_url(draft, "reject"), {"reject-reason": "ليس تعاونا أمنيا"})
    draft.refresh_from_db()
    assert draft.status == "rejected" and draft.reason == "ليس تعاونا أمنيا"
    assert not Engagement.objects.exists()


def test_a_decided_draft_shows_no_decision_forms(officer_client, officer, draft):
    services.draft_reject(draft=draft, reason="مكرر", actor=officer)
    page = officer_client.get(review_url(draft)).content.decode()
    assert "مكرر" in page
    for action in ("accept", "save", "attach", "reject"):
        assert decision_url(draft, action) not in page


def test_the_queue_filters_by_status(officer_client, officer, draft):
    other = services.ingest_text(text=WORKSHOP, home="SA", actor=officer).draft
    services.draft_reject(draft=other, reason="x", actor=officer)
    pending = officer_client.get("/en/ingest/").content.decode()
    rejected = officer_client.get("/en/ingest/?status=rejected").content.decode()
    assert (
        review_url(draft).removeprefix("/en") in pending
        and review_url(other).removeprefix("/en") not in pending
    )
    assert review_url(other).removeprefix("/en") in rejected


def test_several_files_import_in_the_background_with_progress(officer_client):
    files = [
        SimpleUploadedFile("a.txt", VISIT.encode()),
        SimpleUploadedFile("b.docx", docx_bytes([WORKSHOP])),
        SimpleUploadedFile("c.bin", bytes(range(256)) * 4),
        SimpleUploadedFile("d.txt", VISIT.encode()),
    ]
    response = officer_client.post(UPLOAD, {"files": files, "classification": "internal", "home": "SA"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ingest/batches/{batch.pk}/")
    assert (batch.status, batch.total, batch.done, batch.new, batch.known, batch.failed) == (
        "done",
        4,
        4,
        2,
        1,
        1,
    )
    assert Draft.objects.filter(batch=batch).count() == 2
    page = officer_client.get(response["Location"]).content.decode()
    assert "c.bin" in page and "every 2s" not in page  # finished: the page stops polling


def test_a_running_batch_page_polls_with_htmx(officer_client, officer):
    batch = ImportBatch.objects.create(created_by=officer, total=3, status="running")
    page = officer_client.get(f"/en/ingest/batches/{batch.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page
    fragment = officer_client.get(f"/en/ingest/batches/{batch.pk}/", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b"batch-progress" in fragment.content


def test_the_nav_links_the_review_queue_for_editors_only(officer_client, client_of):
    queue = reverse("ingest:draft_list")
    assert f'href="{queue}"' in officer_client.get(reverse("web:home")).content.decode()
    assert f'href="{queue}"' not in client_of("viewer").get(reverse("web:home")).content.decode()
