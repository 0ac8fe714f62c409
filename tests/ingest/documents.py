"""Documents built in memory for the upload tests: Word, PDF, HTML."""

from __future__ import annotations

import io
import zipfile


def docx_bytes(paragraphs: list[str], *, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(line: str = "Joint workshop on border security") -> bytes:
    """A one-page PDF with a real text layer (Helvetica, Latin text), written by hand."""
    stream = f"BT /F1 14 Tf 20 100 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def corrupt_docx() -> bytes:
    """A zip that claims to be a Word document but whose document.xml is garbage."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-xml")
        archive.writestr("word/document.xml", "garbage <<<")
    return buffer.getvalue()


def html_page(body: str, *, title: str = "خبر") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title><style>p{{color:red}}</style></head>"
        f"<body><script>alert('x')</script><p>{body}</p></body></html>"
    ).encode()


# --- compression bombs, built small: their members inflate only when read -------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(inflated: int, *, text: str = "زيارة رسمية") -> bytes:
    """A real Word document whose document.xml holds `inflated` bytes of blanks after its text
    (valid XML, so a reader without limits parses all of it). Written in chunks: the test never
    holds the inflated bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                archive.writestr(member, source.read(member))
                continue
            member = zipfile.ZipInfo("word/document.xml")
            member.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member, "w", force_zip64=True) as out:
                out.write(
                    f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'.encode()
                )
                chunk = b" " * (1024 * 1024)
                for _ in range(inflated // len(chunk)):
                    out.write(chunk)
                out.write(b"</w:body></w:document>")
    return buffer.getvalue()


def understated(archive_bytes: bytes, member: str, declared: int) -> bytes:
    """The archive with `member`'s uncompressed size written as `declared` in both its headers."""
    data = bytearray(archive_bytes)
    info = zipfile.ZipFile(io.BytesIO(archive_bytes)).getinfo(member)
    name = member.encode()
    local = info.header_offset
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    central = 0
    while True:  # find the member's central directory entry
        central = data.index(b"PK\x01\x02", central)
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if bytes(data[central + 46 : central + 46 + length]) == name:
            break
        central += 4
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def pdf_bomb(inflated_pages: list[int], line: str = "Joint workshop on border security") -> bytes:
    """A PDF whose pages' content streams (FlateDecode) each inflate to the given number of bytes:
    the text, then blanks."""
    import zlib

    pages = len(inflated_pages)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d>>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages)), pages),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    for index, size in enumerate(inflated_pages):
        packer = zlib.compressobj(9)
        stream = packer.compress(f"BT /F1 14 Tf 20 100 Td ({line}) Tj ET ".encode("latin-1"))
        chunk = b" " * (1024 * 1024)
        for _ in range(size // len(chunk)):
            stream += packer.compress(chunk)
        stream += packer.flush()
        objects.append(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 200]/Contents %d 0 R/Resources<</Font<</F1 3 0 R>>>>>>"
            % (5 + 2 * index)
        )
        objects.append(b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
