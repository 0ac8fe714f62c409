"""A file's kind comes from its content; what is not kept, too large, damaged or a decompression
bomb is refused in the user's language, as the ingest app refuses uploaded documents."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from taawun.attachments import content
from taawun.attachments.models import Kind
from tests.attachments import files

MB = 1024 * 1024


def refusal(data: bytes, name: str = "f", *, language: str = "en") -> str:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        content.check(data, name)
    return " ".join(caught.value.message_dict["file"])


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (files.pdf_bytes(), Kind.PDF),
        (files.docx_bytes(["محضر الاجتماع"]), Kind.DOCX),
        (files.xlsx(), Kind.XLSX),
        (files.pptx(), Kind.PPTX),
        (files.odt(), Kind.ODT),
        (files.png(), Kind.PNG),
        (files.jpeg(), Kind.JPEG),
        ("رسالة الشريك".encode(), Kind.TEXT),
    ],
)
def test_each_kind_kept_is_known_by_its_content_whatever_its_name(data, kind):
    checked = content.check(data, "misleading.exe")
    assert checked.kind == kind and checked.size == len(data) and len(checked.sha256) == 64


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)),  # a Windows program
        files.zip_of({"payload.bin": b"x" * 100}),  # a zip that is no office document
        b"GIF89a" + bytes(range(256)),
    ],
)
def test_other_kinds_are_refused(data):
    assert "not a kind of file Taawun keeps" in refusal(data, "letter.pdf")


def test_an_empty_file_and_a_file_above_the_limit_are_refused(settings):
    assert "empty" in refusal(b"", "blank.txt")
    settings.TAAWUN_UPLOAD_MAX_BYTES = MB
    assert "larger than the limit of 1.0 MB" in refusal(b"a" * (MB + 1), "big.txt")


def test_a_word_bomb_is_refused():
    assert "unpacks to more than" in refusal(files.docx_bomb(10 * MB), "bomb.docx")


def test_a_spreadsheet_bomb_is_refused(settings):
    settings.TAAWUN_UNPACKED_MAX_BYTES = 2 * MB
    bomb = files.zip_of({"xl/workbook.xml": b"<workbook/>", "xl/sheet.xml": b" " * (3 * MB)})
    assert "unpacks to more than" in refusal(bomb, "bomb.xlsx")


def test_a_pdf_bomb_is_refused(settings):
    settings.TAAWUN_UNPACKED_MAX_BYTES = 4 * MB
    assert "unpacks to more than" in refusal(files.pdf_bomb([6 * MB]), "bomb.pdf")


def test_a_damaged_pdf_and_a_damaged_zip_are_refused():
    assert "damaged" in refusal(b"%PDF-1.4\nnot really", "broken.pdf")
    assert "damaged" in refusal(b"PK\x03\x04" + b"\x00" * 40, "broken.docx")


def test_the_refusal_speaks_the_users_language(settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = MB
    assert refusal(b"a" * (MB + 1), "كتاب.txt", language="ar") == (
        "حجم كتاب.txt أكبر من الحد المسموح به البالغ 1.0 ميغابايت."
    )


def test_the_text_layer_of_a_pdf_a_word_document_and_a_text_is_kept():
    assert "border security" in content.check(files.pdf_bytes(), "a.pdf").text
    assert "محضر الاجتماع" in content.check(files.docx_bytes(["محضر الاجتماع"]), "a.docx").text
    assert "رسالة الشريك" in content.check("رسالة الشريك".encode(), "a.txt").text
    assert content.check(files.png(), "a.png").text == ""
