"""The text pipeline: the forms of one word meet on one index term; different words do not."""

from __future__ import annotations

import pytest

from taawun.search.text import country_term, document_terms, index_text, query_terms, stem, terms, tokens

SAME_TERM = [
    # morphology: article, conjunction, preposition, plural and feminine endings
    ("المخدرات", "مخدرات", "بالمخدرات", "والمخدرات", "للمخدرات", "المخدر"),
    ("الإرهاب", "ارهاب", "إرهابية", "الإرهابي", "والإرهاب"),
    ("السعودية", "السعوديه", "سعودي", "السعوديين", "بالسعودية"),
    ("الحدود", "الحدودية", "حدود"),
    ("الاتفاقية", "اتفاقيات", "اتفاقية"),
    ("زيارة", "زيارات", "بزيارة"),
    # spelling: hamza seats, ta marbuta, alef maqsura, diacritics, tatweel, digits
    ("الأمن", "الامن", "امن"),
    ("مستشفى", "مستشفي"),
    ("المُخَدِّرَات", "المخدرات"),
    ("الإرهـــاب", "الإرهاب"),
    ("هيئة", "هيئه"),
    ("٢٠٢٥", "2025"),
    # English
    ("Drugs", "drug", "DRUGS"),
    ("trafficking", "trafficked", "traffick"),
    ("Café", "cafe"),
]


@pytest.mark.parametrize("forms", SAME_TERM, ids=lambda forms: forms[0])
def test_the_forms_of_a_word_share_one_index_term(forms):
    assert len({query_terms(form)[0] for form in forms}) == 1, [query_terms(form) for form in forms]


@pytest.mark.parametrize(
    "first, second",
    [("لبنان", "بن"), ("الحدود", "الحديد"), ("المخدرات", "الخدمات"), ("drugs", "drums")],
)
def test_different_words_keep_different_terms(first, second):
    assert query_terms(first) != query_terms(second)


def test_a_document_word_with_a_stuck_preposition_is_indexed_with_and_without_it():
    assert set(query_terms("مكافحة")) <= set(document_terms("لمكافحه"))
    # A query is not expanded: "لبنان" does not turn into the "بن" of every name.
    assert stem("بنان") not in query_terms("لبنان")
    assert query_terms("لبنان") == [country_term("لبنان")]


def test_tokens_point_back_into_the_original_text_through_diacritics_and_tatweel():
    text = "ضبطُ المُخَدِّرَات في الإرهـــاب"
    words = [text[token.start : token.end] for token in tokens(text)]
    assert words == ["ضبطُ", "المُخَدِّرَات", "في", "الإرهـــاب"]


def test_a_query_drops_common_words_unless_nothing_else_is_left():
    assert query_terms("التعاون في مكافحة المخدرات") == terms("التعاون مكافحة المخدرات")[:1] + [
        query_terms("مكافحة")[0],
        query_terms("المخدرات")[0],
    ]
    assert query_terms("في") == ["في"]
    assert query_terms("the drugs of the border") == ["drug", "border"]


def test_a_query_keeps_only_words_so_no_engine_syntax_gets_through():
    assert query_terms('"drugs" OR border* NEAR(x) -y :*') == ["drug", "border", "near", "x", "y"]


def test_index_text_joins_the_terms_of_every_text():
    assert index_text("زيارة", "", "Drugs") == "زيار drug"


def test_index_text_gives_the_same_terms_as_the_tokens_with_offsets():
    text = "زيارةُ الوفدِ السعوديّ لمكافحة المخـــدرات، Drug-trafficking ٢٠٢٥"
    assert index_text(text).split() == terms(text)
