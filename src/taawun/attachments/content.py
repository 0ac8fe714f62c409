"""What an uploaded file is, judged by its content, and whether it may be kept.

The checks are the ingest app's (taawun.ingest.readers): the same size limit
(TAAWUN_UPLOAD_MAX_BYTES), the same refusal of archives that unpack to too much
(TAAWUN_UNPACKED_MAX_BYTES, `check_archive`), the same cap on what a PDF's streams decode to, and
its readers for the text layer. The type comes from the first bytes and, for a zip, from the
members that make it a Word, Excel, PowerPoint or OpenDocument file: a name saying ".pdf" proves
nothing. Every refusal is a ValidationError on the form's "file" field, in the user's language.
Nothing is written here.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from taawun.attachments.models import Kind
from taawun.ingest import readers

# At most this many characters of a file's text are kept for the search index.
TEXT_LIMIT = 500_000
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ODT = b"application/vnd.oasis.opendocument.text"
# The extensions and media types the upload field suggests to the browser's file chooser (a hint:
# the content decides).
ACCEPT = ",".join(
    [
        ".pdf",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".png",
        ".jpg",
        ".jpeg",
        ".txt",
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/plain",
    ]
)


@dataclass(frozen=True)
class Checked:
    data: bytes
    kind: str
    sha256: str
    text: str

    @property
    def size(self) -> int:
        return len(self.data)


def refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def limit_mb(limit: int | None = None) -> float:
    return round((limit if limit is not None else readers.max_bytes()) / (1024 * 1024), 1)


def too_large(name: str) -> ValidationError:
    return refuse(
        _("%(name)s is larger than the limit of %(limit)s MB.")
        % {"name": name or _("The file"), "limit": limit_mb()}
    )


def _unpacks_too_much(name: str) -> ValidationError:
    return refuse(
        _(
            "%(name)s unpacks to more than %(limit)s MB, or is packed suspiciously tightly: it was not "
            "kept. Save it again without embedded material."
        )
        % {"name": name or _("The file"), "limit": limit_mb(readers.unpacked_max_bytes())}
    )


def _damaged(name: str) -> ValidationError:
    return refuse(_("%(name)s is damaged and cannot be opened.") % {"name": name or _("The file")})


def _not_allowed(name: str) -> ValidationError:
    return refuse(
        _(
            "%(name)s is not a kind of file Taawun keeps: attach a PDF, a Word, Excel, PowerPoint or "
            "OpenDocument text file, a PNG or JPEG image, or plain text."
        )
        % {"name": name or _("The file")}
    )


def _is_text(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return len(_CONTROLS.findall(text, 0, 10000)) <= 5


def _office_kind(data: bytes, name: str) -> str | None:
    """The kind of a zip-based document, after the decompression checks; None for another zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise _damaged(name) from None
    try:
        readers.check_archive(data, name)
    except readers.UnreadableDocument as refusal:
        # The ingest app says "damaged" of a member that fails its checksum, else "unpacks to more".
        damaged = _("%(name)s is a damaged Word document.") % {"name": name or _("The file")}
        raise (_damaged(name) if str(refusal) == damaged else _unpacks_too_much(name)) from None
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "ppt/presentation.xml" in names:
        return Kind.PPTX
    if mimetype.strip() == _ODT:
        return Kind.ODT
    return None


def _check_pdf(data: bytes, name: str) -> None:
    """Refuse a PDF that cannot be opened or whose pages' streams decode to more than the limit
    together (the ingest app's check), before anything reads its text."""
    limit = readers.unpacked_max_bytes()
    try:
        with apply_configuration(**readers.pdf_limits(limit)):
            if not readers.pdf_decodes_within(PdfReader(io.BytesIO(data)), limit):
                raise _unpacks_too_much(name)
    except ValidationError:
        raise
    except LimitReachedError:
        raise _unpacks_too_much(name) from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
        raise _damaged(name) from None


def kind_of(data: bytes, name: str = "") -> str:
    """The file's kind from its content; raises ValidationError for a kind not kept, a damaged
    file or a decompression bomb."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data, name)
        return Kind.PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if data.startswith(b"PK\x03\x04"):
        kind = _office_kind(data, name)
        if kind is None:
            raise _not_allowed(name)
        return kind
    if _is_text(data):
        return Kind.TEXT
    raise _not_allowed(name)


def text_of(data: bytes, kind: str, name: str = "") -> str:
    """The text layer of a PDF, a Word document or a text, as the ingest app reads it ("" where
    there is none: a scanned PDF, an image, a spreadsheet)."""
    if kind not in {Kind.PDF, Kind.DOCX, Kind.TEXT}:
        return ""
    try:
        text, _title = readers.read_document(data, name=name)
    except readers.UnreadableDocument:
        return ""
    return text[:TEXT_LIMIT]


def check(data: bytes, name: str = "") -> Checked:
    """The file, its kind, checksum and text, or a ValidationError saying why it is refused."""
    if len(data) > readers.max_bytes():
        raise too_large(name)
    if not data:
        raise refuse(_("%(name)s is empty.") % {"name": name or _("The file")})
    kind = kind_of(data, name)
    return Checked(
        data=data, kind=kind, sha256=hashlib.sha256(data).hexdigest(), text=text_of(data, kind, name)
    )
