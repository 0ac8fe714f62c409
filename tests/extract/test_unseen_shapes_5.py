"""Issue 17, fifth pass: shapes of the language unseen articles use, each written here as short
sentences of our own (one table per rule, with its linguistic cause)."""

from __future__ import annotations

import pytest

from .cases import case, check

TOPICS = [
    # A course word after a field word (مجال، مجالات) or after "التعاون في" is a topic the sides
    # discussed, not the event: the meeting stays a meeting, the visit a visit.
    case(
        "training-in-a-field-phrase-is-a-topic",
        "بحث وزير الداخلية الليبي مع السفير الهولندي في طرابلس سبل التعاون في مجال تدريب عناصر الشرطة.",
        {"kind": "meeting"},
    ),
    case(
        "training-among-fields-is-a-topic",
        "التقى قائد الشرطة في مكتبه بالمنامة القائم بأعمال السفارة الكندية، وبحثا مجالات التدريب والتأهيل.",
        {"kind": "meeting"},
    ),
    case(
        "training-after-cooperation-in-is-a-topic",
        "استقبل وزير الداخلية الموريتاني في نواكشوط وفدا أمنيا سنغاليا يزور البلاد، وبحث الجانبان التعاون في التدريب.",
        {"kind": "visit"},
    ),
    case(
        "a-course-held-stays-a-course",
        "نظمت الشرطة العمانية في مسقط دورة تدريبية في مجال التحقيق الجنائي لضباط من الشرطة اليمنية.",
        {"kind": "workshop"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), TOPICS)
def test_a_course_word_after_a_field_word_is_a_topic(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)
