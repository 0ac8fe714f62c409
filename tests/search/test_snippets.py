"""Snippets and highlighted titles: escaped first, matches marked, from the original text."""

from __future__ import annotations

from taawun.search.snippets import Matcher, highlight, snippet
from taawun.search.text import query_terms


def matcher(query: str, *, prefix: bool = False) -> Matcher:
    return Matcher(tuple(query_terms(query)), prefix=prefix)


def test_every_form_of_the_word_is_marked_as_it_was_written():
    html = highlight("ضبط المُخَدِّرَات وتهريب بالمخدرات", matcher("مخدرات"))
    assert html == "ضبط <mark>المُخَدِّرَات</mark> وتهريب <mark>بالمخدرات</mark>"


def test_the_text_is_escaped_and_only_the_marks_are_markup():
    html = highlight('<script>alert("drugs")</script> & drugs', matcher("drug"))
    assert "<script>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>drugs</mark>&quot;)&lt;/script&gt; &amp; <mark>drugs</mark>"
    )


def test_a_prefix_matcher_marks_the_words_that_begin_with_the_query():
    assert (
        highlight("the traffickers met", matcher("traff", prefix=True)) == "the <mark>traffickers</mark> met"
    )


def test_a_long_text_is_cut_around_the_matches_with_ellipses():
    words = [f"word{i}" for i in range(200)]
    words[120] = "smuggling"
    html = snippet([" ".join(words)], matcher("smuggling"), width=10)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>smuggling</mark>" in html
    assert "word0 " not in html and "word199" not in html


def test_the_snippet_comes_from_the_first_text_that_matches():
    html = snippet(["nothing here", "", "the border post"], matcher("border"))
    assert html == "the <mark>border</mark> post"


def test_without_a_match_the_snippet_is_the_beginning_of_the_text():
    assert snippet(["a short note", "more"], matcher("absent")) == "a short note"
    assert snippet(["", "  "], matcher("absent")) == ""
