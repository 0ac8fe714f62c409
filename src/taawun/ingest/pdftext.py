"""Plain Arabic, in reading order, from a PDF's text layer.

A PDF printed from a browser or a word processor holds Arabic as shaped glyphs laid out from left
to right (visual order), each glyph mapped (by the font's ToUnicode table) to a presentation form
such as "ﻻ" (U+FEFB, lam-alef). Poppler's `pdftotext` puts the glyphs of a right-to-left line
back in reading order, but it expands a glyph that stands for several letters in the order the
table gives them and then reverses the whole line: "لا" comes out as "ال", "العلاقات" as
"العالقات", "عبدالله" as "عبداهلل" (the same is reported of pdfminer, PyMuPDF and pypdf). So
before Poppler reads the document, every Arabic multi-letter mapping is written reversed
(`_unreversed_ligatures`); Poppler's own reversal then puts the letters right. Where Poppler
takes a ligature's letters from the embedded font instead (Chromium's default Arabic font), the
words pypdf reads glyph by glyph, left to right, are the oracle (`_mended_lam_alef`): a word of
Poppler's that is not among them, but is once a reversed lam-alef is turned back, is mended.

`pdftotext` runs in a child process with a time limit, a memory limit and a cap on what it may
write; its output loses Poppler's bidi marks (`plain`), with an embedded left-to-right run's
space put back on the side it belongs to, presentation forms folded to letters, the browser's
print header and footer (date, page count, address) dropped and the lines of a paragraph joined.
"""

from __future__ import annotations

import io
import logging
import re
import resource
import shutil
import subprocess
import tempfile
import unicodedata

from django.conf import settings
from pypdf import PdfReader, PdfWriter

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60  # seconds; a 100-page report reads in about one
# pypdf lays out about three pages a second: the words of the first pages mend the whole text (a
# report repeats its words), and an upload's request is not held for minutes.
ORACLE_PAGES = 30
DEFAULT_MEMORY = 1024 * 1024 * 1024  # address space of the child: Poppler stays far below it
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
# One embedded left-to-right run (digits, Latin) of a right-to-left line: Poppler writes the
# space that follows it in the text before it, inside the run (" 12" for "12 ").
_LTR_RUN = re.compile("\u202a([ \t]*)([^\u202a-\u202e]*?)([ \t]*)\u202c")
_BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
# What a browser prints at the top and bottom of each page.
_PRINT_FURNITURE = re.compile(
    r"^(?:"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?|\s*[صم])?"  # 12/3/26, 6:07 AM
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 1/3, the page count
    r"|(?:https?|file|about):\S*"  # the page's address, about:blank
    r")$"
)
# "(UNODC)" inside Arabic comes out as "()UNODC": the closing bracket lands in the Latin run.
_EMPTY_BRACKETS = re.compile(r"\(\s*\)([^\s()]+)")
_SENTENCE_END = re.compile(r"[.!?؟:؛\"»”)]$")
_BLOCK = re.compile(r"<block\b.*?</block>", re.S)
_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(r"<([0-9A-Fa-f]+)>(\s*)<([0-9A-Fa-f]+)>")


class PdfTooLarge(Exception):
    """What Poppler wrote went over the limit: the document unpacks to too much."""


class PdfTimeout(Exception):
    """Poppler did not finish in time."""


class PdfDamaged(Exception):
    """Poppler could not read the document."""


def timeout() -> int:
    return int(getattr(settings, "TAAWUN_PDFTOTEXT_TIMEOUT", DEFAULT_TIMEOUT))


def meaningful_title(title: str) -> bool:
    """A PDF's metadata title worth keeping: not empty, not the printed page's address
    ("about:blank"), not a file name ("a.html", "Microsoft Word - report.docx"), not "Untitled"."""
    title = (title or "").strip()
    if len(title) < 3 or not any(char.isalpha() for char in title):
        return False
    lowered = title.lower()
    if re.match(r"^(?:about:|https?://|file:|www\.)", lowered):
        return False
    if re.search(r"\.(?:html?|pdf|docx?|odt|rtf|txt|aspx?|php)$", lowered):
        return False
    return not re.match(r"^(?:untitled|document\s*\d*|microsoft word\b|مستند\s*\d*$|بدون عنوان)", lowered)


def poppler_text(data: bytes, *, name: str, limit: int) -> tuple[str, list[int] | None] | None:
    """The document's text as pdftotext reads it (Arabic ligatures mended), with the number of
    lines of each of its blocks (paragraphs, as Poppler's layout analysis found them; None when
    that second reading failed), or None when pdftotext is not installed. Raises PdfTooLarge,
    PdfTimeout or PdfDamaged."""
    executable = shutil.which("pdftotext")
    if executable is None:
        logger.warning("pdftotext (Debian package poppler-utils) is missing: Arabic PDFs read poorly")
        return None
    mended = _unreversed_ligatures(data)
    text = _run(executable, [], mended, name=name, limit=limit)
    try:
        layout = _run(executable, ["-bbox-layout"], mended, name=name, limit=limit)
    except (PdfTooLarge, PdfDamaged):
        blocks = None
    else:
        blocks = [block.count("<line ") for block in _BLOCK.findall(layout)]
    return _mended_lam_alef(text, data), blocks


def _run(executable: str, options: list[str], data: bytes, *, name: str, limit: int) -> str:
    """pdftotext's output, the child held to the time limit and to `limit` bytes written."""
    with tempfile.TemporaryFile() as output:
        try:
            finished = subprocess.run(
                [executable, "-q", "-enc", "UTF-8", "-nopgbrk", *options, "-", "-"],
                input=data,
                stdout=output,
                stderr=subprocess.DEVNULL,
                timeout=timeout(),
                preexec_fn=_limits(limit),  # noqa: PLW1509 - only setrlimit runs in the child
                env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
                check=False,
            )
        except subprocess.TimeoutExpired:
            logger.warning("pdftotext took longer than %ss on %s", timeout(), name)
            raise PdfTimeout from None
        written = output.seek(0, io.SEEK_END)
        if written > limit or finished.returncode in {-25, 153}:  # SIGXFSZ: it hit the write cap
            raise PdfTooLarge
        if finished.returncode != 0:
            raise PdfDamaged
        output.seek(0)
        return output.read().decode("utf-8", "replace")


def _limits(limit: int):
    memory = int(getattr(settings, "TAAWUN_PDFTOTEXT_MEMORY", DEFAULT_MEMORY))

    def apply() -> None:  # runs in the child between fork and exec: nothing but system calls
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit + 1, limit + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


# --- before Poppler: Arabic ligatures written in the order Poppler's reversal undoes ----------


def _reversed_target(hex_target: str) -> str | None:
    """The mapping's letters reversed, for an Arabic glyph that stands for several letters (a
    presentation-form ligature, or several letters in logical order); None to leave it."""
    if len(hex_target) % 4:
        return None
    try:
        text = "".join(chr(int(hex_target[i : i + 4], 16)) for i in range(0, len(hex_target), 4))
    except ValueError:
        return None
    if not _ARABIC.search(text):
        return None
    letters = unicodedata.normalize("NFKC", text) if _PRESENTATION.search(text) else text
    letters = "".join(char for char in letters if not char.isspace())
    if len(letters) < 2:
        return None
    return "".join(f"{ord(char):04X}" for char in reversed(letters))


def _mended_cmap(cmap: bytes) -> bytes | None:
    text = cmap.decode("latin-1")
    changed = False

    def pair(match: re.Match) -> str:
        nonlocal changed
        target = _reversed_target(match[3])
        if target is None:
            return match[0]
        changed = True
        return f"<{match[1]}>{match[2]}<{target}>"

    def section(match: re.Match) -> str:
        return "beginbfchar" + _PAIR.sub(pair, match[1]) + "endbfchar"

    mended = _BFCHAR.sub(section, text)
    return mended.encode("latin-1") if changed else None


def _fonts(resources, seen: set[int]):
    """Every font dictionary reachable from a resource dictionary (forms and Type3 glyphs too)."""
    if resources is None or id(resources) in seen:
        return
    seen.add(id(resources))
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        yield font
        if font.get("/Resources") is not None:
            yield from _fonts(font["/Resources"], seen)
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and xobject.get("/Resources") is not None:
            yield from _fonts(xobject["/Resources"], seen)


def _unreversed_ligatures(data: bytes) -> bytes:
    """The document with each Arabic multi-letter ToUnicode mapping reversed; the document
    itself when it has none (most do not) or cannot be rewritten (Poppler then reads it as is)."""
    if b"ToUnicode" not in data:
        return data
    try:
        reader = PdfReader(io.BytesIO(data))
        mended_streams, seen_streams, seen_resources = 0, set(), set()
        for page in reader.pages:
            for font in _fonts(page.get("/Resources"), seen_resources):
                reference = font.get("/ToUnicode")
                if reference is None:
                    continue
                stream = reference.get_object()
                if id(stream) in seen_streams:
                    continue
                seen_streams.add(id(stream))
                mended = _mended_cmap(stream.get_data())
                if mended is not None:
                    stream.set_data(mended)
                    mended_streams += 1
        if not mended_streams:
            return data
        writer = PdfWriter(clone_from=reader)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a document pypdf cannot rewrite is left to Poppler as it is
        logger.info("the ligatures of a PDF could not be mended", exc_info=True)
        return data


_LETTERS = re.compile("[\u0621-\u063a\u0641-\u064a]+")
_SWAPPED = re.compile("[\u0627\u0623\u0625\u0622]\u0644")  # ال أل إل آل: lam-alef reversed
# What only a reversed lam-alef writes: "األمن" for "الأمن", a lone "ال" for "لا".
# (Two alefs never meet in Arabic: "األمن" is "الأمن", "االمن" is "الامن".)
_REVERSAL_SIGNS = re.compile("\u0627[\u0627\u0623\u0625\u0622]\u0644|(?<!\\S)\u0627\u0644(?!\\S)")
# A word with its marks: Poppler may put a mark of a ligature's letters between them ("حافًال").
_MARKED_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670]+")
_MARKS = re.compile("[\u064b-\u065f\u0670]")
_LIGATURES = re.compile("[\ufef5-\ufefc]")


def _glyph_words(data: bytes) -> set[str]:
    """The Arabic words of the document's first ORACLE_PAGES pages as pypdf lays its glyphs out:
    left to right, so each word reversed, a lam-alef ligature still one presentation form that
    folds in the right order. Empty where the document uses no lam-alef ligature glyph."""
    words: set[str] = set()
    try:
        for page in PdfReader(io.BytesIO(data)).pages[:ORACLE_PAGES]:
            visual = page.extract_text(extraction_mode="layout") or ""
            if not _LIGATURES.search(visual):
                continue
            logical = unicodedata.normalize("NFKC", visual[::-1])
            words.update(_LETTERS.findall(logical))
    except Exception:  # noqa: BLE001 - no oracle: Poppler's text is kept as it is
        logger.info("the glyphs of a PDF could not be read", exc_info=True)
    return words


def _mended_lam_alef(text: str, data: bytes) -> str:
    if not _REVERSAL_SIGNS.search(text):
        return text  # Poppler read the ligatures right (or there are none): no second reading
    oracle = _glyph_words(data)
    if not oracle:
        return text

    def mend(match: re.Match) -> str:
        marked = match[0]
        word = _MARKS.sub("", marked)
        places = [found.start() for found in _SWAPPED.finditer(word)]
        if word in oracle or not places or len(places) > 4:
            return marked
        for mask in range(1, 2 ** len(places)):
            letters = list(word)
            for bit, place in enumerate(places):
                if mask >> bit & 1:
                    letters[place], letters[place + 1] = letters[place + 1], letters[place]
            candidate = "".join(letters)
            if candidate in oracle:
                return candidate  # its marks were misplaced with the letters: they go
        return marked

    return _MARKED_WORD.sub(mend, text)


# --- after Poppler: plain text ----------------------------------------------------------------


def plain(text: str, *, title: str = "", blocks: list[int] | None = None) -> str:
    """Poppler's (or pypdf's) text as stored: no bidi marks, letters instead of presentation
    forms, without the browser's print header and footer, a paragraph's lines joined (those of
    one of Poppler's blocks when their count matches the text's lines, else by their width)."""
    text = _LTR_RUN.sub(lambda match: match[3] + match[2] + match[1], text)
    text = _BIDI_MARKS.sub("", text)
    text = _PRESENTATION.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)
    text = text.replace("\u00a0", " ").replace("\f", "\n")
    text = _EMPTY_BRACKETS.sub(r"(\1)", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    title = " ".join((title or "").split())
    furniture = {
        index
        for index, line in enumerate(lines)
        if _PRINT_FURNITURE.match(line) or (title and line == title and _in_header(lines, index))
    }
    filled = [index for index, line in enumerate(lines) if line]
    if blocks and sum(blocks) == len(filled):
        paragraphs, start = [], 0
        for size in blocks:
            kept = [lines[index] for index in filled[start : start + size] if index not in furniture]
            start += size
            if kept:
                paragraphs.append(" ".join(kept))
        return "\n".join(paragraphs)
    return "\n".join(_paragraphs([line for index, line in enumerate(lines) if index not in furniture]))


def _in_header(lines: list[str], index: int) -> bool:
    """Whether the line stands beside the browser's date or page count (the page's title, which a
    browser prints in its header), rather than in the body."""
    before = next((line for line in reversed(lines[:index]) if line), "")
    after = next((line for line in lines[index + 1 :] if line), "")
    return bool(_PRINT_FURNITURE.match(before) and before) or bool(_PRINT_FURNITURE.match(after) and after)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs. A line that runs (nearly) the full width of the text and
    does not end a sentence was wrapped: the next line continues it. A short line (a headline,
    a paragraph's last line) or an empty one ends the paragraph."""
    widths = sorted(len(line) for line in lines if line)
    if not widths:
        return []
    full = widths[int(len(widths) * 0.9) - 1 if len(widths) >= 10 else -1]
    paragraphs, current = [], []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if len(line) < 0.8 * full or _SENTENCE_END.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
