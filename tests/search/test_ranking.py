"""Ranking, and a small Arabic and English query set over a corpus of our own short texts:
every query must find exactly its relevant records (recall and precision) with the best first."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.search.selectors import search
from tests.search.helpers import found

pytestmark = pytest.mark.django_db


def test_a_title_match_outranks_a_mention_in_the_text(make, reader):
    in_text = make.knowledge(
        title_ar="ملاحظات اللقاء", title_en="", body="تناول اللقاء ملف المخدرات مع ملفات أخرى كثيرة"
    )
    in_title = make.knowledge(
        title_ar="ملف المخدرات", title_en="", body="تناول اللقاء ملفات التعاون مع ملفات أخرى كثيرة"
    )
    assert found(reader, "المخدرات") == [in_title, in_text]


def test_more_mentions_rank_higher_than_one(make, reader):
    once = make.knowledge(title_ar="تقرير", body="ذكر التقرير الحدود مرة واحدة ثم انتقل إلى التدريب والتأهيل")
    often = make.knowledge(title_ar="تقرير", body="ذكر التقرير الحدود ثم الحدود ثم أمن الحدود مع التدريب")
    assert found(reader, "حدود") == [often, once]


def test_a_record_matching_more_of_the_query_ranks_higher_in_the_prefix_fallback(make, reader):
    make.knowledge(title_ar="نشرة", body="cybercrime cybercrime awareness")
    page = search(reader, "cyber")
    assert page.prefix and page.total == 1
    assert page.results[0].score > 0


def test_scores_decrease_down_the_list(make, reader):
    for repeat in range(1, 5):
        make.knowledge(title_ar="تقرير", body=" ".join(["التهريب"] * repeat + ["كلمة"] * (6 - repeat)))
    scores = [hit.score for hit in search(reader, "تهريب").results]
    assert len(scores) == 4
    assert scores == sorted(scores, reverse=True)


def test_pages_follow_each_other_without_gaps_or_repeats(make, reader):
    records = {make.knowledge(title_ar="تقرير", body=f"تعاون أمني رقم {n}") for n in range(7)}
    pages = [search(reader, "تعاون", limit=3, offset=offset) for offset in (0, 3, 6)]
    seen = [hit.record for page in pages for hit in page.results]
    assert [len(page.results) for page in pages] == [3, 3, 1]
    assert set(seen) == records and len(seen) == 7
    assert all(page.total == 7 for page in pages)


# --- the query set -----------------------------------------------------------------------------

CORPUS = {
    "drugs_meeting": lambda make: make.engagement(
        "SA",
        ["JO"],
        kind="meeting",
        title_ar="اجتماع أمني لمكافحة المخدرات",
        title_en="Security meeting on narcotics",
        summary="ناقش الوفدان تبادل المعلومات عن شبكات تهريب المخدرات وتعزيز الرقابة على المنافذ",
        domains=["narcotics"],
        start_date=dt.date(2025, 3, 10),
    ),
    "terror_workshop": lambda make: make.engagement(
        "EG",
        ["SA"],
        kind="workshop",
        title_ar="ورشة عمل حول مكافحة الإرهاب",
        title_en="Workshop on countering terrorism",
        summary="تناولت الورشة تجفيف منابع تمويل الإرهاب ومواجهة التطرف",
        domains=["counter_terrorism"],
        start_date=dt.date(2024, 11, 2),
    ),
    "border_visit": lambda make: make.engagement(
        "JO",
        ["SY"],
        kind="visit",
        title_ar="زيارة وفد أمني لمراكز الحدود",
        title_en="Delegation visit to border posts",
        summary="اطلع الوفد على إجراءات أمن الحدود والتقنيات الحدودية الحديثة",
        domains=["border_security"],
        start_date=dt.date(2025, 6, 1),
    ),
    "seizure_source": lambda make: make.source(
        "أعلنت وزارة الداخلية السعوديه ضبط كمية من المُخَدِّرَات بالتعاون مع الأجهزة الأمنية الأردنية",
        title="ضبط شحنة على الحدود",
        published_on=dt.date(2025, 3, 12),
    ),
    "mou": lambda make: make.understanding(
        ("SA", "EG"),
        title_ar="مذكرة تفاهم في مجال مكافحة الارهاب",
        title_en="Memorandum on counter-terrorism cooperation",
        summary="تنص المذكرة على تبادل الخبرات والتدريب المشترك",
    ),
    "cyber_lesson": lambda make: make.knowledge(
        title_ar="درس مستفاد في الجرائم الإلكترونية",
        title_en="Lesson on cybercrime investigations",
        body="Sharing digital evidence early shortened the investigation of online fraud networks.",
    ),
    "training_action": lambda make: make.action_item(
        "JO", title="تنظيم دورة تدريبية للضباط على كشف المخدرات", description="في المنافذ البرية"
    ),
    "officer_person": lambda make: make.person(
        "SA", name_ar="فهد العتيبي", name_en="Fahd Al-Otaibi", position="مدير إدارة مكافحة المخدرات"
    ),
}

DRUGS = {"drugs_meeting", "seizure_source", "training_action", "officer_person"}
TERROR = {"terror_workshop", "mou"}

# query -> (the records it must find, those that must come before the others: titles that match)
QUERY_SET = [
    ("المخدرات", DRUGS, {"drugs_meeting", "training_action"}),
    ("مخدرات", DRUGS, {"drugs_meeting", "training_action"}),
    ("بالمخدرات", DRUGS, {"drugs_meeting", "training_action"}),
    ("والمخدرات", DRUGS, {"drugs_meeting", "training_action"}),
    ("المُخدِّرات", DRUGS, {"drugs_meeting", "training_action"}),
    ("الإرهاب", TERROR, TERROR),
    ("ارهاب", TERROR, TERROR),
    ("الإرهـــاب", TERROR, TERROR),
    ("السعودية", {"seizure_source"}, set()),
    ("السعوديه", {"seizure_source"}, set()),
    ("أمن الحدود", {"border_visit", "seizure_source"}, {"border_visit"}),
    ("الحدودية", {"border_visit", "seizure_source"}, set()),
    ("مكافحة المخدرات", {"drugs_meeting", "officer_person"}, {"drugs_meeting"}),
    ("تدريب", {"mou", "training_action"}, {"training_action"}),
    ("narcotics", {"drugs_meeting"}, set()),
    ("terrorism", TERROR, TERROR),
    ("cybercrime investigation", {"cyber_lesson"}, set()),
    ("border", {"border_visit"}, set()),
    ("Otaibi", {"officer_person"}, set()),
    ("العتيبى", {"officer_person"}, set()),
]


@pytest.fixture
def corpus(make) -> dict:
    return {name: build(make) for name, build in CORPUS.items()}


@pytest.mark.parametrize("query, relevant, leading", QUERY_SET, ids=[q for q, _r, _l in QUERY_SET])
def test_the_query_set_finds_exactly_the_relevant_records_best_first(
    query, relevant, leading, corpus, reader
):
    names = {record: name for name, record in corpus.items()}
    results = [names.get(record, record) for record in found(reader, query)]
    assert set(results) == relevant, query
    assert set(results[: len(leading)]) == leading, results
    assert search(reader, query).total == len(relevant)


def test_past_the_rank_window_the_newest_matches_are_ranked_and_the_reader_is_told(make, reader, settings):
    settings.SEARCH_RANK_WINDOW = 3
    old = [make.knowledge(title_ar="تقرير", body=f"ضبط شحنة مخدرات {n}") for n in range(3)]
    new = [make.knowledge(title_ar="تقرير", body=f"ضبط شحنة مخدرات {n}") for n in range(3, 6)]
    page = search(reader, "مخدرات", limit=10)
    assert page.windowed and page.window == 3
    assert page.total == 3
    assert {hit.record for hit in page.results} == set(new)
    assert not {hit.record for hit in page.results} & set(old)


def test_within_the_window_every_match_is_ranked(make, reader, settings):
    settings.SEARCH_RANK_WINDOW = 10
    records = [make.knowledge(title_ar="تقرير", body=f"ضبط شحنة مخدرات {n}") for n in range(4)]
    page = search(reader, "مخدرات", limit=10)
    assert not page.windowed
    assert page.total == 4 and {hit.record for hit in page.results} == set(records)


def test_the_window_holds_the_newest_matches_not_the_newest_documents(make, reader, settings):
    settings.SEARCH_RANK_WINDOW = 3
    matches = [make.knowledge(title_ar="تقرير", body=f"ضبط شحنة مخدرات {n}") for n in range(2)]
    for n in range(5):  # newer documents that do not match
        make.knowledge(title_ar="نشرة", body=f"اجتماع تنسيقي {n}")
    page = search(reader, "مخدرات", limit=10)
    assert not page.windowed
    assert page.total == 2 and {hit.record for hit in page.results} == set(matches)


@pytest.mark.parametrize("scout", [2, 5, 100])
@pytest.mark.parametrize("reach", [3, 1000])
def test_postgresql_finds_the_same_newest_matches_whichever_way_it_walks(
    make, reader, settings, scout, reach
):
    """The scout of the newest documents, the walk past it and the index give the same window."""
    from django.db import connection

    from taawun.search import backends
    from taawun.search.backends import PostgreSQLEngine

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own plan choice")
    settings.SEARCH_RANK_WINDOW = 4
    for n in range(14):  # every third document matches
        body = f"ضبط شحنة مخدرات {n}" if n % 3 == 0 else f"اجتماع تنسيقي {n}"
        make.knowledge(title_ar="تقرير", body=body)
    engine = PostgreSQLEngine()
    engine.SCOUT, engine.REACH = scout, reach
    expected = search(reader, "مخدرات", limit=10)
    assert expected.total == 4 and expected.windowed
    walks = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("taawun.search.selectors.engine", lambda: engine)
        patch.setattr(
            backends, "_walked", lambda ids, walked=backends._walked: walks.append(1) or walked(ids)
        )
        page = search(reader, "مخدرات", limit=10)
    assert [hit.record for hit in page.results] == [hit.record for hit in expected.results]
    assert page.total == expected.total and page.windowed
    # The scout alone (the index is smaller), the scout and a walk, or the scout and the planner.
    assert len(walks) == (0 if scout == 100 else 2 if reach == 1000 else 1)
