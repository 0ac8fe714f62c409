"""The dashboard's bar charts, measured in the browser: every label and number inside its chart, in
Arabic (right to left) and in English."""

from __future__ import annotations

import datetime as dt

import pytest

# For each bar chart, the boxes the browser drew: the chart's, and per bar its label column, label,
# bar and number (client rectangles, so clipping by the label column does not hide an overflow).
MEASURE = """
() => [...document.querySelectorAll("svg.chart")].map((chart) => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width};
  };
  const labels = [...chart.querySelectorAll("text.label")];
  const bars = [...chart.querySelectorAll("rect.bar")];
  const values = [...chart.querySelectorAll("text.value")];
  return {
    chart: box(chart),
    bars: labels.map((label, index) => ({
      name: label.textContent,
      column: box(label.closest("svg.label-box") || chart),
      label: box(label),
      bar: box(bars[index]),
      value: box(values[index]),
    })),
  };
})
"""

SLACK = 0.5  # sub-pixel rounding


def inside(inner: dict, outer: dict) -> bool:
    return inner["left"] >= outer["left"] - SLACK and inner["right"] <= outer["right"] + SLACK


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - SLACK and b["left"] < a["right"] - SLACK


@pytest.fixture
def busy_partners(make):
    """Engagements with partners whose names are long in both languages, in several domains and years."""
    guests = ["AE", "SY", "GCC", "AIMC", "QA"]
    for number, guest in enumerate(guests * 2):
        make.engagement(
            "SA",
            [guest],
            domains=["counter_terrorism", "narcotics"][: 1 + number % 2],
            start_date=dt.date(2020 + number % 4, 3, 1),
        )


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["ar", "en"])
def test_the_dashboard_charts_keep_their_labels_and_numbers_inside(signed_in_page, busy_partners, prefix):
    page = signed_in_page
    page.goto(f"{prefix}/reports/dashboard/")
    charts = page.evaluate(MEASURE)
    assert len(charts) == 3  # by partner, by domain, by year
    for chart in charts:
        assert chart["bars"], "a chart without bars"
        for bar in chart["bars"]:
            name = bar["name"]
            assert bar["label"]["width"] > 0, name
            # The label lies wholly in its column (not clipped) and the column in the chart.
            assert inside(bar["label"], bar["column"]), f"label {name!r} runs out of its column: {bar}"
            assert inside(bar["column"], chart["chart"]), name
            # The number is in the chart and beside its bar, never on it; the label never on the bar.
            assert inside(bar["value"], chart["chart"]), f"the number of {name!r} is out of the chart"
            assert not overlap(bar["value"], bar["bar"]), f"the number of {name!r} sits on its bar"
            assert not overlap(bar["label"], bar["bar"]), f"label {name!r} sits on its bar"


def test_in_arabic_the_labels_are_on_the_right_and_the_bars_grow_leftwards(signed_in_page, busy_partners):
    page = signed_in_page
    page.goto("/reports/dashboard/")
    for chart in page.evaluate(MEASURE):
        for bar in chart["bars"]:
            assert bar["label"]["left"] > bar["bar"]["right"] - SLACK
            assert bar["value"]["right"] < bar["bar"]["left"] + SLACK
