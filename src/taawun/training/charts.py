"""The pledged-versus-delivered bar chart, drawn on the server as SVG (no script, no inline style).

Bars are placed by arithmetic only; in right-to-left languages the chart is mirrored (labels on the
right, bars growing leftwards). Every text is escaped; colours come from CSS classes.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 760
LABEL_WIDTH = 200
GAP = 12
ROW_HEIGHT = 46
BAR_HEIGHT = 15
TOP = 34
VALUE_ROOM = 48  # room after the longest bar for its number


def _x(offset: float, *, rtl: bool) -> float:
    """A horizontal position measured from the start edge (left in LTR, right in RTL)."""
    return round(WIDTH - offset if rtl else offset, 1)


def _bar(start: float, length: float, *, rtl: bool) -> tuple[float, float]:
    """(x, width) of a bar that starts `start` from the start edge and runs `length` along."""
    x = WIDTH - start - length if rtl else start
    return round(x, 1), round(length, 1)


def bar_chart_svg(rows: Sequence, *, rtl: bool) -> SafeString:
    """Pledged and delivered trainees per partner: rows carry .party, .pledged.trainees and
    .delivered.trainees (see selectors.PartnerTraining)."""
    direction = "rtl" if rtl else "ltr"
    height = TOP + ROW_HEIGHT * max(len(rows), 1) + 8
    plot_start = LABEL_WIDTH + GAP
    plot_width = WIDTH - plot_start - VALUE_ROOM
    largest = max([row.pledged.trainees for row in rows] + [row.delivered.trainees for row in rows] + [1])
    title = _("Pledged and delivered trainees per partner")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart barchart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" direction="{direction}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    legend = [("pledged", _("Pledged")), ("delivered", _("Delivered"))]
    for index, (css, label) in enumerate(legend):
        offset = plot_start + index * 140
        x, _w = _bar(offset, 14, rtl=rtl)
        parts.append(f'<rect class="bar {css}" x="{x}" y="8" width="14" height="14"/>')
        parts.append(
            f'<text class="legend" x="{_x(offset + 20, rtl=rtl)}" y="20" text-anchor="start">'
            f"{escape(label)}</text>"
        )
    if not rows:
        parts.append(
            f'<text class="empty" x="{_x(plot_start, rtl=rtl)}" y="{TOP + 20}" text-anchor="start">'
            f"{escape(_('No training programmes.'))}</text>"
        )
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(
            f'<text class="label" x="{_x(8, rtl=rtl)}" y="{y + BAR_HEIGHT + 4}" text-anchor="start">'
            f"{escape(str(row.party))}</text>"
        )
        for line, (css, value) in enumerate(
            (("pledged", row.pledged.trainees), ("delivered", row.delivered.trainees))
        ):
            length = plot_width * value / largest
            bar_y = y + line * (BAR_HEIGHT + 2)
            x, width = _bar(plot_start, length, rtl=rtl)
            parts.append(
                f'<rect class="bar {css}" x="{x}" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}">'
                f"<title>{escape(str(row.party))}: {value}</title></rect>"
            )
            parts.append(
                f'<text class="value" x="{_x(plot_start + length + 4, rtl=rtl)}" y="{bar_y + BAR_HEIGHT - 3}" '
                f'text-anchor="start">{value}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
