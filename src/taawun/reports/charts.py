"""Charts drawn on the server as SVG: no script, no internet asset, readable in RTL and LTR."""

from __future__ import annotations

import math
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


def network_graph(
    nodes: list[Node], edges: dict[tuple[str, str], int], *, title: str, size: int = 520
) -> SafeString:
    """Parties on a circle, the home party (heaviest) in the middle; edge width grows with the
    number of engagements between the two parties."""
    if not nodes:
        return mark_safe("")
    centre = size / 2
    ordered = sorted(nodes, key=lambda node: -node.weight)
    hub, ring = ordered[0], ordered[1:]
    positions = {hub.key: (centre, centre)}
    radius = size / 2 - 70
    for index, node in enumerate(ring):
        angle = 2 * math.pi * index / max(len(ring), 1) - math.pi / 2
        positions[node.key] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    heaviest = max(edges.values(), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
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
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="node"/>'
            f'<text x="{x:.1f}" y="{y + r + 14:.1f}" text-anchor="middle" class="label">{escape(node.label)}</text>'
        )
        if node.url:
            circle = f'<a href="{escape(node.url)}">{circle}</a>'
        parts.append(circle)
    parts.append("</svg>")
    return mark_safe("".join(parts))
