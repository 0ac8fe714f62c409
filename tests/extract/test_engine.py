"""Behaviour tests for taawun.extract on short articles written for these tests.

Most are tables (cases.py): a text, how extract() is called, and the fields the record must show.
"""

from __future__ import annotations

import json

import pytest

from taawun.extract import Record, extract, normalize_arabic
from taawun.extract.cli import main

from .cases import Has, Lacks, NoneEndsWith, SomeContains, StartsWith, case, check

VISIT_IN = (
    "وزير الداخلية يستقبل وفدا أمنيا عمانيا\n"
    "استقبل وزير الداخلية اللواء ركن سالم بن راشد الهاملي في مكتبه بالرياض اليوم الأحد "
    "وفدا أمنيا من سلطنة عمان برئاسة العميد خليفة بن سيف الكندي مدير عام مكافحة المخدرات.\n"
    "وبحث الجانبان تبادل المعلومات في مجال مكافحة المخدرات وأمن الحدود."
)


def test_it_normalizes_arabic_spelling_variants() -> None:
    assert normalize_arabic("الإِدارةُ العامّة") == normalize_arabic("الادارة العامه")
    assert normalize_arabic("مصطفى") == "مصطفي"
    assert normalize_arabic("١٤ أبريل") == "14 ابريل"


def test_it_returns_exactly_the_schema_object() -> None:
    data = extract(VISIT_IN, home="SA").to_json()
    assert list(data) == [
        "kind",
        "start",
        "end",
        "location",
        "host",
        "guests",
        "parties",
        "people",
        "domains",
        "forms",
        "follow_ups",
    ]
    assert set(data["location"]) == {"country", "city"}
    json.dumps(data, ensure_ascii=False)


def test_it_gives_evidence_spans_into_the_original_text() -> None:
    record: Record = extract(VISIT_IN, home="SA")
    assert record.evidence
    for spans in record.evidence.values():
        for start, end in spans:
            assert 0 <= start < end <= len(VISIT_IN)
    start, end = record.evidence["domains:narcotics"][0]
    assert "مخدر" in VISIT_IN[start:end]


# --- the command line -------------------------------------------------------------------------


def test_it_survives_empty_binary_and_foreign_input(tmp_path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text(VISIT_IN, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    english = tmp_path / "en.txt"
    english.write_text("The minister met the ambassador yesterday.", encoding="utf-8")
    bad_utf8 = tmp_path / "bad.txt"
    bad_utf8.write_bytes(b"\xff\xfe\xfa" + "نص".encode() + b"\x81")
    status = main(["--json", str(empty), str(good), str(binary), str(english), str(bad_utf8)])
    out, err = capsys.readouterr()
    assert status == 1
    assert len(out.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 4


def test_it_strips_html(tmp_path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><script>var x=1;</script><p>{VISIT_IN}</p></body></html>", encoding="utf-8")
    assert main(["--json", "--home", "SA", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["host"] == "SA"


def test_it_handles_a_very_large_file(tmp_path, capsys) -> None:
    big = tmp_path / "big.txt"
    big.write_text(VISIT_IN * 40000, encoding="utf-8")
    assert main(["--json", str(big)]) == 1
    assert "MB" in capsys.readouterr().err


def test_it_prints_a_bilingual_summary(tmp_path, capsys) -> None:
    page = tmp_path / "a.txt"
    page.write_text(VISIT_IN, encoding="utf-8")
    assert main(["--home", "SA", str(page)]) == 0
    out = capsys.readouterr().out
    assert "Kind" in out and "النوع" in out


def test_json_output_carries_a_confidence_per_field(tmp_path, capsys) -> None:
    page = tmp_path / "a.txt"
    page.write_text(VISIT_IN, encoding="utf-8")
    assert main(["--json", "--home", "SA", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["confidence"]) >= {"kind", "host", "start", "end", "location", "parties", "guests"}
    assert set(data["confidence"].values()) <= {"high", "low"}


# --- one article, one record: tables of (text, how extract() is called, what the record shows) --
# Each row states its own expectation; see cases.py for the matchers (Has, Lacks, Not ...).

VISITS = [
    case(
        "incoming-visit",
        VISIT_IN,
        {
            "kind": "visit",
            "host": "SA",
            "guests": ["OM"],
            "parties": {"SA", "OM"},
            "country": "SA",
            "domains": Has("narcotics", "border_security"),
            "forms": Has("information_exchange"),
        },
        published="2025-03-02",
        home="SA",
    ),
    case(
        "outgoing-visit-hosted-by-the-destination",
        "وصل مدير عام الدفاع المدني الأردني العميد نادر صالح العتوم إلى العاصمة المغربية الرباط "
        "على رأس وفد في زيارة عمل لبحث التعاون في مجال البحث والإنقاذ وإدارة الكوارث.",
        {
            "kind": "visit",
            "host": "MA",
            "guests": ["JO"],
            "country": "MA",
            "domains": Has("crisis_management"),
        },
        home="JO",
    ),
    case(
        "destination-not-the-travellers-nisba",
        "وزير الداخلية يبحث التعاون الأمني في نواكشوط\n"
        "وصل وزير الداخلية التونسي 'منير بن صالح القروي' مساء أمس الثلاثاء إلى العاصمة الموريتانية "
        "نواكشوط على رأس وفد أمني في زيارة رسمية تستمر يومين.\n"
        "وكان في استقباله لدى وصوله نظيره الموريتاني محمد ولد أحمد.",
        {"host": "MR", "guests": ["TN"], "country": "MR", "names": Has("منير بن صالح القروي")},
        home="TN",
    ),
    case(
        "headline-subject-before-the-verb-is-the-visitor",
        "وفد شرطي أردني يزور وزارة الداخلية\n"
        "اطلع وفد من مديرية الأمن العام الأردنية على تجربة الوزارة في إدارة المنافذ، "
        "وذلك خلال زيارة استمرت ثلاثة أيام.",
        {"host": "BH", "guests": ["JO"]},
        home="BH",
    ),
    case(
        "later-side-trip-does-not-move-the-host",
        "استقبل وزير الداخلية اللواء سعيد بن خالد الزعابي في مكتبه اليوم وفدا من الشرطة الهولندية "
        "برئاسة هانس فان دير بيرغ مدير التعاون الدولي.\n"
        "وناقش الجانبان تبادل المعلومات في مجال مكافحة الجرائم الإلكترونية.\n"
        "وكان الوزير قد أجرى زيارة إلى لاهاي العام الماضي تم خلالها التوقيع على خطة عمل.",
        {"kind": "visit", "host": "AE", "guests": ["NL"]},
        home="AE",
    ),
    case(
        "organisation-delegation-received-home-hosts",
        "لدى استقباله وفد الإنتربول\n"
        "جرى خلال استقبال وزير الداخلية وفدا من منظمة الإنتربول برئاسة المدير الإقليمي "
        "بحث سبل دعم قدرات الشرطة الجنائية، وذلك بمقر الوزارة.",
        {"host": "JO", "guests": ["INTERPOL"]},
        home="JO",
    ),
    case(
        "resident-ambassadors-call-is-a-meeting-at-the-ministry",
        "بحث مدير إدارة الجوازات العميد ركن فهد سلطان المري، اليوم، مع سفير جمهورية كوريا "
        "لدى الدولة سبل تسهيل إجراءات التأشيرات.\n"
        "وأكد الجانبان أهمية تبادل الخبرات في مجال الجوازات والإقامة.",
        {"kind": "meeting", "host": "QA", "guests": ["KR"], "forms": Lacks("visit")},
        home="QA",
    ),
    case(
        "phone-call-has-no-host",
        "تلقى وزير الداخلية اتصالا هاتفيا من نظيره الإيطالي جرى خلاله بحث ملف الهجرة غير الشرعية "
        "والتنسيق في مجال أمن الحدود.",
        {"host": None},
        home="LY",
    ),
    case(
        "unqualified-ministry-is-home",
        "استقبلت الوزارة وفدا من الشرطة الفرنسية للاطلاع على تجربة المملكة في السلامة المرورية.",
        {"host": "SA", "guests": ["FR"], "domains": Has("traffic_safety")},
        home="SA",
    ),
    case(
        "verbal-noun-after-qama-keeps-its-subject-as-host",
        "زيارة وفد أمني أردني\n"
        "في الفترة من 3 إلى 5 مايو 2024، قامت وزارة الداخلية باستضافة وفد أمني من الأردن "
        "للاطلاع على تجربتها في إدارة المنافذ.",
        {"host": "BH", "guests": ["JO"]},
        home="BH",
    ),
    case(
        "reception-reported-late-in-a-statement",
        "صرح وزير الداخلية الليبي لوكالة الأنباء بأن بلاده تعمل على تطوير منظومة الجوازات "
        "بالاستفادة من التجربة التونسية.\n"
        "وأضاف الوزير أن التنسيق مستمر في مجال أمن الحدود.\n"
        "وعبر في ختام تصريحه عن تقديره لحسن استقبال الوفد الليبي خلال زيارته الأخيرة.",
        {"kind": "statement", "host": "TN", "guests": ["LY"]},
    ),
    case(
        "place-left-behind-is-not-the-venue",
        "غادر وزير الداخلية القاهرة صباح اليوم متوجها إلى روما في زيارة رسمية يلتقي خلالها "
        "نظيره الإيطالي لبحث ملف الهجرة غير الشرعية.",
        {"kind": "visit", "host": "IT", "guests": ["EG"], "country": "IT"},
        home="EG",
    ),
    case(
        "hard-wrapped-page-keeps-lead-and-background",
        "وزير الداخلية يستقبل نظيره\n"
        "استقبل وزير الداخلية المصري اللواء سامح\n"
        "فؤاد الشريف اليوم في القاهرة وزير\n"
        "الداخلية الكيني في زيارة رسمية.\n"
        "وبحث الجانبان سبل التعاون في مكافحة\n"
        "الإرهاب وتبادل المعلومات.\n"
        "ويذكر أن وزير الداخلية البرازيلي كان\n"
        "قد زار الأرجنتين العام الماضي.",
        {"host": "EG", "parties": {"EG", "KE"}},
    ),
    case(
        "secretariats-seat-is-the-named-organisations",
        "تنطلق غدا بمقر الأمانة العامة في تونس أعمال الدورة الخامسة لمؤتمر رؤساء أجهزة الدفاع "
        "المدني التابع لمجلس وزراء الداخلية العرب بمشاركة ممثلين عن الأمم المتحدة.",
        {"host": "AIMC", "country": "TN"},
    ),
    # "الزيارة التي قام بها إلى ...": the relative clause carries the visit's destination.
    case(
        "visits-relative-clause-names-its-destination",
        "بحث وزير الداخلية الفرنسي التعاون الأمني خلال الزيارة التي قام بها إلى المغرب اليوم.",
        {"host": "MA"},
    ),
    case(
        "visits-relative-clause-in-the-present",
        "وأشاد الوفد الأردني بنتائج الزيارة التي يقوم بها حاليا إلى قطر.",
        {"host": "QA"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), VISITS)
def test_who_travelled_where_and_who_received_whom(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


# The main event clause decides the host, and the evidence says why.
DIRECTION = [
    case(
        "met-in-a-capital-abroad",
        "بحث وزير الداخلية الشيخ ناصر الحمد في العاصمة الفرنسية باريس سبل التعاون الأمني "
        "مع كبار مسؤولي الشرطة الفرنسية، في زيارة رسمية تستمر أربعة أيام.",
        {"host": "FR", "guests": ["KW"], "host_reason": StartsWith("host FR:")},
        home="KW",
    ),
    case(
        "receiving-verb-opens-the-body",
        "استقبل وزير الداخلية اللواء سالم الخالدي اليوم منسق مكافحة الإرهاب في الخارجية الكندية.\n"
        "ورحب الوزير بزيارة المنسق الكندي إلى البحرين، مؤكدا أهمية تبادل المعلومات.",
        {"host": "BH", "guests": ["CA"], "host_reason": StartsWith("host BH:")},
        home="BH",
    ),
    case(
        "organisations-members-meet-where-they-meet",
        "يعقد وزراء الداخلية بدول مجلس التعاون لدول الخليج العربية اجتماعهم السنوي "
        "يوم الأربعاء المقبل في الدوحة لبحث التنسيق الأمني.",
        {"host": "QA", "guests": ["GCC"], "host_reason": StartsWith("host QA:")},
        home="QA",
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), DIRECTION)
def test_the_main_event_clause_decides_who_received_whom(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


KINDS = [
    case(
        "signing",
        "وقعت وزارة الداخلية البحرينية ومنظمة الإنتربول مذكرة تفاهم لتبادل المعلومات حول الجرائم الإلكترونية "
        "في المنامة اليوم.",
        {
            "kind": "agreement_signing",
            "parties": {"BH", "INTERPOL"},
            "forms": Has("agreement"),
            "domains": Has("cybercrime"),
        },
    ),
    case(
        "multilateral-conference",
        "انطلقت في القاهرة أعمال الاجتماع الحادي عشر لمجلس وزراء الداخلية العرب بمشاركة وفود "
        "الدول الأعضاء، ويستمر الاجتماع على مدى يومين لبحث مكافحة الإرهاب.",
        {"kind": "conference", "parties": Has("AIMC"), "domains": Has("counter_terrorism")},
        published="2024-02-20",
    ),
    case(
        "statement-and-its-follow-ups",
        "قال وزير الداخلية الموريتاني في تصريح صحفي إن بلاده تسعى لتعزيز التعاون مع الجزائر، "
        "وأضاف أنه سيتم تنظيم دورات تدريبية مشتركة في مجال حماية الحدود.",
        {"kind": "statement", "parties": {"MR", "DZ"}, "follow_ups": SomeContains("دورات تدريبية")},
    ),
    case(
        "statement-without-a-reception-has-no-host",
        "قال مدير الشرطة الإسبانية في مليلية إن التعاون مع الأجهزة المغربية في مكافحة "
        "الهجرة غير الشرعية بلغ مستوى متقدما، مشيرا إلى اتفاقية تعاون موقعة مع المغرب.",
        {"kind": "statement", "host": None, "guests": []},
    ),
    case(
        "multilateral-meeting-the-country-hosts-is-a-conference",
        "انطلاق الاجتماع السابع لرؤساء أجهزة مكافحة المخدرات في المنامة\n"
        "انطلقت اليوم في المنامة أعمال الاجتماع السابع لرؤساء أجهزة مكافحة المخدرات بدول "
        "مجلس التعاون لدول الخليج العربية، الذي تستضيفه وزارة الداخلية على مدى يومين.",
        {"kind": "conference", "host": "BH", "guests": Has("GCC")},
        home="BH",
    ),
    case(
        "course-the-ministry-holds-at-home",
        "اختتام دورة تدريبية في التحقيق الجنائي\n"
        "اختتمت الأكاديمية الشرطية الدورة التدريبية التي نفذها خبراء من مكتب الأمم المتحدة "
        "المعني بالمخدرات والجريمة لضباط من العراق والأردن.",
        {"kind": "workshop", "host": "JO", "guests": {"UN", "IQ"}},
        home="JO",
    ),
    case(
        "ja-dhalika-occasion-beats-a-training-word",
        "أشاد مدير عام الدفاع المدني العميد ناصر حمد الخالدي بمستوى التدريب والدورات التي "
        "يحصل عليها منتسبو الجهاز من خلال البرامج التدريبية الحديثة.\n"
        "جاء ذلك خلال زيارته على رأس وفد إلى المديرية العامة للدفاع المدني بسلطنة عمان "
        "والتي التقى خلالها بعدد من القيادات.",
        {"kind": "visit", "host": "OM", "guests": ["KW"]},
        home="KW",
    ),
    case(
        "framing-sentence-with-an-earlier-today-is-not-background",
        "بحث وزير الداخلية مع نظيره الموريتاني سبل التعاون في مكافحة الإرهاب.\n"
        "جاء ذلك على هامش اجتماعات المؤتمر الإقليمي التي انطلقت في وقت سابق اليوم بحضور "
        "وزير الداخلية الموريتاني اللواء سيدي ولد محمود.",
        {"kind": "meeting", "host": None, "names": Has("سيدي ولد محمود")},
        home="MA",
    ),
    case(
        "agency-dateline-is-not-the-place-of-a-signing",
        "الكويت ومنظمة الإنتربول توقعان مذكرة تفاهم\n"
        "الكويت - كونا\n"
        "وقعت وزارة الداخلية مذكرة تفاهم مع منظمة الإنتربول بشأن تبادل المعلومات الجنائية.",
        {"kind": "agreement_signing", "host": None, "country": None},
        home="KW",
    ),
    case(
        "foreign-minister-signing-on-home-soil-visited",
        "وقع وزير الداخلية اللواء حسن علي المرزوقي، اليوم في العاصمة مسقط، مذكرة تفاهم مع "
        "الدكتور رامي فؤاد الحسيني، وزير العدل الأردني، في مجال مكافحة الجرائم الإلكترونية.",
        {"kind": "agreement_signing", "host": "OM", "forms": Has("visit")},
        home="OM",
    ),
    case(
        "ambassador-signing-is-no-visit",
        "وقع مدير عام الحماية المدنية مع سفير اليابان لدى الجزائر اتفاق تعاون في مجال "
        "التدريب على إدارة الكوارث، بمقر المديرية العامة.",
        {"kind": "agreement_signing", "forms": Lacks("visit")},
        home="DZ",
    ),
    case(
        "numbered-session-is-a-conference",
        "افتتحت في الرباط أعمال الدورة السابعة عشرة للجنة العربية لمكافحة الجرائم الإلكترونية "
        "بحضور ممثلين عن الدول الأعضاء.",
        {"kind": "conference"},
    ),
    case(
        "many-countries-taking-part-make-a-conference",
        "انطلقت في عمان أعمال الاجتماع الإقليمي لخبراء أمن الحدود بمشاركة 11 دولة عربية "
        "وخبراء من منظمة الإنتربول.",
        {"kind": "conference"},
    ),
    # Saying anchored to a meeting abroad: the meeting is the event, its city the host's.
    case(
        "saying-after-a-meeting-abroad-is-a-visit",
        "أكد وزير الداخلية الكويتي فلان الفلاني، عقب لقائه في مدينة الدار البيضاء نظيره المغربي، "
        "أهمية التعاون في مكافحة المخدرات.",
        {"kind": "visit", "host": "MA"},
    ),
    case(
        "saying-during-a-visit-is-a-visit",
        "صرح وزير الداخلية التونسي خلال زيارته إلى روما أن التنسيق مع نظيره الإيطالي مستمر.",
        {"kind": "visit", "host": "IT"},
    ),
    # A saying with no event named in its sentence stays a statement, with no host.
    case(
        "saying-without-an-event-is-a-statement",
        "أكد وزير الداخلية الكويتي أهمية التعاون مع المغرب في مكافحة المخدرات.",
        {"kind": "statement", "host": None},
    ),
    # The sidelines of one's own visit frame no other event: it is the visit.
    case(
        "sidelines-of-ones-own-visit",
        "أجرى وزير الداخلية الفرنسي محادثات في العاصمة الجزائرية مع نظيره الجزائري، وذلك على "
        "هامش الزيارة التي قام بها إلى الجزائر.\nوبحث الجانبان التعاون الأمني.",
        {"kind": "visit", "host": "DZ", "country": "DZ", "parties": {"FR", "DZ"}},
    ),
    # The sidelines of a conference still frame another event: a meeting nobody hosts.
    case(
        "sidelines-of-a-conference",
        "التقى وزير الداخلية الأردني نظيره العراقي على هامش مؤتمر دولي لمكافحة الإرهاب.",
        {"kind": "meeting", "host": None, "country": None, "parties": {"JO", "IQ"}},
    ),
    # A numbered session of an organisation's body, held on no party's soil: it convenes.
    case(
        "organisations-session-abroad-convened-by-it",
        "شاركت وزارة الداخلية الأردنية في أعمال الدورة (40) للجنة الأمم المتحدة المعنية بمكافحة "
        "المخدرات بالعاصمة النمساوية فيينا.",
        {"kind": "conference", "host": "UN"},
        home="JO",
    ),
    # Held on a party's soil, that party hosts as before.
    case(
        "organisations-session-on-a-partys-soil",
        "استضافت وزارة الداخلية الأردنية في عمان أعمال الدورة (40) للجنة الأمم المتحدة المعنية "
        "بمكافحة المخدرات بمشاركة وفود من مصر والعراق.",
        {"kind": "conference", "host": "JO"},
        home="JO",
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), KINDS)
def test_the_kind_of_event(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


DATES = [
    case(
        "numeric-day-range",
        "عقدت اللجنة الأمنية المشتركة بين الكويت والعراق اجتماعها الثالث في بغداد من 3 إلى 5 مارس 2024.",
        {"start": "2024-03-03", "end": "2024-03-05"},
    ),
    case(
        "figures-with-slashes",
        "استقبل مدير شرطة دبي بتاريخ 9/11/2023 وفدا من الشرطة الألمانية.",
        {"start": "2023-11-09"},
    ),
    case(
        "levantine-month-name",
        "التقى وزير الداخلية اللبناني في 12 حزيران 2024 سفير كندا في بيروت.",
        {"start": "2024-06-12"},
    ),
    case(
        "hijri-days-and-month",
        "تنظم وزارة الداخلية ندوة دولية عن أمن الحدود يومي 1 و2 رمضان 1445هـ بمشاركة خبراء من تركيا وماليزيا.",
        {"start": "2024-03-11", "end": "2024-03-12"},
        home="SA",
    ),
    case(
        "relative-date-without-publication-date",
        "استقبل وزير الداخلية أمس الأربعاء سفير اليابان لدى المملكة.",
        {"start": None},
        home="SA",
    ),
    case(
        "relative-date-against-publication-date",
        "استقبل وزير الداخلية أمس الأربعاء سفير اليابان لدى المملكة.",
        {"start": "2025-01-15"},
        published="2025-01-16",
        home="SA",
    ),
    case(
        "dateline-and-background-dates-ignored",
        "وزير الداخلية يستقبل سفير إيطاليا\n"
        "نشر في: الخميس 4 يوليو 2024\n"
        "استقبل وزير الداخلية التونسي سفير إيطاليا لدى تونس وبحثا التعاون في مكافحة الهجرة غير الشرعية.\n"
        "وتنص الاتفاقية الموقعة بين البلدين، في 2 فبراير 2019، على تبادل الخبرات.",
        {"start": None, "kind": "meeting", "domains": Has("illegal_migration")},
    ),
    case(
        "hijri-figures-range-borrowing-the-year",
        "نظمت الأكاديمية خلال الفترة من 2-5 إلى 9-5-1445هـ دورة في التحقيق الجنائي.",
        {"start": "2023-11-16", "end": "2023-11-23"},
    ),
    case(
        "tomorrow-until-a-date",
        "تعقد اللجنة اجتماعاتها غدا الأحد وحتى 12 مارس الجاري في الدوحة.",
        {"start": "2024-03-10", "end": "2024-03-12"},
        published="2024-03-09",
    ),
    case(
        "hijri-figures",
        "وقعت الوزارة بتاريخ 3/7/1444هـ مذكرة تفاهم مع الشرطة الأردنية.",
        {"start": "2023-01-25", "end": "2023-01-25"},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), DATES)
def test_the_date_of_the_event(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


PARTIES = [
    case(
        "agency-counts-as-its-organisation",
        "وقعت الشرطة المغربية مع وكالة فرونتكس اتفاقا لتبادل المعلومات حول الهجرة غير الشرعية.",
        {"parties": {"MA", "EU"}},
    ),
    case(
        "named-convention-is-no-party",
        "بحث وزير الداخلية التونسي مع نظيره المالطي تنفيذ اتفاقية الأمم المتحدة لمكافحة "
        "الجريمة المنظمة عبر الوطنية.",
        {"parties": Lacks("UN")},
    ),
    case(
        "official-name-containing-another-country",
        "استقبل وزير الداخلية الكويتي سفير الولايات المتحدة المكسيكية لدى البلاد.",
        {"parties": {"KW", "MX"}},
    ),
    case(
        "bilateral-lead-later-countries-are-context",
        "استقبل وزير الداخلية العماني صباح اليوم في مكتبه بمسقط سفير اليابان لدى السلطنة "
        "وبحث معه سبل تعزيز التعاون الثنائي في مجال الأمن السيبراني وتبادل الخبرات.\n"
        "وأكد الوزير خلال اللقاء أهمية تطوير برامج التدريب المشترك بين الأجهزة المختصة في "
        "البلدين وتبادل المعلومات حول الجرائم الإلكترونية العابرة للحدود.\n"
        "وأشار السفير إلى أن بلاده نفذت خلال السنوات الأخيرة برامج مماثلة مع ماليزيا "
        "وإندونيسيا وحققت نتائج ملموسة في خفض معدلات الاحتيال الإلكتروني.",
        {"parties": {"OM", "JP"}},
    ),
    case(
        "multilateral-lead-keeps-participants-listed-later",
        "انطلقت في الرباط أعمال المؤتمر الدولي لأمن الحدود بمشاركة وفود عربية وأوروبية.\n"
        "وتحدث في الجلسة الأولى الوزير المغربي.\n"
        "ويشارك في المؤتمر ممثلون عن تونس والجزائر وإسبانيا وفرنسا.",
        {"parties": Has("TN", "DZ", "ES", "FR")},
    ),
    # Countries discussed are not parties.
    case(
        "topic-crises-of-the-region",
        "بحث الوزيران الأردني والمصري انعكاسات أزمات المنطقة سواء في اليمن أو السودان.",
        {"parties": Lacks("YE", "SD", "LY", "SY")},
    ),
    case(
        "topic-a-countrys-crisis",
        "استعرض وزير الداخلية القطري مع نظيره التركي تطورات الأزمة الليبية.",
        {"parties": Lacks("YE", "SD", "LY", "SY")},
    ),
    case(
        "topic-a-countrys-file",
        "ناقش الجانبان الأردني والعراقي ملف سوريا وأمن الحدود.",
        {"parties": Lacks("YE", "SD", "LY", "SY")},
    ),
    # "الكويت العاصمة": the capital named after its country is the venue, not a party.
    case(
        "capital-after-its-country-is-a-place",
        "استضافت الكويت العاصمة اجتماعا لمجلس وزراء الداخلية العرب في مقر الأمانة العامة "
        "بمشاركة وفود من الأردن ومصر.",
        {"country": "KW", "parties": Lacks("KW")},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), PARTIES)
def test_who_takes_part(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)


PEOPLE = [
    case(
        "ranks-and-staff-rank-out-of-names",
        VISIT_IN,
        {"ranks": Has({"سالم بن راشد الهاملي": "لواء ركن", "خليفة بن سيف الكندي": "عميد"})},
        home="SA",
    ),
    case(
        "background-head-of-state-left-out",
        "استقبل وزير الداخلية القطري الشيخ حمد بن ناصر آل ثاني سفير ماليزيا لدى الدوحة أحمد فاروق ابراهيم، "
        "بتوجيهات من الرئيس الماليزي.",
        {"names": Has("حمد بن ناصر آل ثاني", "أحمد فاروق ابراهيم")},
    ),
    case(
        "comma-between-name-and-position",
        "استقبل وزير الداخلية الأردني، ماريا كوستا، مفوضة الشؤون الداخلية بالاتحاد الأوروبي، في عمان.",
        {"names": Has("ماريا كوستا")},
    ),
    case(
        "single-names-after-wa-al-sayyid-no-preposition-junk",
        "التقى وزير الداخلية وفدا من الشرطة الإيرانية برئاسة العميد ذو الفقار مدير الحدود "
        "والسيد بهرامي رئيس دائرة الإقامة، والسيد كاظمي رئيس دائرة الجوازات.\n"
        "وأكد العميد الزعابي على دور هذه اللقاءات في تعزيز التعاون.",
        {"names": Has("بهرامي", "كاظمي")},
        home="IQ",
    ),
    case(
        "no-name-ends-with-the-preposition-ala",
        "التقى وزير الداخلية وفدا من الشرطة الإيرانية برئاسة العميد ذو الفقار مدير الحدود "
        "والسيد بهرامي رئيس دائرة الإقامة، والسيد كاظمي رئيس دائرة الجوازات.\n"
        "وأكد العميد الزعابي على دور هذه اللقاءات في تعزيز التعاون.",
        {"names": NoneEndsWith("على")},
        home="IQ",
    ),
    case(
        "persons-party-is-the-first-body-in-their-position",
        "استقبل نائب رئيس الوزراء وزير الداخلية الرئيس الفخري لمجلس وزراء الداخلية العرب "
        "الشيخ سالم عبدالله الصباح اليوم وفدا أمنيا من المغرب.",
        {"people_parties": Has({"سالم عبدالله الصباح": "KW"})},
        home="KW",
    ),
    case(
        "rank-after-the-list-conjunction",
        "حضر اللقاء العميد سالم راشد الكعبي، واللواء ناصر خليفة الدرعي، والعقيد هاني يوسف المطيري.",
        {"ranks": {"سالم راشد الكعبي": "عميد", "ناصر خليفة الدرعي": "لواء", "هاني يوسف المطيري": "عقيد"}},
    ),
    case(
        "list-conjunction-off-names-waw-names-whole",
        "شارك في الاجتماع وزراء الداخلية: رامي سعيد الخطيب وزير الداخلية الأردني "
        "وكريم فؤاد العلي وزير الداخلية العراقي ووليد حسن الزين وزير الداخلية اللبناني.",
        {"names": Has("رامي سعيد الخطيب", "كريم فؤاد العلي", "وليد حسن الزين")},
    ),
    case(
        "ala-with-alef-maqsura-is-a-preposition",
        "أثنى المدير العام على شرح مفصل قدمه العقيد فهد سالم العنزي عن خطة الطوارئ.",
        {"names": {"فهد سالم العنزي"}},
    ),
]


@pytest.mark.parametrize(("text", "call", "expected"), PEOPLE)
def test_the_people_named(text: str, call: dict, expected: dict) -> None:
    check(text, call, expected)
