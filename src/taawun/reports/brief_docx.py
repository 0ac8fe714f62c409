"""The country brief as an editable Word document (the minister's office edits it before printing).

The same content as the PDF (reports/brief.py gives both), laid out for Word: right to left in
Arabic, each table's header row repeated on every page and no row split across two pages.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from taawun.core import dates
from taawun.records.visibility import visible_related

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Noto Naskh Arabic"  # installed with fonts-noto-core (Makefile); Word falls back if absent
ACCENT = RGBColor(0x0F, 0x52, 0x57)


def _when(value: dt.date | None, precision: str = dates.Precision.DAY) -> str:
    if value is None:
        return "—"
    hijri = dates.hijri(value, precision)
    return f"{dates.gregorian(value, precision)} ({hijri})" if hijri else dates.gregorian(value, precision)


def _seen(user, record) -> str:
    """A related record's name, or a dash when the reader may not see it (or there is none)."""
    shown = visible_related(user, record)
    return "—" if shown is None else str(shown)


def _flag(element, tag: str) -> None:
    element.append(OxmlElement(tag))


class _Writer:
    def __init__(self, *, rtl: bool):
        self.rtl = rtl
        self.document = Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(16)
        section.top_margin = section.bottom_margin = Mm(18)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:cs"), FONT)  # the font of Arabic ("complex script") text

    def _direct(self, paragraph) -> None:
        if self.rtl:
            _flag(paragraph._p.get_or_add_pPr(), "w:bidi")
            for run in paragraph.runs:
                _flag(run._r.get_or_add_rPr(), "w:rtl")

    def paragraph(self, text: str, *, bold: bool = False, size: float | None = None, color=None) -> None:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        self._direct(paragraph)

    def heading(self, text: str, *, size: float = 13) -> None:
        self.paragraph(text, bold=True, size=size, color=ACCENT)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        rows = list(rows)
        if not rows:
            self.paragraph(_("None."))
            return
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        if self.rtl:
            _flag(table._tbl.tblPr, "w:bidiVisual")
        self._row(table.rows[0], header, header_row=True)
        for values in rows:
            self._row(table.add_row(), values)

    def _row(self, row, values: Sequence[str], *, header_row: bool = False) -> None:
        properties = row._tr.get_or_add_trPr()
        _flag(properties, "w:cantSplit")  # a row is never split across two pages
        if header_row:
            _flag(properties, "w:tblHeader")  # repeated at the top of every page
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.bold = header_row
            self._direct(paragraph)

    def more(self, shown: int, total: int, counted_up_to: int) -> None:
        if total > shown:
            text = (
                _("The first %(shown)s of more than %(total)s.") % {"shown": shown, "total": counted_up_to}
                if total > counted_up_to
                else _("The first %(shown)s of %(total)s.") % {"shown": shown, "total": total}
            )
            self.paragraph(text, size=9)

    def page_break(self) -> None:
        self.document.add_page_break()

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _items(user, items) -> list[list[str]]:
    def owner(item) -> str:
        names = [
            _seen(user, item.owner_person),
            _seen(user, item.owner_agency),
            _seen(user, item.owner_party),
        ]
        return "\n".join(name for name in names if name != "—") or "—"

    def due(item) -> str:
        text = _when(item.due_on)
        return f"{text} — {_('Overdue')}" if item.is_overdue else text

    return [
        [item.title, owner(item), due(item), item.get_status_display(), f"{item.progress}%"] for item in items
    ]


def _engagements(user, engagements) -> list[list[str]]:
    def where(engagement) -> str:
        country = _seen(user, engagement.location_country)
        return (
            " ".join(part for part in (engagement.location_city, country if country != "—" else "") if part)
            or "—"
        )

    return [
        [_when(e.start_date, e.start_precision), e.title, e.get_kind_display(), where(e)] for e in engagements
    ]


def brief_docx(context: dict[str, Any], user, *, rtl: bool) -> bytes:
    """The brief (reports.brief.country_brief's context) as a DOCX file."""
    write = _Writer(rtl=rtl)
    party = context["party"]

    def more(name: str) -> None:  # under a bounded list: "The first 20 of 345"
        write.more(len(context[name]), context[f"{name}_count"], context["counted_up_to"])

    write.paragraph(_("For official use: contains only what the reader is cleared to see"), bold=True, size=9)
    write.heading(_("Country brief: %(name)s") % {"name": party}, size=18)
    write.paragraph(f"{_('Prepared on')} {_when(context['today'])}")

    # The first page: the whole story at a glance.
    write.heading(_("Who is who"))
    write.table(
        [_("Name"), _("Rank"), _("Position"), _("Agency")],
        [
            [str(p), p.get_rank_display() or "—", p.post_text or "—", _seen(user, p.agency)]
            for p in context["who_is_who"]
        ],
    )
    write.heading(_("Open between us"))
    counts = context["open_between_us"]
    write.table(
        [_("What"), _("Open"), _("Overdue")],
        [
            [_("Commitments of the partner"), str(counts["theirs"]), str(counts["theirs_overdue"])],
            [_("Our commitments"), str(counts["ours"]), str(counts["ours_overdue"])],
            [_("Understandings signed and in force"), str(counts["in_force"]), "—"],
            [_("Understandings expiring within 90 days"), str(counts["expiring"]), "—"],
        ],
    )
    write.heading(_("The last engagements"))
    header = [_("When"), _("Engagement"), _("Kind"), _("Where")]
    write.table(header, _engagements(user, context["last_engagements"]))
    write.heading(_("Coming"))
    write.table(header, _engagements(user, context["coming_engagements"]))
    item_header = [_("Action item"), _("Owner"), _("Due on"), _("Status"), _("Progress")]
    write.table(item_header, _items(user, context["next_deadlines"]))
    write.page_break()

    # The lists in full.
    write.heading(_("Recent engagements"))
    write.table(header, _engagements(user, context["engagements"]))
    write.heading(_("Understandings"))
    write.table(
        [_("Title"), _("Status"), _("Signed on"), _("Expires on")],
        [
            [u.title, u.get_status_display(), _when(u.signed_on), _when(u.expires_on)]
            for u in context["understandings"]
        ],
    )
    more("understandings")
    write.heading(_("Open commitments of the partner"))
    write.table(item_header, _items(user, context["their_commitments"]))
    more("their_commitments")
    write.heading(_("Our open commitments"))
    write.table(item_header, _items(user, context["our_commitments"]))
    more("our_commitments")
    write.heading(_("Key people"))
    write.table(
        [_("Name"), _("Rank"), _("Position"), _("Agency")],
        [
            [str(p), p.get_rank_display() or "—", p.post_text or "—", _seen(user, p.agency)]
            for p in context["people"]
        ],
    )
    write.heading(_("Training"))
    write.table(
        [_("Programme"), _("Provider"), _("Recipient"), _("Status"), _("Trainees")],
        [
            [
                t.title,
                _seen(user, t.provider),
                _seen(user, t.recipient),
                t.get_status_display(),
                str(t.trainees),
            ]
            for t in context["training"]
        ],
    )
    more("training")
    return write.bytes()
