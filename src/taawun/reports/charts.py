"""Charts drawn on the server as SVG: no script, no internet asset, readable in RTL and LTR."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str = ""


LABEL_WIDTH = 190  # the label column, at the start edge (left in LTR, right in RTL)
VALUE_WIDTH = 44  # room after the longest bar for its number
LABEL_CHARS = 28  # a longer label is cut with an ellipsis (the whole one is its tooltip)


def bar_chart(bars: list[Bar], *, rtl: bool, title: str, width: int = 520, row: int = 26) -> SafeString:
    """Horizontal bars; in RTL the labels sit on the right and the bars grow leftwards.

    The chart states its own direction and every text is anchored at its start: in an RTL chart
    "start" is the right end of the text, so a label grows leftwards from the right edge and a
    number leftwards from its bar's end. (Anchoring at "end" in an inherited RTL direction puts the
    text on the wrong side of its point: out of the chart, and over the bars.) Each label is drawn
    in its own nested viewport, the label column, which clips whatever a long name would overflow.
    """
    if not bars:
        return mark_safe("")
    direction = "rtl" if rtl else "ltr"
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    top = max(bar.value for bar in bars) or 1
    height = row * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'direction="{direction}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    label_column_x = width - LABEL_WIDTH if rtl else 0
    for index, bar in enumerate(bars):
        y = index * row + 4
        baseline = f"{row * 0.62:.1f}"
        length = round(plot * bar.value / top)
        if rtl:
            label_x = LABEL_WIDTH - 4  # inside the label column
            bar_x = width - LABEL_WIDTH - length
            value_x = bar_x - 4
        else:
            label_x = 4
            bar_x = LABEL_WIDTH
            value_x = bar_x + length + 4
        label = escape(bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…")
        text = (
            f'<svg x="{label_column_x}" y="{y}" width="{LABEL_WIDTH}" height="{row}" class="label-box">'
            f"<title>{escape(bar.label)}</title>"
            f'<text x="{label_x}" y="{baseline}" text-anchor="start" class="label">{label}</text></svg>'
        )
        rect = f'<rect x="{bar_x}" y="{y + 3}" width="{max(length, 1)}" height="{row - 8}" class="bar"/>'
        number = f'<text x="{value_x}" y="{y + row * 0.62:.1f}" text-anchor="start" class="value">{bar.value}</text>'
        item = text + rect + number
        if bar.url:
            item = f'<a href="{escape(bar.url)}">{item}</a>'
        parts.append(item)
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    weight: int
    url: str = ""


NETWORK_LABEL_MARGIN = 130  # room on each side of the circle for the labels of its left and right nodes


def _network_label(node: Node, x: float, y: float, r: float, angle: float | None) -> str:
    """A node's name placed outwards from the centre, so neighbours' names never meet: to the right
    of a node on the circle's right side, to the left on its left side, above the top node and below
    the bottom one (and the hub's below it). The chart is drawn left to right (direction="ltr"), so
    "start" and "end" are the physical sides whatever the page's direction."""
    if angle is None:
        anchor, lx, ly = "middle", x, y + r + 14
    else:
        across, down = math.cos(angle), math.sin(angle)
        if abs(across) < 0.1:
            anchor, lx, ly = "middle", x, (y - r - 6) if down < 0 else (y + r + 14)
        else:
            anchor = "start" if across > 0 else "end"
            lx, ly = x + (r + 5) * (1 if across > 0 else -1), y + 4
    label = node.label if len(node.label) <= LABEL_CHARS else node.label[: LABEL_CHARS - 1] + "…"
    # A name runs in its own direction (a cut Arabic name ends with its ellipsis on the left), and in
    # a right-to-left text "start" is the right end: the anchor is turned to keep the physical side.
    rtl = _reads_right_to_left(node.label)
    if rtl and anchor != "middle":
        anchor = "end" if anchor == "start" else "start"
    return (
        f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" direction="{"rtl" if rtl else "ltr"}" '
        f'class="label">{escape(label)}</text>'
    )


def _reads_right_to_left(text: str) -> bool:
    """Whether the text's first letter is Arabic (or another right-to-left script)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def network_graph(
    nodes: list[Node], edges: dict[tuple[str, str], int], *, title: str, size: int = 520
) -> SafeString:
    """Parties on a circle, the home party (heaviest) in the middle; edge width grows with the
    number of engagements between the two parties. Each name sits outside its node, away from the
    centre (_network_label), in margins left and right of the circle wide enough for it."""
    if not nodes:
        return mark_safe("")
    width = size + 2 * NETWORK_LABEL_MARGIN
    centre_x, centre_y = width / 2, size / 2
    ordered = sorted(nodes, key=lambda node: -node.weight)
    hub, ring = ordered[0], ordered[1:]
    positions = {hub.key: (centre_x, centre_y)}
    angles: dict[str, float | None] = {hub.key: None}
    radius = size / 2 - 40
    for index, node in enumerate(ring):
        angle = 2 * math.pi * index / max(len(ring), 1) - math.pi / 2
        angles[node.key] = angle
        positions[node.key] = (centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle))
    heaviest = max(edges.values(), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {width} {size}" '
        f'direction="ltr" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for (a, b), count in sorted(edges.items()):
        if a in positions and b in positions:
            (x1, y1), (x2, y2) = positions[a], positions[b]
            stroke = 1 + 7 * count / heaviest
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="edge" '
                f'stroke-width="{stroke:.1f}"><title>{count}</title></line>'
            )
    top = max(node.weight for node in nodes) or 1
    for node in nodes:
        x, y = positions[node.key]
        r = 8 + 16 * math.sqrt(node.weight / top)
        circle = (
            f"<g><title>{escape(node.label)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="node"/>'
            f"{_network_label(node, x, y, r, angles[node.key])}</g>"
        )
        if node.url:
            circle = f'<a href="{escape(node.url)}">{circle}</a>'
        parts.append(circle)
    parts.append("</svg>")
    return mark_safe("".join(parts))
