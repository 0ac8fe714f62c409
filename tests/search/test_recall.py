"""Recall: a record is found by every morphological and spelling variant of its words, in
Arabic and in English, and not by other words. Each case stores one word form in a record's text
and searches with another."""

from __future__ import annotations

import pytest

from tests.search.helpers import found

pytestmark = pytest.mark.django_db

MORPHOLOGICAL = [
    ("المخدرات", "مخدرات"),
    ("المخدرات", "بالمخدرات"),
    ("المخدرات", "والمخدرات"),
    ("بالمخدرات", "المخدرات"),
    ("والمخدرات", "مخدرات"),
    ("للمخدرات", "المخدرات"),
    ("الإرهاب", "ارهاب"),
    ("الإرهابية", "الإرهاب"),
    ("السعودية", "سعودي"),
    ("السعوديين", "السعودية"),
    ("الحدودية", "الحدود"),
    ("الحدود", "حدودية"),
    ("لمكافحة", "مكافحة"),
    ("الاتفاقيات", "اتفاقية"),
    ("بزيارة", "زيارات"),
]
SPELLING = [
    ("السعودية", "السعوديه"),
    ("السعوديه", "السعودية"),
    ("الإرهاب", "الارهاب"),
    ("أمن", "امن"),
    ("إدارة", "ادارة"),
    ("آليات", "اليات"),
    ("مستشفى", "مستشفي"),
    ("المُخَدِّرَات", "المخدرات"),
    ("المخدرات", "المُخدِّرات"),
    ("الإرهـــاب", "الإرهاب"),
    ("هيئة", "هيئه"),
    ("مسؤولين", "مسوولين"),
    ("٢٠٢٥", "2025"),
]
ENGLISH = [
    ("drugs", "drug"),
    ("Drug trafficking", "traffickers"),
    ("counter-terrorism", "terrorism"),
    ("Saudi Arabia", "saudi"),
    ("border cooperation", "cooperating borders"),
    ("Workshops", "WORKSHOP"),
]


def _sentence(word: str) -> str:
    return f"ناقش الجانبان في اللقاء موضوع {word} باستفاضة"


@pytest.mark.parametrize("stored, query", MORPHOLOGICAL + SPELLING + ENGLISH)
def test_a_record_is_found_by_another_form_of_its_word(stored, query, make, reader):
    record = make.knowledge(title_ar="ملاحظة", title_en="Note", body=_sentence(stored))
    other = make.knowledge(title_ar="ملاحظة", title_en="Note", body=_sentence("التدريب الميداني"))
    results = found(reader, query)
    assert record in results
    assert other not in results


@pytest.mark.parametrize(
    "maker",
    [
        lambda make: make.engagement("SA", ["JO"], title_ar="اجتماع بشأن تهريب المخدرات"),
        lambda make: make.source("أعلنت السلطات ضبط شحنة من المخدرات في ميناء بحري", title="خبر"),
        lambda make: make.person("JO", name_ar="سالم المخدرات", name_en="Salem"),
        lambda make: make.agency("JO", name_ar="إدارة مكافحة المخدرات", name_en="Narcotics Directorate"),
        lambda make: make.understanding(title_ar="مذكرة تفاهم في مجال المخدرات"),
        lambda make: make.action_item("JO", title="إعداد دليل عن المخدرات"),
        lambda make: make.knowledge(title_ar="درس", body="تبادل البيانات عن المخدرات مبكرا"),
    ],
    ids=["engagement", "source", "person", "agency", "understanding", "actionitem", "knowledgeitem"],
)
def test_every_indexed_record_type_is_found(maker, make, reader):
    record = maker(make)
    assert found(reader, "مخدرات") == [record]


def test_every_word_of_the_query_must_be_present(make, reader):
    both = make.knowledge(body="تهريب المخدرات عبر الحدود")
    one = make.knowledge(body="تهريب المخدرات في الموانئ")
    assert found(reader, "المخدرات الحدود") == [both]
    assert set(found(reader, "المخدرات")) == {both, one}


def test_word_beginnings_are_found_when_no_record_has_the_whole_word(make, reader):
    record = make.knowledge(body="A joint investigation into cybercrime networks")
    assert found(reader, "cyber") == [record]
    assert found(reader, "investig netw") == [record]


def test_an_engagement_is_found_by_the_label_of_its_kind_in_either_language(make, reader):
    workshop = make.engagement("SA", ["JO"], kind="workshop", title_ar="لقاء", title_en="Gathering")
    assert found(reader, "workshop") == [workshop]


def test_an_empty_query_or_one_of_punctuation_finds_nothing(make, reader):
    make.knowledge(body="something")
    assert found(reader, "") == []
    assert found(reader, ' "*:()- ') == []


def test_query_syntax_of_either_engine_is_taken_as_words(make, reader):
    record = make.knowledge(body="drugs near the border")
    assert found(reader, 'drugs AND "border" NEAR') == [record]
