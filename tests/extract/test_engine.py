"""Behaviour tests for taawun.extract on short articles written for these tests."""

from __future__ import annotations

import json

import pytest

from taawun.extract import Record, extract, normalize_arabic
from taawun.extract.cli import main

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


def test_it_reads_an_incoming_visit() -> None:
    record = extract(VISIT_IN, published="2025-03-02", home="SA")
    assert record.kind == "visit"
    assert record.host == "SA"
    assert record.guests == ["OM"]
    assert set(record.parties) == {"SA", "OM"}
    assert record.location_country if hasattr(record, "location_country") else record.country == "SA"
    assert "narcotics" in record.domains and "border_security" in record.domains
    assert "information_exchange" in record.forms


def test_it_keeps_ranks_and_staff_rank_out_of_names() -> None:
    record = extract(VISIT_IN, home="SA")
    by_name = {p.name: p for p in record.people}
    assert by_name["سالم بن راشد الهاملي"].rank == "لواء ركن"
    assert by_name["خليفة بن سيف الكندي"].rank == "عميد"


def test_it_reads_an_outgoing_visit_as_hosted_by_the_destination() -> None:
    text = (
        "وصل مدير عام الدفاع المدني الأردني العميد نادر صالح العتوم إلى العاصمة المغربية الرباط "
        "على رأس وفد في زيارة عمل لبحث التعاون في مجال البحث والإنقاذ وإدارة الكوارث."
    )
    record = extract(text, home="JO")
    assert record.kind == "visit"
    assert record.host == "MA"
    assert record.guests == ["JO"]
    assert record.country == "MA"
    assert "crisis_management" in record.domains


def test_it_reads_numeric_and_range_dates() -> None:
    text = "عقدت اللجنة الأمنية المشتركة بين الكويت والعراق اجتماعها الثالث في بغداد من 3 إلى 5 مارس 2024."
    record = extract(text)
    assert (record.start, record.end) == ("2024-03-03", "2024-03-05")
    text = "استقبل مدير شرطة دبي بتاريخ 9/11/2023 وفدا من الشرطة الألمانية."
    assert extract(text).start == "2023-11-09"


def test_it_reads_levantine_month_names() -> None:
    text = "التقى وزير الداخلية اللبناني في 12 حزيران 2024 سفير كندا في بيروت."
    assert extract(text).start == "2024-06-12"


def test_it_reads_hijri_dates() -> None:
    text = (
        "تنظم وزارة الداخلية ندوة دولية عن أمن الحدود يومي 1 و2 رمضان 1445هـ بمشاركة خبراء من تركيا وماليزيا."
    )
    record = extract(text, home="SA")
    assert record.start == "2024-03-11"
    assert record.end == "2024-03-12"


def test_it_resolves_relative_dates_only_against_published() -> None:
    text = "استقبل وزير الداخلية أمس الأربعاء سفير اليابان لدى المملكة."
    assert extract(text, home="SA").start is None
    record = extract(text, published="2025-01-16", home="SA")
    assert record.start == "2025-01-15"


def test_it_ignores_datelines_and_background_dates() -> None:
    text = (
        "وزير الداخلية يستقبل سفير إيطاليا\n"
        "نشر في: الخميس 4 يوليو 2024\n"
        "استقبل وزير الداخلية التونسي سفير إيطاليا لدى تونس وبحثا التعاون في مكافحة الهجرة غير الشرعية.\n"
        "وتنص الاتفاقية الموقعة بين البلدين، في 2 فبراير 2019، على تبادل الخبرات."
    )
    record = extract(text)
    assert record.start is None
    assert record.kind == "meeting"
    assert "illegal_migration" in record.domains


def test_it_reads_an_agreement_signing() -> None:
    text = (
        "وقعت وزارة الداخلية البحرينية ومنظمة الإنتربول مذكرة تفاهم لتبادل المعلومات حول الجرائم الإلكترونية "
        "في المنامة اليوم."
    )
    record = extract(text)
    assert record.kind == "agreement_signing"
    assert set(record.parties) == {"BH", "INTERPOL"}
    assert "agreement" in record.forms and "cybercrime" in record.domains


def test_it_counts_an_agency_as_its_organisation() -> None:
    text = "وقعت الشرطة المغربية مع وكالة فرونتكس اتفاقا لتبادل المعلومات حول الهجرة غير الشرعية."
    assert set(extract(text).parties) == {"MA", "EU"}


def test_it_reads_a_multilateral_conference() -> None:
    text = (
        "انطلقت في القاهرة أعمال الاجتماع الحادي عشر لمجلس وزراء الداخلية العرب بمشاركة وفود "
        "الدول الأعضاء، ويستمر الاجتماع على مدى يومين لبحث مكافحة الإرهاب."
    )
    record = extract(text, published="2024-02-20")
    assert record.kind == "conference"
    assert "AIMC" in record.parties
    assert "counter_terrorism" in record.domains


def test_it_reads_a_statement_and_its_follow_ups() -> None:
    text = (
        "قال وزير الداخلية الموريتاني في تصريح صحفي إن بلاده تسعى لتعزيز التعاون مع الجزائر، "
        "وأضاف أنه سيتم تنظيم دورات تدريبية مشتركة في مجال حماية الحدود."
    )
    record = extract(text)
    assert record.kind == "statement"
    assert set(record.parties) == {"MR", "DZ"}
    assert any("دورات تدريبية" in item for item in record.follow_ups)


def test_it_resolves_the_unqualified_ministry_to_home() -> None:
    text = "استقبلت الوزارة وفدا من الشرطة الفرنسية للاطلاع على تجربة المملكة في السلامة المرورية."
    record = extract(text, home="SA")
    assert record.host == "SA"
    assert record.guests == ["FR"]
    assert "traffic_safety" in record.domains


def test_it_leaves_background_heads_of_state_out_of_people() -> None:
    text = (
        "استقبل وزير الداخلية القطري الشيخ حمد بن ناصر آل ثاني سفير ماليزيا لدى الدوحة أحمد فاروق ابراهيم، "
        "بتوجيهات من الرئيس الماليزي."
    )
    names = [p.name for p in extract(text).people]
    assert "حمد بن ناصر آل ثاني" in names
    assert "أحمد فاروق ابراهيم" in names


def test_it_finds_people_with_a_comma_between_name_and_position() -> None:
    text = "استقبل وزير الداخلية الأردني، ماريا كوستا، مفوضة الشؤون الداخلية بالاتحاد الأوروبي، في عمان."
    names = [p.name for p in extract(text).people]
    assert "ماريا كوستا" in names


def test_it_gives_evidence_spans_into_the_original_text() -> None:
    record: Record = extract(VISIT_IN, home="SA")
    assert record.evidence
    for spans in record.evidence.values():
        for start, end in spans:
            assert 0 <= start < end <= len(VISIT_IN)
    start, end = record.evidence["domains:narcotics"][0]
    assert "مخدر" in VISIT_IN[start:end]


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


# --- the event model: who travelled where, who received whom, the lead vs background ----------


def test_an_outgoing_visit_is_hosted_by_the_destination_not_the_travellers_nisba() -> None:
    text = (
        "وزير الداخلية يبحث التعاون الأمني في نواكشوط\n"
        "وصل وزير الداخلية التونسي 'منير بن صالح القروي' مساء أمس الثلاثاء إلى العاصمة الموريتانية "
        "نواكشوط على رأس وفد أمني في زيارة رسمية تستمر يومين.\n"
        "وكان في استقباله لدى وصوله نظيره الموريتاني محمد ولد أحمد."
    )
    record = extract(text, home="TN")
    assert record.host == "MR"
    assert record.guests == ["TN"]
    assert record.country == "MR"
    assert any(p.name == "منير بن صالح القروي" for p in record.people)


def test_a_headline_subject_before_the_verb_is_the_visitor() -> None:
    text = (
        "وفد شرطي أردني يزور وزارة الداخلية\n"
        "اطلع وفد من مديرية الأمن العام الأردنية على تجربة الوزارة في إدارة المنافذ، "
        "وذلك خلال زيارة استمرت ثلاثة أيام."
    )
    record = extract(text, home="BH")
    assert record.host == "BH"
    assert record.guests == ["JO"]


def test_a_later_side_trip_does_not_move_the_host() -> None:
    text = (
        "استقبل وزير الداخلية اللواء سعيد بن خالد الزعابي في مكتبه اليوم وفدا من الشرطة الهولندية "
        "برئاسة هانس فان دير بيرغ مدير التعاون الدولي.\n"
        "وناقش الجانبان تبادل المعلومات في مجال مكافحة الجرائم الإلكترونية.\n"
        "وكان الوزير قد أجرى زيارة إلى لاهاي العام الماضي تم خلالها التوقيع على خطة عمل."
    )
    record = extract(text, home="AE")
    assert record.kind == "visit"
    assert record.host == "AE"
    assert record.guests == ["NL"]


def test_an_organisation_delegation_received_makes_the_home_country_host() -> None:
    text = (
        "لدى استقباله وفد الإنتربول\n"
        "جرى خلال استقبال وزير الداخلية وفدا من منظمة الإنتربول برئاسة المدير الإقليمي "
        "بحث سبل دعم قدرات الشرطة الجنائية، وذلك بمقر الوزارة."
    )
    record = extract(text, home="JO")
    assert record.host == "JO"
    assert record.guests == ["INTERPOL"]


def test_a_resident_ambassadors_call_is_a_meeting_hosted_by_the_ministry() -> None:
    text = (
        "بحث مدير إدارة الجوازات العميد ركن فهد سلطان المري، اليوم، مع سفير جمهورية كوريا "
        "لدى الدولة سبل تسهيل إجراءات التأشيرات.\n"
        "وأكد الجانبان أهمية تبادل الخبرات في مجال الجوازات والإقامة."
    )
    record = extract(text, home="QA")
    assert record.kind == "meeting"
    assert record.host == "QA"
    assert record.guests == ["KR"]
    assert "visit" not in record.forms


def test_a_phone_call_has_no_host() -> None:
    text = (
        "تلقى وزير الداخلية اتصالا هاتفيا من نظيره الإيطالي جرى خلاله بحث ملف الهجرة غير الشرعية "
        "والتنسيق في مجال أمن الحدود."
    )
    record = extract(text, home="LY")
    assert record.host is None


def test_a_multilateral_meeting_the_country_hosts_is_a_conference() -> None:
    text = (
        "انطلاق الاجتماع السابع لرؤساء أجهزة مكافحة المخدرات في المنامة\n"
        "انطلقت اليوم في المنامة أعمال الاجتماع السابع لرؤساء أجهزة مكافحة المخدرات بدول "
        "مجلس التعاون لدول الخليج العربية، الذي تستضيفه وزارة الداخلية على مدى يومين."
    )
    record = extract(text, home="BH")
    assert record.kind == "conference"
    assert record.host == "BH"
    assert "GCC" in record.guests


def test_a_course_the_ministry_holds_at_home_is_hosted_by_home() -> None:
    text = (
        "اختتام دورة تدريبية في التحقيق الجنائي\n"
        "اختتمت الأكاديمية الشرطية الدورة التدريبية التي نفذها خبراء من مكتب الأمم المتحدة "
        "المعني بالمخدرات والجريمة لضباط من العراق والأردن."
    )
    record = extract(text, home="JO")
    assert record.kind == "workshop"
    assert record.host == "JO"
    assert set(record.guests) == {"UN", "IQ"}


def test_the_occasion_named_by_ja_dhalika_decides_the_kind_over_a_training_word() -> None:
    text = (
        "أشاد مدير عام الدفاع المدني العميد ناصر حمد الخالدي بمستوى التدريب والدورات التي "
        "يحصل عليها منتسبو الجهاز من خلال البرامج التدريبية الحديثة.\n"
        "جاء ذلك خلال زيارته على رأس وفد إلى المديرية العامة للدفاع المدني بسلطنة عمان "
        "والتي التقى خلالها بعدد من القيادات."
    )
    record = extract(text, home="KW")
    assert record.kind == "visit"
    assert record.host == "OM"
    assert record.guests == ["KW"]


def test_a_framing_sentence_is_not_background_even_with_an_earlier_today() -> None:
    text = (
        "بحث وزير الداخلية مع نظيره الموريتاني سبل التعاون في مكافحة الإرهاب.\n"
        "جاء ذلك على هامش اجتماعات المؤتمر الإقليمي التي انطلقت في وقت سابق اليوم بحضور "
        "وزير الداخلية الموريتاني اللواء سيدي ولد محمود."
    )
    record = extract(text, home="MA")
    assert record.kind == "meeting"
    assert record.host is None
    assert any(p.name == "سيدي ولد محمود" for p in record.people)


def test_an_agency_dateline_is_not_the_place_of_a_signing() -> None:
    text = (
        "الكويت ومنظمة الإنتربول توقعان مذكرة تفاهم\n"
        "الكويت - كونا\n"
        "وقعت وزارة الداخلية مذكرة تفاهم مع منظمة الإنتربول بشأن تبادل المعلومات الجنائية."
    )
    record = extract(text, home="KW")
    assert record.kind == "agreement_signing"
    assert record.host is None
    assert record.country is None


def test_a_statement_without_a_reception_has_no_host() -> None:
    text = (
        "قال مدير الشرطة الإسبانية في مليلية إن التعاون مع الأجهزة المغربية في مكافحة "
        "الهجرة غير الشرعية بلغ مستوى متقدما، مشيرا إلى اتفاقية تعاون موقعة مع المغرب."
    )
    record = extract(text)
    assert record.kind == "statement"
    assert record.host is None and record.guests == []


def test_people_single_names_after_wa_al_sayyid_and_no_preposition_junk() -> None:
    text = (
        "التقى وزير الداخلية وفدا من الشرطة الإيرانية برئاسة العميد ذو الفقار مدير الحدود "
        "والسيد بهرامي رئيس دائرة الإقامة، والسيد كاظمي رئيس دائرة الجوازات.\n"
        "وأكد العميد الزعابي على دور هذه اللقاءات في تعزيز التعاون."
    )
    names = {p.name for p in extract(text, home="IQ").people}
    assert {"بهرامي", "كاظمي"} <= names
    assert not any(name.endswith("على") for name in names)


def test_a_persons_party_is_the_first_body_in_their_position() -> None:
    text = (
        "استقبل نائب رئيس الوزراء وزير الداخلية الرئيس الفخري لمجلس وزراء الداخلية العرب "
        "الشيخ سالم عبدالله الصباح اليوم وفدا أمنيا من المغرب."
    )
    record = extract(text, home="KW")
    person = next(p for p in record.people if p.name == "سالم عبدالله الصباح")
    assert person.party == "KW"


def test_a_reception_reported_late_in_a_statement_gives_its_host() -> None:
    text = (
        "صرح وزير الداخلية الليبي لوكالة الأنباء بأن بلاده تعمل على تطوير منظومة الجوازات "
        "بالاستفادة من التجربة التونسية.\n"
        "وأضاف الوزير أن التنسيق مستمر في مجال أمن الحدود.\n"
        "وعبر في ختام تصريحه عن تقديره لحسن استقبال الوفد الليبي خلال زيارته الأخيرة."
    )
    record = extract(text)
    assert record.kind == "statement"
    assert record.host == "TN"
    assert record.guests == ["LY"]


def test_a_foreign_minister_signing_on_home_soil_adds_the_visit_form() -> None:
    text = (
        "وقع وزير الداخلية اللواء حسن علي المرزوقي، اليوم في العاصمة مسقط، مذكرة تفاهم مع "
        "الدكتور رامي فؤاد الحسيني، وزير العدل الأردني، في مجال مكافحة الجرائم الإلكترونية."
    )
    record = extract(text, home="OM")
    assert record.kind == "agreement_signing"
    assert record.host == "OM"
    assert "visit" in record.forms


def test_an_ambassador_signing_does_not_add_the_visit_form() -> None:
    text = (
        "وقع مدير عام الحماية المدنية مع سفير اليابان لدى الجزائر اتفاق تعاون في مجال "
        "التدريب على إدارة الكوارث، بمقر المديرية العامة."
    )
    record = extract(text, home="DZ")
    assert record.kind == "agreement_signing"
    assert "visit" not in record.forms


def test_the_place_left_behind_is_not_the_venue() -> None:
    text = (
        "غادر وزير الداخلية القاهرة صباح اليوم متوجها إلى روما في زيارة رسمية يلتقي خلالها "
        "نظيره الإيطالي لبحث ملف الهجرة غير الشرعية."
    )
    record = extract(text, home="EG")
    assert record.kind == "visit"
    assert record.host == "IT"
    assert record.guests == ["EG"]
    assert record.country == "IT"


# --- direction from the main event clause -----------------------------------------------------

DIRECTION = [
    (
        "بحث وزير الداخلية الشيخ ناصر الحمد في العاصمة الفرنسية باريس سبل التعاون الأمني "
        "مع كبار مسؤولي الشرطة الفرنسية، في زيارة رسمية تستمر أربعة أيام.",
        "KW",
        "FR",
        ["KW"],
    ),
    (
        "استقبل وزير الداخلية اللواء سالم الخالدي اليوم منسق مكافحة الإرهاب في الخارجية الكندية.\n"
        "ورحب الوزير بزيارة المنسق الكندي إلى البحرين، مؤكدا أهمية تبادل المعلومات.",
        "BH",
        "BH",
        ["CA"],
    ),
    (
        "يعقد وزراء الداخلية بدول مجلس التعاون لدول الخليج العربية اجتماعهم السنوي "
        "يوم الأربعاء المقبل في الدوحة لبحث التنسيق الأمني.",
        "QA",
        "QA",
        ["GCC"],
    ),
]


@pytest.mark.parametrize(("text", "home", "host", "guests"), DIRECTION)
def test_the_main_event_clause_decides_who_received_whom(
    text: str, home: str, host: str, guests: list[str]
) -> None:
    record = extract(text, home=home)
    assert record.host == host
    assert record.guests == guests
    assert record.reasons["host"].startswith(f"host {host}:")


# --- kind ---------------------------------------------------------------------------------------

KINDS = [
    (
        "افتتحت في الرباط أعمال الدورة السابعة عشرة للجنة العربية لمكافحة الجرائم الإلكترونية "
        "بحضور ممثلين عن الدول الأعضاء.",
        "conference",
    ),
    (
        "انطلقت في عمان أعمال الاجتماع الإقليمي لخبراء أمن الحدود بمشاركة 11 دولة عربية "
        "وخبراء من منظمة الإنتربول.",
        "conference",
    ),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_numbered_sessions_and_many_countries_make_a_conference(text: str, kind: str) -> None:
    assert extract(text).kind == kind


# --- people -------------------------------------------------------------------------------------


def test_a_rank_after_the_list_conjunction_is_still_a_rank() -> None:
    text = "حضر اللقاء العميد سالم راشد الكعبي، واللواء ناصر خليفة الدرعي، والعقيد هاني يوسف المطيري."
    ranks = {p.name: p.rank for p in extract(text).people}
    assert ranks == {"سالم راشد الكعبي": "عميد", "ناصر خليفة الدرعي": "لواء", "هاني يوسف المطيري": "عقيد"}


def test_the_list_conjunction_is_not_part_of_a_name_but_waw_names_stay_whole() -> None:
    text = (
        "شارك في الاجتماع وزراء الداخلية: رامي سعيد الخطيب وزير الداخلية الأردني "
        "وكريم فؤاد العلي وزير الداخلية العراقي ووليد حسن الزين وزير الداخلية اللبناني."
    )
    names = {p.name for p in extract(text).people}
    assert {"رامي سعيد الخطيب", "كريم فؤاد العلي", "وليد حسن الزين"} <= names


def test_ala_spelled_with_alef_maqsura_is_a_preposition() -> None:
    text = "أثنى المدير العام على شرح مفصل قدمه العقيد فهد سالم العنزي عن خطة الطوارئ."
    names = {p.name for p in extract(text).people}
    assert names == {"فهد سالم العنزي"}


def test_a_named_convention_is_not_its_organisation_taking_part() -> None:
    text = (
        "بحث وزير الداخلية التونسي مع نظيره المالطي تنفيذ اتفاقية الأمم المتحدة لمكافحة "
        "الجريمة المنظمة عبر الوطنية."
    )
    assert "UN" not in extract(text).parties


def test_official_country_names_that_contain_another_country_name() -> None:
    text = "استقبل وزير الداخلية الكويتي سفير الولايات المتحدة المكسيكية لدى البلاد."
    assert set(extract(text).parties) == {"KW", "MX"}


# --- dates --------------------------------------------------------------------------------------

DATES = [
    (
        "نظمت الأكاديمية خلال الفترة من 2-5 إلى 9-5-1445هـ دورة في التحقيق الجنائي.",
        None,
        "2023-11-16",
        "2023-11-23",
    ),
    (
        "تعقد اللجنة اجتماعاتها غدا الأحد وحتى 12 مارس الجاري في الدوحة.",
        "2024-03-09",
        "2024-03-10",
        "2024-03-12",
    ),
    ("وقعت الوزارة بتاريخ 3/7/1444هـ مذكرة تفاهم مع الشرطة الأردنية.", None, "2023-01-25", "2023-01-25"),
]


@pytest.mark.parametrize(("text", "published", "start", "end"), DATES)
def test_hijri_figures_and_ranges(text: str, published: str | None, start: str, end: str) -> None:
    record = extract(text, published=published)
    assert (record.start, record.end) == (start, end)


def test_json_output_carries_a_confidence_per_field(tmp_path, capsys) -> None:
    page = tmp_path / "a.txt"
    page.write_text(VISIT_IN, encoding="utf-8")
    assert main(["--json", "--home", "SA", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["confidence"]) >= {"kind", "host", "start", "end", "location", "parties", "guests"}
    assert set(data["confidence"].values()) <= {"high", "low"}


TOPICS = [
    "بحث الوزيران الأردني والمصري انعكاسات أزمات المنطقة سواء في اليمن أو السودان.",
    "استعرض وزير الداخلية القطري مع نظيره التركي تطورات الأزمة الليبية.",
    "ناقش الجانبان الأردني والعراقي ملف سوريا وأمن الحدود.",
]


@pytest.mark.parametrize("text", TOPICS)
def test_countries_discussed_are_not_parties(text: str) -> None:
    parties = set(extract(text).parties)
    assert not parties & {"YE", "SD", "LY", "SY"}


def test_a_hard_wrapped_page_still_has_a_lead_and_a_background() -> None:
    text = (
        "وزير الداخلية يستقبل نظيره\n"
        "استقبل وزير الداخلية المصري اللواء سامح\n"
        "فؤاد الشريف اليوم في القاهرة وزير\n"
        "الداخلية الكيني في زيارة رسمية.\n"
        "وبحث الجانبان سبل التعاون في مكافحة\n"
        "الإرهاب وتبادل المعلومات.\n"
        "ويذكر أن وزير الداخلية البرازيلي كان\n"
        "قد زار الأرجنتين العام الماضي."
    )
    record = extract(text)
    assert record.host == "EG"
    assert set(record.parties) == {"EG", "KE"}


def test_the_secretariats_seat_belongs_to_the_organisation_the_sentence_names() -> None:
    text = (
        "تنطلق غدا بمقر الأمانة العامة في تونس أعمال الدورة الخامسة لمؤتمر رؤساء أجهزة الدفاع "
        "المدني التابع لمجلس وزراء الداخلية العرب بمشاركة ممثلين عن الأمم المتحدة."
    )
    record = extract(text)
    assert record.host == "AIMC"
    assert record.country == "TN"


def test_a_verbal_noun_after_qama_keeps_its_subject_as_host() -> None:
    text = (
        "زيارة وفد أمني أردني\n"
        "في الفترة من 3 إلى 5 مايو 2024، قامت وزارة الداخلية باستضافة وفد أمني من الأردن "
        "للاطلاع على تجربتها في إدارة المنافذ."
    )
    record = extract(text, home="BH")
    assert record.host == "BH"
    assert record.guests == ["JO"]


def test_a_bilateral_lead_names_its_sides_later_countries_are_context() -> None:
    text = (
        "استقبل وزير الداخلية العماني صباح اليوم في مكتبه بمسقط سفير اليابان لدى السلطنة "
        "وبحث معه سبل تعزيز التعاون الثنائي في مجال الأمن السيبراني وتبادل الخبرات.\n"
        "وأكد الوزير خلال اللقاء أهمية تطوير برامج التدريب المشترك بين الأجهزة المختصة في "
        "البلدين وتبادل المعلومات حول الجرائم الإلكترونية العابرة للحدود.\n"
        "وأشار السفير إلى أن بلاده نفذت خلال السنوات الأخيرة برامج مماثلة مع ماليزيا "
        "وإندونيسيا وحققت نتائج ملموسة في خفض معدلات الاحتيال الإلكتروني."
    )
    assert set(extract(text).parties) == {"OM", "JP"}


def test_a_multilateral_lead_keeps_the_participants_listed_later() -> None:
    text = (
        "انطلقت في الرباط أعمال المؤتمر الدولي لأمن الحدود بمشاركة وفود عربية وأوروبية.\n"
        "وتحدث في الجلسة الأولى الوزير المغربي.\n"
        "ويشارك في المؤتمر ممثلون عن تونس والجزائر وإسبانيا وفرنسا."
    )
    assert {"TN", "DZ", "ES", "FR"} <= set(extract(text).parties)


@pytest.mark.parametrize(
    ("text", "kind", "host"),
    [
        # Saying anchored to a meeting abroad: the meeting is the event, its city the host's.
        (
            "أكد وزير الداخلية الكويتي فلان الفلاني، عقب لقائه في مدينة الدار البيضاء نظيره المغربي، "
            "أهمية التعاون في مكافحة المخدرات.",
            "visit",
            "MA",
        ),
        (
            "صرح وزير الداخلية التونسي خلال زيارته إلى روما أن التنسيق مع نظيره الإيطالي مستمر.",
            "visit",
            "IT",
        ),
        # A saying with no event named in its sentence stays a statement, with no host.
        (
            "أكد وزير الداخلية الكويتي أهمية التعاون مع المغرب في مكافحة المخدرات.",
            "statement",
            None,
        ),
    ],
)
def test_a_saying_anchored_to_a_meeting_or_visit_is_that_event(
    text: str, kind: str, host: str | None
) -> None:
    record = extract(text)
    assert (record.kind, record.host) == (kind, host)


@pytest.mark.parametrize(
    ("text", "kind", "host", "country", "parties"),
    [
        # The sidelines of one's own visit frame no other event: it is the visit.
        (
            "أجرى وزير الداخلية الفرنسي محادثات في العاصمة الجزائرية مع نظيره الجزائري، وذلك على "
            "هامش الزيارة التي قام بها إلى الجزائر.\nوبحث الجانبان التعاون الأمني.",
            "visit",
            "DZ",
            "DZ",
            ["FR", "DZ"],
        ),
        # The sidelines of a conference still frame another event: a meeting nobody hosts.
        (
            "التقى وزير الداخلية الأردني نظيره العراقي على هامش مؤتمر دولي لمكافحة الإرهاب.",
            "meeting",
            None,
            None,
            ["JO", "IQ"],
        ),
        # "الكويت العاصمة": the capital named after its country is the venue, not a party.
        (
            "استضافت الكويت العاصمة اجتماعا لمجلس وزراء الداخلية العرب في مقر الأمانة العامة "
            "بمشاركة وفود من الأردن ومصر.",
            None,
            None,
            "KW",
            None,
        ),
    ],
)
def test_sidelines_of_a_visit_and_a_capital_after_its_country(
    text: str, kind: str | None, host: str | None, country: str | None, parties: list[str] | None
) -> None:
    record = extract(text)
    if kind:
        assert record.kind == kind
    if host or parties:
        assert record.host == host
    assert record.country == country
    if parties:
        assert sorted(record.parties) == sorted(parties)
    else:
        assert "KW" not in record.parties


@pytest.mark.parametrize(
    ("text", "host"),
    [
        # "الزيارة التي قام بها إلى ...": the relative clause carries the visit's destination.
        ("بحث وزير الداخلية الفرنسي التعاون الأمني خلال الزيارة التي قام بها إلى المغرب اليوم.", "MA"),
        ("وأشاد الوفد الأردني بنتائج الزيارة التي يقوم بها حاليا إلى قطر.", "QA"),
    ],
)
def test_a_visits_relative_clause_names_its_destination(text: str, host: str | None) -> None:
    assert extract(text).host == host


@pytest.mark.parametrize(
    ("text", "host"),
    [
        # A numbered session of an organisation's body, held on no party's soil: it convenes.
        (
            "شاركت وزارة الداخلية الأردنية في أعمال الدورة (40) للجنة الأمم المتحدة المعنية بمكافحة "
            "المخدرات بالعاصمة النمساوية فيينا.",
            "UN",
        ),
        # Held on a party's soil, that party hosts as before.
        (
            "استضافت وزارة الداخلية الأردنية في عمان أعمال الدورة (40) للجنة الأمم المتحدة المعنية "
            "بمكافحة المخدرات بمشاركة وفود من مصر والعراق.",
            "JO",
        ),
    ],
)
def test_an_organisations_session_abroad_is_hosted_by_the_organisation(text: str, host: str) -> None:
    record = extract(text, home="JO")
    assert record.kind == "conference"
    assert record.host == host
