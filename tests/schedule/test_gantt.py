"""The action plan timeline as SVG: well-formed, mirrored in right-to-left, labels escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from taawun.schedule.gantt import WIDTH, GanttRow, gantt_svg

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2025, 4, 15)
ROWS = [
    GanttRow("Exchange lists", dt.date(2025, 3, 1), dt.date(2025, 3, 31), "done", "Done", "/a/1/", 100),
    GanttRow(
        "Joint training", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "in_progress", "In progress", "/a/2/", 40
    ),
    GanttRow("Late report", dt.date(2025, 2, 1), dt.date(2025, 4, 1), "open", "Open", "/a/3/"),
    GanttRow("No date yet", dt.date(2025, 4, 2), None, "open", "Open", "/a/4/"),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if "bar" in rect.get("class", "").split()]


def test_the_timeline_is_well_formed_svg_with_a_bar_per_dated_item():
    root = parse(gantt_svg(ROWS, today=TODAY, rtl=False))
    assert root.tag == f"{SVG}svg"
    assert len(bars(root)) == 3
    assert len(list(root.iter(f"{SVG}circle"))) == 1  # the item without a due date


def test_bars_are_coloured_by_status_through_css_classes_and_overdue_items_are_marked():
    root = parse(gantt_svg(ROWS, today=TODAY, rtl=False))
    classes = [rect.get("class") for rect in bars(root)]
    assert classes == ["bar status-done", "bar status-in_progress", "bar status-open overdue"]
    assert "style" not in gantt_svg(ROWS, today=TODAY, rtl=False)


def test_time_runs_left_to_right_in_ltr_and_right_to_left_in_rtl():
    ltr, rtl = parse(gantt_svg(ROWS, today=TODAY, rtl=False)), parse(gantt_svg(ROWS, today=TODAY, rtl=True))
    for left, right in zip(bars(ltr), bars(rtl), strict=True):
        x, width = float(left.get("x")), float(left.get("width"))
        assert float(right.get("width")) == pytest.approx(width)
        assert float(right.get("x")) == pytest.approx(WIDTH - x - width, abs=0.2)
    # The earlier item's bar is further left in LTR and further right in RTL.
    march, april = bars(ltr)[0], bars(ltr)[1]
    assert float(march.get("x")) < float(april.get("x"))
    march, april = bars(rtl)[0], bars(rtl)[1]
    assert float(march.get("x")) > float(april.get("x"))
    assert rtl.get("direction") == "rtl" and ltr.get("direction") == "ltr"


def test_the_today_line_is_mirrored_too():
    def today_x(root):
        line = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "today")
        return float(line.get("x1"))

    ltr, rtl = parse(gantt_svg(ROWS, today=TODAY, rtl=False)), parse(gantt_svg(ROWS, today=TODAY, rtl=True))
    assert today_x(rtl) == pytest.approx(WIDTH - today_x(ltr), abs=0.2)


def test_the_today_line_falls_between_the_bars_of_march_and_of_july():
    root = parse(gantt_svg(ROWS, today=TODAY, rtl=False))
    line = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "today")
    march, april_to_june = bars(root)[0], bars(root)[1]
    x = float(line.get("x1"))
    assert float(march.get("x")) + float(march.get("width")) < x
    assert (
        float(april_to_june.get("x")) < x < float(april_to_june.get("x")) + float(april_to_june.get("width"))
    )


def test_labels_and_links_are_escaped():
    hostile = GanttRow('<script>alert("x")</script> & co', TODAY, TODAY, "open", "Open", '/a/"onload="x')
    svg = gantt_svg([hostile], today=TODAY, rtl=False)
    root = parse(svg)
    assert "<script" not in svg
    assert list(root.iter(f"{SVG}script")) == []
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "label"]
    assert labels == ['<script>alert("x")</script> & co']
    link = next(root.iter(f"{SVG}a"))
    assert link.get("href") == '/a/"onload="x' and link.get("onload") is None


def test_long_labels_are_shortened():
    root = parse(gantt_svg([GanttRow("x" * 200, TODAY, TODAY)], today=TODAY, rtl=False))
    label = next(text.text for text in root.iter(f"{SVG}text") if text.get("class") == "label")
    assert len(label) < 50 and label.endswith("…")


def test_an_empty_plan_still_draws_a_valid_chart():
    with translation.override("en"):
        root = parse(gantt_svg([], today=TODAY, rtl=True))
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "empty"] == ["No action items."]


@pytest.mark.django_db
def test_action_items_are_drawn_from_when_they_were_recorded_to_their_due_date(make):
    item = make.action_item(title="Item", due_on=dt.date(2030, 1, 31))
    root = parse(gantt_svg([item], today=TODAY, rtl=False))
    (bar,) = bars(root)
    assert bar.get("class") == "bar status-open"
    assert next(root.iter(f"{SVG}a")).get("href") == item.get_absolute_url()
