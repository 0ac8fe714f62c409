"""Compressed documents that unpack to far more than their size are refused before parsing, in the
user's language, with memory kept small: a 2.4 MB .docx inflating to 1 GB took a web worker to 2.7 GB.
The bombs are built here, small (their blanks inflate only when read); none is committed."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taawun.ingest.readers import UnreadableDocument, read_document
from tests.ingest.documents import docx_bomb, docx_bytes, pdf_bomb, understated

MB = 1024 * 1024
REFUSAL = "unpacks to more than"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return docx_bomb(120 * MB)  # about 130 KB that inflates to 120 MB


def test_a_word_bomb_is_refused_before_parsing_with_memory_kept_small(bomb):
    assert len(bomb) < MB
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableDocument, match=REFUSAL):
            read_document(bomb, name="bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB  # the document itself is 120 MB once inflated


def test_a_tightly_packed_member_is_refused_even_below_the_total_limit():
    # 10 MB of blanks: under the 50 MB limit, but packed a thousand times tighter than Word's XML.
    with pytest.raises(UnreadableDocument, match=REFUSAL):
        read_document(docx_bomb(10 * MB), name="tight.docx")


def test_the_total_limit_counts_every_member(settings):
    settings.TAAWUN_UNPACKED_MAX_BYTES = 2 * MB
    with pytest.raises(UnreadableDocument, match=REFUSAL):
        read_document(docx_bomb(3 * MB), name="big.docx")


def test_a_member_whose_headers_understate_its_size_is_refused():
    lying = understated(docx_bomb(3 * MB), "word/document.xml", 1000)
    with pytest.raises(UnreadableDocument):
        read_document(lying, name="lying.docx")


def test_an_ordinary_word_document_is_still_read():
    text, _title = read_document(docx_bytes(["زيارة رسمية لوفد أردني"]), name="ok.docx")
    assert "زيارة رسمية" in text


def test_a_pdf_whose_stream_inflates_beyond_the_limit_is_refused(settings):
    settings.TAAWUN_UNPACKED_MAX_BYTES = 4 * MB
    with pytest.raises(UnreadableDocument, match=REFUSAL):
        read_document(pdf_bomb([6 * MB]), name="bomb.pdf")


def test_the_pdf_limit_counts_all_pages_together(settings):
    # pypdf caps one stream at a time; three pages of 2 MB each pass that cap but not ours.
    settings.TAAWUN_UNPACKED_MAX_BYTES = 5 * MB
    with pytest.raises(UnreadableDocument, match=REFUSAL):
        read_document(pdf_bomb([2 * MB, 2 * MB, 2 * MB]), name="pages.pdf")
    text, _title = read_document(pdf_bomb([MB]), name="small.pdf")
    assert "Joint workshop" in text


@pytest.mark.django_db
def test_the_upload_page_answers_a_bomb_with_a_clear_refusal(officer_client, bomb):
    upload = SimpleUploadedFile("bomb.docx", bomb, content_type="application/octet-stream")
    response = officer_client.post("/en/ingest/new/", {"files": [upload], "classification": "internal"})
    assert response.status_code == 400 and REFUSAL in response.content.decode()
