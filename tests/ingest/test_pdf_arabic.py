"""An Arabic PDF printed by a browser reads as its text: plain letters in reading order, the title
from its headline, and the same record as the same article pasted, uploaded as Word or as HTML.

The PDFs are printed here by headless Chromium, as an officer's browser would print the page
(with its header and footer); skipped where no Chromium is installed, except under CI=true."""

from __future__ import annotations

import re
import subprocess
from html import escape
from pathlib import Path

import pytest

from taawun.extract import extract, normalize_arabic
from taawun.ingest import pdftext
from taawun.ingest.readers import UnreadableDocument, headline, read_document, tidy
from tests.e2e.conftest import CHROMIUM_ARGS, _unavailable, chromium_executable
from tests.ingest.documents import docx_bytes, pdf_bytes
from tests.ingest.samples import PRINTED, PRINTED_HEADLINE, VISIT


def _page(text: str, *, title: str | None, font: str = "") -> str:
    head = f"<title>{escape(title)}</title>" if title is not None else ""
    style = f"<style>body{{font-family:{font}}}</style>" if font else ""
    first, *paragraphs = text.split("\n")
    body = f"<h1>{escape(first)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{head}{style}</head><body>{body}</body></html>'


def print_to_pdf(tmp_path, markup: str) -> bytes:
    executable = chromium_executable()
    if executable is None:
        _unavailable("no Chromium found to print a PDF")
    page, pdf = tmp_path / "article.html", tmp_path / "article.pdf"
    page.write_text(markup, encoding="utf-8")
    subprocess.run(
        [executable, "--headless", *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


def words(text: str) -> list[str]:
    """The words of a text as matching compares them (no diacritics, one alef)."""
    return normalize_arabic(text).replace("،", " ").replace(".", " ").split()


def record(text: str) -> dict:
    return extract(text, home="BH").to_json()


@pytest.fixture(scope="module", params=["", '"Noto Naskh Arabic"'], ids=["default font", "naskh"])
def printed(request, tmp_path_factory) -> bytes:
    """The article printed without a page title, as the browser prints a pasted page."""
    return print_to_pdf(tmp_path_factory.mktemp("pdf"), _page(PRINTED, title=None, font=request.param))


def test_a_browser_printed_arabic_pdf_gives_the_words_in_reading_order(printed):
    text, _title = read_document(printed, name="article.pdf")
    assert words(text) == words(PRINTED)
    assert not any("\ufb50" <= char <= "\ufeff" for char in text)  # no presentation forms
    assert not any(char in text for char in "\u202a\u202b\u202c")  # no bidi marks


def test_its_title_is_the_headline_never_the_address_or_file_name(printed):
    _text, title = read_document(printed, name="article.pdf")
    assert words(title) == words(PRINTED_HEADLINE)


def test_the_pdf_docx_html_and_text_of_one_article_give_the_same_record(printed, tmp_path):
    expected = record(PRINTED)
    assert expected["start"] == "2025-03-12" and len(expected["people"]) == 3
    as_html = _page(PRINTED, title=PRINTED_HEADLINE).encode()
    titled_pdf = print_to_pdf(tmp_path, as_html.decode())
    readings = {
        "pdf": read_document(printed, name="a.pdf"),
        "titled pdf": read_document(titled_pdf, name="b.pdf"),
        "docx": read_document(docx_bytes(PRINTED.split("\n")), name="a.docx"),
        "html": read_document(as_html, name="a.html"),
        "text": read_document(PRINTED.encode(), name="a.txt"),
    }
    for kind, (text, title) in readings.items():
        assert record(text) == expected, kind
        assert words(title or headline(text)) == words(PRINTED_HEADLINE), kind


def test_a_scanned_pdf_is_still_refused_clearly():
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_document(pdf_bytes(" "), name="scan.pdf")


def test_without_pdftotext_the_text_layer_is_still_read(monkeypatch):
    monkeypatch.setattr(pdftext.shutil, "which", lambda _name: None)
    text, _title = read_document(pdf_bytes(), name="release.pdf")
    assert "Joint workshop on border security" in text


def test_a_pdf_that_takes_too_long_is_refused_in_words(monkeypatch):
    def too_slow(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], 1)

    monkeypatch.setattr(pdftext.subprocess, "run", too_slow)
    if pdftext.shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    with pytest.raises(UnreadableDocument, match="took too long"):
        read_document(pdf_bytes(), name="slow.pdf")


@pytest.mark.parametrize(
    "title, kept",
    [
        ("about:blank", False),
        ("article.html", False),
        ("Microsoft Word - تقرير.docx", False),
        ("https://news.example/item/1", False),
        ("", False),
        ("وزير الداخلية يستقبل وفداً", True),
    ],
)
def test_only_a_real_title_is_taken_from_a_pdfs_metadata(title, kept):
    assert pdftext.meaningful_title(title) is kept


def test_the_headline_skips_captions_and_datelines_and_cuts_at_a_word():
    assert headline("صورة\n12/3/2025\n" + PRINTED) == PRINTED_HEADLINE
    title = headline(VISIT)  # no headline: the first sentence, without "الرياض - "
    assert title.startswith("استقبل وزير الداخلية السعودي") and len(title) <= 200
    assert VISIT.replace("\n", " ").find(title) > 0 and not title.endswith(" ")
    long_line = " ".join(["كلمة"] * 80)
    assert headline(long_line).endswith("كلمة") and len(headline(long_line)) <= 200


def test_browser_print_furniture_and_bidi_marks_are_removed():
    poppler = (
        "\u202b\u202a12/3/26, 6:07 AM\u202c\u202c\n\n"
        "\u202bيوم الأربعاء \u202a 12\u202cمارس\u202c\n"
        "\u202b\u202a1/1\u202c\u202c\n\u202b\u202afile:///tmp/a.html\u202c\u202c\n"
    )
    assert pdftext.plain(poppler) == "يوم الأربعاء 12 مارس"


@pytest.mark.django_db
def test_the_upload_form_states_the_size_limit_before_upload(officer_client, settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    page = officer_client.get("/en/ingest/new/").content.decode()
    assert "up to 5.0 MB each" in page and "Up to 5.0 MB of text." in page


DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "texts"
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared corpus (../shared/corpus/dev) is not present")
@pytest.mark.parametrize("name", ["dev-005.txt", "dev-045.txt", "dev-049.txt"])
def test_real_articles_printed_by_a_browser_read_as_their_text(tmp_path, name):
    """Articles whose lam-alef ligatures Poppler reverses in Chromium's default font."""
    text = tidy((DEV / name).read_text(encoding="utf-8"))
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in text.split("\n"))
    markup = f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head><body>{body}</body></html>'
    read, _title = read_document(print_to_pdf(tmp_path, markup), name="article.pdf")
    assert _ARABIC_WORD.findall(normalize_arabic(read)) == _ARABIC_WORD.findall(normalize_arabic(text))
    assert extract(read).to_json() == extract(text).to_json()
