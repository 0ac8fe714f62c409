"""Readable text from an uploaded document, judged by its content, never by its name.

PDF (text layer), Word .docx, HTML and plain UTF-8 text are read; anything else is refused with
a message the user can act on (`UnreadableDocument`). Nothing is written here.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|p|div|br|article|span|h[1-6])\b", re.I)
_BLANK_RUNS = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Control characters other than white space: a few happen in real text, many mean binary data.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class UnreadableDocument(ValueError):
    """A document that cannot become a source; the message says why, in the user's language."""


def max_bytes() -> int:
    return int(getattr(settings, "TAAWUN_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(data: bytes) -> str:
    """ "pdf", "docx", "html" or "text" from the first bytes; "zip" or "binary" for the rest."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "zip"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in data[:8192]:
        return "binary"
    return "html" if _HTML_HINT.search(head[:2048]) else "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_document(data: bytes, *, name: str = "") -> tuple[str, str]:
    """(text, title) of a document; raises UnreadableDocument."""
    limit = max_bytes()
    if len(data) > limit:
        raise UnreadableDocument(
            _("%(name)s is larger than the limit of %(limit)s MB.")
            % {"name": name or _("The file"), "limit": round(limit / (1024 * 1024), 1)}
        )
    kind = sniff(data)
    readers = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html, "text": _read_text}
    if kind not in readers:
        raise UnreadableDocument(
            _("%(name)s is not a document Taawun can read: upload plain text, HTML, Word (.docx) or PDF.")
            % {"name": name or _("The file")}
        )
    text, title = readers[kind](data, name)
    text = tidy(text)
    if not text:
        raise UnreadableDocument(_("%(name)s contains no text.") % {"name": name or _("The file")})
    return text, title


def tidy(text: str) -> str:
    """One canonical form for stored text: NFC, Unix line ends, no runs of blanks or empty lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_BLANK_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableDocument(
            _("%(name)s is neither UTF-8 text nor a Word or PDF document.") % {"name": name or _("The file")}
        ) from None
    if len(_CONTROLS.findall(text, 0, 10000)) > 5:
        raise UnreadableDocument(
            _("%(name)s looks like binary data, not text.") % {"name": name or _("The file")}
        )
    return text


def _read_text(data: bytes, name: str) -> tuple[str, str]:
    return _decode(data, name), ""


def html_to_text(markup: str) -> tuple[str, str]:
    """Readable text (block elements on their own lines) and the <title> of an HTML page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup(["script", "style", "noscript", "template", "head", "iframe", "object"]):
        element.decompose()
    return soup.get_text("\n"), title[:500]


def _read_html(data: bytes, name: str) -> tuple[str, str]:
    return html_to_text(_decode(data, name))


def _read_docx(data: bytes, name: str) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds of error on a damaged file
        raise UnreadableDocument(
            _("%(name)s is a damaged Word document.") % {"name": name or _("The file")}
        ) from None
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    title = (document.core_properties.title or "")[:500]
    return "\n".join(paragraphs), title


def _read_pdf(data: bytes, name: str) -> tuple[str, str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title)[:500]
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
        raise UnreadableDocument(_("%(name)s is a damaged PDF.") % {"name": name or _("The file")}) from None
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableDocument(
            _("%(name)s has no text layer (a scanned PDF?); paste its text instead.")
            % {"name": name or _("The file")}
        )
    return text, title
