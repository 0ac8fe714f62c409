"""Readable text from an uploaded document, judged by its content, never by its name.

PDF (text layer), Word .docx, HTML and plain UTF-8 text are read; anything else is refused with
a message the user can act on (`UnreadableDocument`). Nothing is written here. How a PDF's
text layer becomes plain Arabic in reading order is in `pdftext`.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile

import docx
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from taawun.ingest import pdftext

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# What a compressed document (Word .docx, a PDF's streams) may unpack to, in all: a 2.4 MB .docx
# whose text inflated to 1 GB took a web worker to 2.7 GB. Real documents stay far below (a
# press release's document.xml is some 100 KB; pictures are stored already compressed).
DEFAULT_UNPACKED_MAX_BYTES = 50 * 1024 * 1024
# A member of an archive that unpacks to more than this many times its packed size is refused:
# Word's XML packs 5 to 20 times, a bomb a thousand times. Small members are let be (a tiny file
# of repeated markup can pack tightly and harms nothing).
MAX_PACKING_RATIO = 100
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2000
_CHUNK = 1024 * 1024
_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|p|div|br|article|span|h[1-6])\b", re.I)
_BLANK_RUNS = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Control characters other than white space: a few happen in real text, many mean binary data.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class UnreadableDocument(ValueError):
    """A document that cannot become a source; the message says why, in the user's language."""


class NotArabic(UnreadableDocument):
    """A text mostly in another script: Taawun reads Arabic press releases."""


# Under this share of Arabic letters among a text's letters it is refused as not Arabic. A press
# release quotes Latin names, acronyms and addresses (INTERPOL, Europol, www...), and a bilingual
# one may carry a short English summary: such texts stay far above it.
MIN_ARABIC_SHARE = 0.3
_ARABIC_LETTER = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


def arabic_share(text: str) -> float | None:
    """The share of Arabic letters among the text's letters; None when it has no letters."""
    letters = sum(1 for char in text if char.isalpha())
    if not letters:
        return None
    return len(_ARABIC_LETTER.findall(text)) / letters


def check_arabic(text: str, *, name: str = "") -> None:
    """Refuse, in the user's language, a text that is mostly not Arabic."""
    share = arabic_share(text)
    if share is not None and share < MIN_ARABIC_SHARE:
        message = _(
            "Taawun reads Arabic press releases: this text is mostly in another script "
            "(%(percent)d%% of its letters are Arabic). Give the Arabic text of the article."
        ) % {"percent": round(share * 100)}
        raise NotArabic(f"{name}: {message}" if name else message)


def max_bytes() -> int:
    return int(getattr(settings, "TAAWUN_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def unpacked_max_bytes() -> int:
    return int(getattr(settings, "TAAWUN_UNPACKED_MAX_BYTES", DEFAULT_UNPACKED_MAX_BYTES))


def _too_large_unpacked(name: str) -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "%(name)s unpacks to more than %(limit)s MB, or is packed suspiciously tightly: "
            "it was not read. Save it again without embedded material, or paste its text."
        )
        % {"name": name or _("The file"), "limit": round(unpacked_max_bytes() / (1024 * 1024), 1)}
    )


def check_archive(data: bytes, name: str = "") -> None:
    """Refuse a zip (a .docx) that would unpack to too much, before anything parses it.

    First what the central directory declares (each member's size and packing ratio, their sum),
    then what really comes out, counted while reading: the declared sizes can lie. (zipfile
    stops a member at its declared size and then fails its checksum; the count does not rely on
    it.) Raises UnreadableDocument."""
    limit = unpacked_max_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS or sum(m.file_size for m in members) > limit:
                raise _too_large_unpacked(name)
            for member in members:
                packed = max(member.compress_size, 1)
                if member.file_size > RATIO_CHECKED_ABOVE and member.file_size > MAX_PACKING_RATIO * packed:
                    raise _too_large_unpacked(name)
            unpacked = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise _too_large_unpacked(name)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        EOFError,
        ValueError,
    ) as error:
        if isinstance(error, UnreadableDocument):
            raise
        raise UnreadableDocument(
            _("%(name)s is a damaged Word document.") % {"name": name or _("The file")}
        ) from None


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


# A dateline before the story ("الرياض - ", "المنامة (بنا) -"): a few words, then a dash.
_DATELINE = re.compile(r"^(?:[^\s\-–—:]+\s+){0,3}(?:\([^)]{1,30}\)\s*)?[-–—]\s+")
_SENTENCE = re.compile(r"(?<=[.!؟?])\s")
TITLE_LENGTH = 200


def headline(text: str) -> str:
    """A document's title as its text gives it: the first substantial line (three words or more:
    not a caption, a date, a byline of one or two words), without a dateline, and when that line
    is a whole paragraph its first sentence, cut at a word under 200 characters."""
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        if len(line.split()) < 3 or not any(char.isalpha() for char in line):
            continue
        line = _DATELINE.sub("", line, count=1) if len(line) > TITLE_LENGTH / 2 else line
        line = _SENTENCE.split(line, maxsplit=1)[0]
        if len(line) <= TITLE_LENGTH:
            return line
        cut = line[:TITLE_LENGTH].rsplit(" ", 1)[0]
        return cut.rstrip("،,؛;:-– ")
    return ""


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
    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup(["script", "style", "noscript", "template", "head", "iframe", "object"]):
        element.decompose()
    return soup.get_text("\n"), title[:500]


_HEAD_TAG = re.compile(rb"<(link|meta)\b[^>]*>", re.I)
_TAG_ATTRIBUTE = re.compile(rb"""([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_web_address = URLValidator(schemes=["http", "https"])


def page_address(data: bytes) -> str:
    """The address a saved web page gives itself (its canonical link, else og:url), "" if none
    or not a web address: an outlet's site names the article's country (home_choice.py)."""
    if sniff(data) != "html":
        return ""
    for tag in _HEAD_TAG.finditer(data[:65536]):
        attributes = {
            key.lower(): (quoted or single or bare)
            for key, quoted, single, bare in _TAG_ATTRIBUTE.findall(tag.group(0))
        }
        if tag.group(1).lower() == b"link" and attributes.get(b"rel", b"").lower() == b"canonical":
            address = attributes.get(b"href", b"")
        elif tag.group(1).lower() == b"meta" and attributes.get(b"property", b"").lower() == b"og:url":
            address = attributes.get(b"content", b"")
        else:
            continue
        address = html.unescape(address.decode("utf-8", "replace")).strip()
        try:
            _web_address(address)
        except ValidationError:
            continue
        if len(address) <= 1000:
            return address
    return ""


def _read_html(data: bytes, name: str) -> tuple[str, str]:
    return html_to_text(_decode(data, name))


def _read_docx(data: bytes, name: str) -> tuple[str, str]:
    check_archive(data, name)
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


def pdf_limits(limit: int) -> dict:
    """pypdf's own caps on what one stream may decode to, lowered to ours (its default is 75 MB):
    settings for pypdf's `apply_configuration`."""
    return {
        "zlib_maximum_output_length": limit,
        "lzw_maximum_output_length": limit,
        "run_length_maximum_output_length": limit,
        "jbig2_maximum_output_length": limit,
        "brotli_maximum_output_length": limit,
        "array_based_stream_maximum_output_length": limit,
        "image_maximum_buffer_size": limit,
    }


def pdf_decodes_within(reader: PdfReader, limit: int) -> bool:
    """Whether the pages' content streams decode to `limit` bytes or less together (read under
    `pdf_limits`, so no single stream decodes past it either)."""
    decoded = 0
    for page in reader.pages:
        contents = page.get_contents()
        decoded += len(contents.get_data()) if contents is not None else 0
        if decoded > limit:
            return False
    return True


def _read_pdf(data: bytes, name: str) -> tuple[str, str]:
    """The text layer, in reading order. Each page's content streams are first decoded (and
    counted) by pypdf: what all pages decode to together is capped like an archive's members,
    before any reader spends time on them. Then Poppler's pdftotext reads the text (see
    `pdftext`); where it is missing, pypdf's own text, which keeps an Arabic PDF's glyph order."""
    limit = unpacked_max_bytes()
    try:
        with apply_configuration(**pdf_limits(limit)):
            reader = PdfReader(io.BytesIO(data))
            if not pdf_decodes_within(reader, limit):
                raise _too_large_unpacked(name)
            metadata_title = ""
            if reader.metadata and reader.metadata.title:
                metadata_title = str(reader.metadata.title)[:500]
            read = pdftext.poppler_text(data, name=name, limit=limit)
            if read is None:
                read = ("\n".join(page.extract_text() or "" for page in reader.pages), None)
    except UnreadableDocument:
        raise
    except (LimitReachedError, pdftext.PdfTooLarge):
        raise _too_large_unpacked(name) from None
    except pdftext.PdfTimeout:
        raise UnreadableDocument(
            _("%(name)s took too long to read: paste its text instead.") % {"name": name or _("The file")}
        ) from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
        raise UnreadableDocument(_("%(name)s is a damaged PDF.") % {"name": name or _("The file")}) from None
    text = pdftext.plain(read[0], title=metadata_title, blocks=read[1])
    if not text.strip():
        raise UnreadableDocument(
            _("%(name)s has no text layer (a scanned PDF?); paste its text instead.")
            % {"name": name or _("The file")}
        )
    title = metadata_title if pdftext.meaningful_title(metadata_title) else headline(text)
    return text, title
