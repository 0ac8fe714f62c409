"""Reading uploaded documents: judged by content, each type to plain text, bad files refused."""

from __future__ import annotations

import pytest

from taawun.ingest.readers import UnreadableDocument, read_document, sniff
from tests.ingest.documents import corrupt_docx, docx_bytes, html_page, pdf_bytes
from tests.ingest.samples import VISIT


def test_plain_utf8_text_is_read_as_it_is():
    text, title = read_document(VISIT.encode(), name="visit.txt")
    assert text == VISIT and title == ""


def test_html_loses_its_markup_scripts_and_styles():
    text, title = read_document(html_page("استقبل <b>الوزير</b> نظيره"), name="page.html")
    assert "استقبل" in text and "الوزير" in text
    assert "<" not in text and "alert" not in text and "color" not in text
    assert title == "خبر"


def test_a_word_document_gives_its_paragraphs_and_title():
    text, title = read_document(docx_bytes(VISIT.split("\n"), title="زيارة"), name="visit.docx")
    assert text == VISIT and title == "زيارة"


def test_a_pdf_gives_its_text_layer():
    text, _title = read_document(pdf_bytes(), name="release.pdf")
    assert "Joint workshop on border security" in text


def test_the_type_comes_from_the_content_not_the_name():
    assert sniff(VISIT.encode()) == "text"
    text, _title = read_document(VISIT.encode(), name="fake.pdf")
    assert text == VISIT


def test_a_damaged_word_document_is_refused():
    with pytest.raises(UnreadableDocument, match="damaged Word"):
        read_document(corrupt_docx(), name="broken.docx")


def test_a_damaged_pdf_is_refused():
    with pytest.raises(UnreadableDocument, match="damaged PDF|no text layer"):
        read_document(b"%PDF-1.4\n garbage without objects", name="broken.pdf")


def test_binary_data_is_refused():
    with pytest.raises(UnreadableDocument):
        read_document(bytes(range(256)) * 4, name="image.png")


def test_text_in_another_encoding_is_refused():
    with pytest.raises(UnreadableDocument, match="UTF-8"):
        read_document("استقبل".encode("cp1256"), name="old.txt")


def test_a_zip_that_is_not_a_word_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(UnreadableDocument, match="not a document"):
        read_document(buffer.getvalue(), name="archive.docx")


def test_a_file_over_the_limit_is_refused(settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 100
    with pytest.raises(UnreadableDocument, match="larger than the limit"):
        read_document(VISIT.encode(), name="big.txt")


def test_an_empty_document_is_refused():
    with pytest.raises(UnreadableDocument, match="no text"):
        read_document(b"  \n\n ", name="empty.txt")
