"""Files of each kind an attachment may be, built in memory (none is committed)."""

from __future__ import annotations

import io
import zipfile

from tests.ingest.documents import docx_bomb, docx_bytes, pdf_bomb, pdf_bytes

__all__ = ["docx_bomb", "docx_bytes", "pdf_bomb", "pdf_bytes", "png", "jpeg", "zip_of", "xlsx", "pptx", "odt"]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(64))


def png() -> bytes:
    return PNG


def jpeg() -> bytes:
    return JPEG


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def pptx() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<presentation/>"})


def odt() -> bytes:
    return zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
