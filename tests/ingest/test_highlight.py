"""Evidence marks on the review screen: escaped text, properly nested marks, linkable ids."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from taawun.extract import extract
from taawun.ingest.highlight import highlight, mark_id

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


class _Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.ok, self.text = 0, True, []

    def handle_starttag(self, tag, attrs):
        self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1
        self.ok = self.ok and self.depth >= 0

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(markup)
    parser.close()
    return parser


def test_a_span_becomes_a_mark_with_its_id():
    assert str(highlight("استقبل الوزير", {"kind": [[0, 6]]})) == (
        '<mark id="ev-kind-0" class="ev ev-kind" title="kind">استقبل</mark> الوزير'
    )


def test_the_text_around_and_inside_marks_is_escaped():
    html = str(highlight("<b>x</b> & <script>", {"kind": [[0, 8]]}))
    assert "<b>" not in html and "<script>" not in html and "&lt;script&gt;" in html


def test_crossing_spans_nest_properly_and_keep_all_text():
    text = "abcdefghij"
    html = str(highlight(text, {"a": [[0, 5]], "b": [[2, 8]], "c": [[2, 8]], "d": [[3, 4]]}))
    parsed = parse(html)
    assert parsed.ok and parsed.depth == 0 and "".join(parsed.text) == text
    for key in "abcd":
        assert html.count(f'id="{mark_id(key)}"') == 1


def test_spans_outside_the_text_are_clipped_or_ignored():
    html = str(highlight("abc", {"x": [[1, 99]], "y": [[50, 60]], "z": [["bad"]]}))
    assert parse(html).ok and "ev-y" not in html and 'id="ev-x-0"' in html


def test_ids_are_safe_for_any_key():
    assert mark_id('people:0"><script>', 2) == "ev-people-0---script--2"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared corpus (../shared/corpus/seeds) is not present")
def test_every_seed_article_highlights_into_well_formed_marks():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        record = extract(text, home="SA")
        html = str(highlight(text, record.evidence_json()))
        parsed = parse(html)
        assert parsed.ok and parsed.depth == 0, path.name
        assert "".join(parsed.text) == text, path.name
        assert len(re.findall(r'<mark id="', html)) == sum(len(v) for v in record.evidence_json().values())
