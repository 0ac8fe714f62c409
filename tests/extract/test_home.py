"""`home` is a hint for unqualified words, never a party by itself (sentences written for these tests)."""

from __future__ import annotations

import pytest

from taawun.extract import extract

from .cases import Lacks, Not, case, check

# text, hint, the party unqualified words must mean (or None), parties that must not appear
NOT_THE_HINT = [
    pytest.param(
        "وقع العراق وسوريا مذكرة تفاهم للتعاون الأمني في بغداد لمكافحة تهريب المخدرات.",
        "SA",
        None,
        id="no-unqualified-word-no-home-party",
    ),
    pytest.param(
        "وصل وزير الداخلية العراقي إلى دمشق في زيارة رسمية، وأكد الوزير خلالها أهمية ضبط الحدود.",
        "SA",
        "IQ",
        id="ministry-first-named-with-a-nisba",
    ),
    pytest.param(
        "الرباط - استقبل وزير الداخلية اليوم وفدا أمنيا فرنسيا لبحث الهجرة غير الشرعية إلى المغرب.",
        "SA",
        "MA",
        id="city-dateline",
    ),
    pytest.param(
        "المنامة (بنا) - بحثت وزارة الداخلية مع وفد من الشرطة الإيطالية تبادل الخبرات.",
        "SA",
        "BH",
        id="news-agency-dateline",
    ),
    pytest.param(
        "استقبل وزير الداخلية عبد الوافي لفتيت سفيرة هولندا وبحث معها التعاون في مكافحة الإرهاب.",
        "SA",
        "MA",
        id="known-official-holds-the-title",
    ),
    pytest.param(
        "بحث وزير الداخلية هاتفيا مع سفير اليابان لدى مصر سبل التعاون في مجال الجوازات.",
        "SA",
        "EG",
        id="resident-diplomat-accredited-to",
    ),
]


@pytest.mark.parametrize(("text", "hint", "meant"), NOT_THE_HINT)
def test_the_text_overrules_the_home_hint(text: str, hint: str, meant: str | None) -> None:
    record = extract(text, home=hint)
    assert hint not in record.parties
    assert record.host != hint
    if meant:
        assert meant in record.parties


KEPT = [
    pytest.param(
        "استقبل وزير الداخلية في مكتبه بالرياض وفدا من الشرطة الفرنسية لبحث التعاون.",
        "SA",
        "SA",
        id="unqualified-minister-and-the-capital",
    ),
    pytest.param(
        "استقبلت الوزارة اليوم وفدا أمنيا من سلطنة عمان للاطلاع على تجربة المملكة.",
        "SA",
        "SA",
        id="only-unqualified-words",
    ),
    pytest.param(
        "استقبل مدير الأمن العام اللواء سالم الخريشة وفدا من وزارة الداخلية الكويتية.",
        "JO",
        "JO",
        id="bare-title-receiving-a-named-guest",
    ),
]


@pytest.mark.parametrize(("text", "hint", "host"), KEPT)
def test_the_hint_holds_where_the_text_bears_it_out(text: str, hint: str, host: str) -> None:
    record = extract(text, home=hint)
    assert hint in record.parties
    assert record.host == host


NOT_A_READING = [
    case(
        "hint-named-as-the-other-side",
        "التقى وزير الداخلية في مكتبه نظيره السعودي وبحثا التعاون في أمن الحدود.",
        {"host": Not("SA")},
        home="SA",
    ),
    case(
        "the-kingdom-is-not-a-republic",
        "القاهرة - أكد وزير الداخلية حرص المملكة على التعاون مع الشرطة الإسبانية لحماية حدود مصر.",
        {"parties": Lacks("SA")},
        home="SA",
    ),
    case(
        "dateline-of-a-country-the-story-never-involves",
        "جنيف - استقبل وزير الداخلية اليوم وفدا أمنيا فرنسيا لبحث ملف الهجرة.",
        {"parties": Lacks("CH"), "host": "SA"},
        home="SA",
    ),
    case(
        "both-ministries-are-nobodys-home",
        "وقع العراق والأردن اتفاقا لتعزيز التعاون بين وزارتي الداخلية في البلدين.",
        {"parties": Lacks("SA")},
        home="SA",
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), NOT_A_READING)
def test_what_does_not_make_the_hint_or_another_party_home(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


def test_the_reason_for_the_reading_is_in_the_evidence() -> None:
    text = "الرباط - استقبل وزير الداخلية اليوم وفدا أمنيا فرنسيا لبحث أمن الحدود بين فرنسا والمغرب."
    record = extract(text, home="SA")
    assert "MA" in record.reasons["home"]
    assert record.evidence["home"]
