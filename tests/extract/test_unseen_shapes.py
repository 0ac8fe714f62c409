"""Issue 17, third pass: shapes of the language the development articles taught the engine,
each written here as short sentences of our own (one table per rule, with its linguistic cause)."""

from __future__ import annotations

import pytest

from taawun.extract.structure import unwrap

from .cases import Has, Lacks, Not, case, check

# A by-line "AGENCY/ CITY/ initials" names where the story was filed, not where the event was.
DATELINES = [
    case(
        "agency-slash-city-is-filed-from",
        "واع/ البصرة/ م . ع\n\n"
        "بحث وفد أمني عراقي مع مسؤولي الشرطة الأردنية في عمان اليوم الأحد سبل التعاون في مكافحة المخدرات.",
        {"country": "JO"},
    ),
    case(
        "agency-slash-city-without-initials",
        "المدى برس/الموصل\n\n"
        "التقى وفد من الشرطة العراقية في القاهرة اليوم بمسؤولين في وزارة الداخلية المصرية لبحث تبادل الخبرات.",
        {"country": "EG"},
    ),
    # "المنعقد في إسبانيا": the convening participle's place is the venue, not a party.
    case(
        "convened-in-a-country-is-the-venue",
        "شارك وفد من وزارة الداخلية الأردنية في المؤتمر الدولي لمكافحة الإرهاب المنعقد في إسبانيا "
        "بمشاركة 30 دولة.",
        {"kind": "conference", "country": "ES", "city": None, "parties": Lacks("ES"), "host": Not("JO")},
    ),
    # "CITY - " opening the first paragraph is the inline dateline: not the venue.
    case(
        "inline-dateline-is-not-the-venue",
        "المنامة - شارك وزير الداخلية البحريني اليوم في الاجتماع الحادي والأربعين لمجلس وزراء الداخلية "
        "العرب المنعقد في القاهرة.",
        {"country": "EG", "host": Not("BH")},
    ),
    case(
        "inline-dateline-with-a-slash",
        "بغداد/ بحث وزير الداخلية العراقي مع نظيره الأردني في عمان اليوم سبل ضبط الحدود.",
        {"country": "JO", "host": "JO"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), DATELINES)
def test_a_slashed_by_line_is_where_the_story_was_filed(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


KINDS = [
    # The signing verb carries its object as a suffix (وقعها، وقعوها): still a signing.
    case(
        "signing-verb-with-object-suffix",
        "اتفق الأردن ومصر اليوم على مذكرة تفاهم أمنية، وقعها وزيرا الداخلية في القاهرة.",
        {"kind": "agreement_signing"},
    ),
    case(
        "signing-verb-plural-subject",
        "اتفقت تونس والجزائر على تبادل المعلومات الأمنية، ووقعوا محضر الاتفاق بالعاصمة الجزائرية.",
        {"kind": "agreement_signing"},
    ),
    # "وزراء الداخلية" inside a body's name (مجلس وزراء الداخلية العرب) describes no gathering:
    # its secretary-general met in one office is a visit.
    case(
        "a-councils-name-is-no-gathering",
        "التقى مدير الأمن العام الأردني في مكتبه اليوم الأمين العام لمجلس وزراء الداخلية العرب "
        "وبحثا سبل التنسيق بين أجهزة الشرطة.",
        {"kind": "visit"},
    ),
    case(
        "the-ministers-of-the-interior-gathering-are-a-conference",
        "عقد وزراء الداخلية في دول مجلس التعاون اجتماعهم التشاوري في الكويت بمشاركة الأمانة العامة.",
        {"kind": "conference"},
    ),
    # "كلا على حدة": one host meets several visitors one by one, a programme of meetings.
    case(
        "meetings-one-by-one-are-a-programme",
        "التقى وزير الداخلية الكويتي في مكتبه اليوم سفراء فرنسا وإيطاليا واليابان، كلا على حدة، "
        "وبحث معهم سبل التعاون الأمني.",
        {"kind": "program"},
    ),
    # Announcing (أعلن) with no event right after its عن / أن is a statement; announcing a
    # meeting reports the meeting; a numbered session in the lead is what is reported on.
    case(
        "announcing-an-outcome-is-a-statement",
        "أعلنت وزارة الداخلية المغربية أمس عن نجاحها في تفكيك شبكة لتهريب المهاجرين بالتعاون مع "
        "الشرطة الإسبانية.",
        {"kind": "statement", "host": None},
    ),
    case(
        "announcing-that-something-was-handed-over-is-a-statement",
        "أعلنت السفارة الأردنية في بغداد أنها سلمت وزير الداخلية العراقي دعوة من نظيره الأردني لزيارة عمان.",
        {"kind": "statement"},
    ),
    case(
        "announcing-a-meeting-is-the-meeting",
        "أعلنت وزارة الداخلية الليبية عن اجتماع عقده وكيل الوزارة في طرابلس مع السفير الإيطالي لبحث "
        "أمن الحدود.",
        {"kind": "meeting"},
    ),
    case(
        "announcing-about-a-numbered-session-reports-the-session",
        "أعلنت وزارة الداخلية الأردنية أن الأردن تسلم رئاسة الدورة الحادية والأربعين لمجلس وزراء "
        "الداخلية العرب المنعقدة في تونس بمشاركة وفود الدول الأعضاء.",
        {"kind": "conference"},
    ),
    # A police operation opening the lead (سلّمت، ضبطت، أحبطت ...) is reported news: a statement;
    # told as done during a meeting ("خلال لقائه"), the meeting is the event.
    case(
        "an-operation-opening-the-lead-is-a-statement",
        "سلّمت وزارة الداخلية القطرية أمس متهما مطلوبا إلى السلطات الإيطالية بناء على نشرة حمراء "
        "صادرة عن الإنتربول.",
        {"kind": "statement", "host": None, "country": None},
    ),
    case(
        "a-seizure-opening-the-lead-is-a-statement",
        "ضبطت الشرطة الأردنية بالتعاون مع الأجهزة الأمنية العراقية شحنة مخدرات على الحدود بين البلدين.",
        {"kind": "statement"},
    ),
    case(
        "handing-over-during-a-meeting-is-the-meeting",
        "سلّم وزير الداخلية الأردني خلال لقائه نظيره العراقي في بغداد اليوم رسالة من رئيس الوزراء.",
        {"kind": Not("statement"), "host": "IQ"},
    ),
    # After an institution word a course word names a body or a place (مركز تدريب): visiting it
    # is a visit; a programme "للتدريب" (ل + ال) is a course.
    case(
        "visiting-a-training-centre-is-a-visit",
        "زار مدير عام الدفاع المدني الأردني اليوم خلال زيارته لإيطاليا مركز تدريب الإطفاء بمدينة نابولي.",
        {"kind": "visit", "host": "IT"},
    ),
    case(
        "a-programme-for-training-is-a-course",
        "اختتمت أكاديمية الشرطة في عمان أعمال برنامج الإنتربول للتدريب على التحقيق الجنائي بمشاركة "
        "ضباط من العراق.",
        {"kind": "workshop"},
    ),
    # The plural of training (تدريبات) names a course as the singular does.
    case(
        "training-plural-is-a-course",
        "يتلقى عناصر من الشرطة الليبية حاليا تدريبات على مكافحة الشغب في معهد الشرطة الإيطالية بروما.",
        {"kind": "workshop"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), KINDS)
def test_the_kind_from_unseen_shapes(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


VISITS = [
    # A meeting held in a named place of a third country ("المنعقد في مسقط") is not the home
    # side's to host; a tens ordinal (الأربعين) after the meeting marks a periodic gathering.
    case(
        "meeting-in-a-third-country-is-not-the-home-sides",
        "ترأس وزير الداخلية الأردني وفد بلاده المشارك في الاجتماع الأربعين لوزراء داخلية دول "
        "مجلس التعاون المنعقد في مسقط.",
        {"kind": "conference", "host": Not("JO"), "country": "OM"},
    ),
    # "والوفد المرافق له": the guest came with an accompanying delegation, so travelled, even
    # when a resident ambassador is among those received.
    case(
        "accompanying-delegation-makes-a-visit",
        "استقبل وزير الداخلية الأردني في عمان اليوم وزير الداخلية العراقي والوفد المرافق له، "
        "بحضور سفير العراق لدى الأردن.",
        {"kind": "visit", "host": "JO", "guests": ["IQ"]},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), VISITS)
def test_who_came_with_a_delegation_travelled(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


PEOPLE = [
    # A head of state the visitor meets is named among the people, yet makes no party alone.
    case(
        "head-of-state-met-is-listed",
        "يلتقي وزير الداخلية الفرنسي فريدريك موران خلال زيارته إلى تونس الرئيس التونسي منصف الورتاني "
        "ووزير الداخلية التونسي كريم الجلاصي.",
        {"names": Has("منصف الورتاني", "كريم الجلاصي", "فريدريك موران")},
    ),
    # A preposition glued to a defined honorific (بالشيخ، للسيد) still anchors the name after it.
    case(
        "honorific-with-a-preposition",
        "وخلال الزيارة التقى الوزير الإيطالي بالشيخ حمد بن ناصر آل خليفة وبحث معه التعاون الأمني.",
        {"names": Has("حمد بن ناصر آل خليفة"), "people_parties": Has({"حمد بن ناصر آل خليفة": None})},
    ),
    case(
        "honorific-with-lam",
        "وقدم الوفد الياباني شكره للسيد كنجي تاناكا، مدير التعاون الدولي في الشرطة الوطنية.",
        {"names": Has("كنجي تاناكا")},
    ),
    # A name right after the place or nisba ending the phrase that introduces it, then its position.
    case(
        "name-after-a-nisba-then-its-position",
        "وحضر اللقاء من الجانب الهولندي مارك دي فريس، سفير مملكة هولندا لدى الدولة.",
        {"names": Has("مارك دي فريس")},
    ),
    # A family name in ة closing a comma-bounded apposition after the position.
    case(
        "family-name-in-ta-marbuta",
        "وحضر الاجتماع وزير الداخلية الأردني، سامر الطراونة، ومدير الأمن العام.",
        {"names": Has("سامر الطراونة")},
    ),
    # Titles the lists did not know (prosecutor, governor, judge, inspector) anchor the name after them.
    case(
        "titles-of-prosecutors-governors-and-judges",
        "وحضر اللقاء المدعي العام فادي الخطيب وحاكم ولاية الخرطوم صلاح عثمان وقاضي التحقيق "
        "كمال العنزي والمراقب العام للشرطة سليم بن عيسى.",
        {"names": Has("فادي الخطيب", "صلاح عثمان", "كمال العنزي", "سليم بن عيسى")},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), PEOPLE)
def test_people_named_in_unseen_shapes(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


DATES = [
    # A later calendar date after an until word (إلى يوم، حتى) in the sentence of the start is
    # the day the event runs to.
    case(
        "runs-until-a-later-date",
        "توجه وزير الداخلية التونسي أمس الخميس 12 مارس 2024 إلى روما لحضور أعمال الندوة الوزارية "
        "التي تتواصل إلى يوم 14 مارس 2024.",
        {"start": "2024-03-12", "end": "2024-03-14"},
    ),
    case(
        "a-later-date-without-until-is-no-end",
        "وقع وزيرا الداخلية الأردني والمصري يوم 12 مارس 2024 في عمان مذكرة تفاهم تدخل حيز التنفيذ "
        "في 20 مارس 2024.",
        {"start": "2024-03-12", "end": "2024-03-12"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), DATES)
def test_the_dates_in_unseen_shapes(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


# A hard-wrapped page re-read unwrapped: with no blank line after its first line, that line opens
# the first sentence (no title); after a blank line it is the title.
UNWRAPPED = [
    (
        "استقبل وزير الداخلية\nاليوم وفدا أمنيا\nمن اليابان",
        "استقبل وزير الداخلية اليوم وفدا أمنيا من اليابان",
    ),
    (
        "وزير الداخلية يستقبل وفدا\n\nاستقبل الوزير اليوم\nوفدا أمنيا",
        "وزير الداخلية يستقبل وفدا\n استقبل الوزير اليوم وفدا أمنيا",
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNWRAPPED)
def test_a_wrapped_page_keeps_a_title_only_after_a_blank_line(text: str, expected: str) -> None:
    assert unwrap(text) == expected
    assert len(unwrap(text)) == len(text)  # evidence offsets still point into the original
