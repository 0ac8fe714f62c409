"""Tables to CSV and XLSX files: any filtered list leaves the system the same way.

A spreadsheet gets typed cells (dates as dates, numbers and percentages as numbers), a frozen
header row and an autofilter, so an office can sort and filter by date or progress at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Percent(int):
    """A whole percentage (0 to 100): reads "40%" on a page and in a CSV file, and is the number
    0.4 formatted as a percentage in a spreadsheet."""

    def __str__(self) -> str:
        return f"{int(self)}%"


def plain(value: Any) -> str:
    """A cell's text: records by name, lists joined, dates in ISO form, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | models.QuerySet):
        return "; ".join(plain(item) for item in value)
    return str(value)


def _safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Arabic text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([_safe(plain(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# Spreadsheet number formats of the typed cells.
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0%"


def typed(value: Any) -> tuple[Any, str | None]:
    """A spreadsheet cell's value and number format: dates, moments (in the office's time zone),
    numbers and percentages keep their type; records, lists and text are text."""
    if value is None:
        return None, None
    if isinstance(value, Percent):
        return int(value) / 100, PERCENT_FORMAT
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float):
        return value, None
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.replace(tzinfo=None), MOMENT_FORMAT  # a spreadsheet holds no time zone
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    return _safe(plain(value)), None


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, rtl: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Sheet"  # Excel's limit on sheet names
    sheet.sheet_view.rightToLeft = rtl
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            content, number_format = typed(value)
            cell = sheet.cell(row=number, column=column, value=content)
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = "A2"  # the header stays in view
    sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        width = max((len(str(cell.value or "")) for cell in column), default=10)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
