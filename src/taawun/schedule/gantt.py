"""An action plan as a Gantt-like timeline, drawn on the server as SVG.

One row per action item: a bar from its start (when it was recorded) to its due date, coloured by
status through CSS classes, a line for today and a tick per month. Right-to-left languages get a
mirrored time axis: time runs from right to left, labels sit on the right. Every text is escaped;
there is no script and no inline style (the Content-Security-Policy allows neither).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from taawun.agreements.models import ActionItem
from taawun.core.dates import gregorian

WIDTH = 960
LABEL_WIDTH = 280
GAP = 12
END_MARGIN = 16
AXIS_HEIGHT = 44
ROW_HEIGHT = 28
BAR_HEIGHT = 14
LABEL_CHARACTERS = 42


@dataclass(frozen=True)
class GanttRow:
    label: str
    start: dt.date
    end: dt.date | None  # the due date (inclusive); None when there is none
    status: str = ""
    status_label: str = ""
    url: str = ""
    progress: int = 0


def row_of(item) -> GanttRow:
    """A GanttRow as it is, or one made from an action item (start: when it was recorded)."""
    if isinstance(item, GanttRow):
        return item
    start = getattr(item, "start_date", None) or item.created_at.date()
    end = item.due_on
    if end is not None and end < start:
        start = end  # recorded after its due date (e.g. entered late): a one-day bar at the due date
    return GanttRow(
        label=str(item),
        start=start,
        end=end,
        status=item.status,
        status_label=item.get_status_display(),
        url=item.get_absolute_url(),
        progress=getattr(item, "progress", 0) or 0,
    )


def _css(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", value.lower())


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


class Axis:
    """Dates to horizontal positions. Offsets are measured from the start edge (left in LTR, right
    in RTL), so the same arithmetic draws both directions."""

    def __init__(self, first: dt.date, last: dt.date, *, rtl: bool):
        self.first, self.last, self.rtl = first, last, rtl
        self.days = (last - first).days + 1  # `last` included
        self.start = LABEL_WIDTH + GAP
        self.length = WIDTH - self.start - END_MARGIN

    def offset(self, day: dt.date) -> float:
        """Offset of the start of `day` (the end of a day is the start of the next)."""
        return self.start + self.length * (day - self.first).days / self.days

    def x(self, offset: float) -> float:
        return round(WIDTH - offset if self.rtl else offset, 1)

    def span(self, first: dt.date, last: dt.date) -> tuple[float, float]:
        """(x, width) of the days first..last, inclusive."""
        a, b = self.x(self.offset(first)), self.x(self.offset(last + dt.timedelta(days=1)))
        return min(a, b), round(max(abs(b - a), 2.0), 1)


def gantt_svg(items: Iterable, *, today: dt.date, rtl: bool) -> SafeString:
    """The SVG markup (safe to insert into a page) of the items' timeline."""
    rows = [row_of(item) for item in items]
    dates = [today] + [row.start for row in rows] + [row.end for row in rows if row.end]
    first = min(dates).replace(day=1)
    last_month = max(dates).replace(day=1)
    last = (last_month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    axis = Axis(first, last, rtl=rtl)
    height = AXIS_HEIGHT + ROW_HEIGHT * max(len(rows), 1) + 10
    direction = "rtl" if rtl else "ltr"
    title = _("Timeline of the action plan")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" direction="{direction}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]

    months = _month_starts(first, last)
    every = max(1, len(months) // 12)  # at most about twelve labels, whatever the span
    for index, month in enumerate(months):
        x = axis.x(axis.offset(month))
        out.append(f'<line class="tick" x1="{x}" y1="{AXIS_HEIGHT - 14}" x2="{x}" y2="{height - 6}"/>')
        if index % every == 0:
            label = date_format(month, "M Y")
            out.append(
                f'<text class="month" x="{axis.x(axis.offset(month) + 3)}" y="{AXIS_HEIGHT - 18}" '
                f'text-anchor="start">{escape(label)}</text>'
            )

    if not rows:
        out.append(
            f'<text class="empty" x="{axis.x(8)}" y="{AXIS_HEIGHT + 18}" text-anchor="start">'
            f"{escape(_('No action items.'))}</text>"
        )
    for index, row in enumerate(rows):
        top = AXIS_HEIGHT + index * ROW_HEIGHT
        bar_y = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        status = _css(row.status)
        overdue = row.end is not None and row.end < today and row.status in ActionItem.OPEN_STATUSES
        label = escape(_short(row.label))
        text = f'<text class="label" x="{axis.x(8)}" y="{bar_y + BAR_HEIGHT - 2}" text-anchor="start">{label}</text>'
        out.append(f'<a href="{escape(row.url)}">{text}</a>' if row.url else text)
        if row.end is None:
            cx = axis.x(axis.offset(row.start) + axis.length / axis.days / 2)
            tooltip = _("%(title)s: from %(start)s, no due date") % {
                "title": row.label,
                "start": gregorian(row.start),
            }
            out.append(
                f'<circle class="nodue status-{status}" cx="{cx}" cy="{bar_y + BAR_HEIGHT / 2}" r="5">'
                f"<title>{escape(tooltip)}</title></circle>"
            )
            continue
        x, width = axis.span(row.start, row.end)
        classes = f"bar status-{status}" + (" overdue" if overdue else "")
        tooltip = _("%(title)s: %(start)s – %(end)s (%(status)s)") % {
            "title": row.label,
            "start": gregorian(row.start),
            "end": gregorian(row.end),
            "status": row.status_label or row.status,
        }
        out.append(
            f'<rect class="{classes}" x="{x}" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}">'
            f"<title>{escape(tooltip)}</title></rect>"
        )
        progress = max(0, min(100, int(row.progress)))
        if 0 < progress < 100:
            done = round(width * progress / 100, 1)
            done_x = round(x + width - done, 1) if rtl else x  # progress grows from the start edge
            out.append(
                f'<rect class="progress" x="{done_x}" y="{bar_y + BAR_HEIGHT - 4}" width="{done}" height="4"/>'
            )

    today_x = axis.x(axis.offset(today))
    out.append(
        f'<line class="today" x1="{today_x}" y1="{AXIS_HEIGHT - 10}" x2="{today_x}" y2="{height - 4}"/>'
    )
    out.append(
        f'<text class="todaylabel" x="{axis.x(axis.offset(today) + 3)}" y="{AXIS_HEIGHT - 4}" '
        f'text-anchor="start">{escape(_("Today"))}</text>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped
