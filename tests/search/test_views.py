"""The search page: form, filters, ranked and highlighted results, pages, both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.personas import logged_in

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def client(officer):
    return logged_in(officer)


def test_the_empty_page_shows_the_form_and_no_results(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="q"' in page and 'name="party"' in page and 'name="date_from"' in page
    assert 'class="searchresults"' not in page


def test_every_page_has_the_search_box_in_the_navigation(client):
    page = client.get(reverse("web:home")).content.decode()
    assert 'class="navsearch"' in page and f'action="{URL}"' in page
    assert '<label for="navsearch-q"' in page


def test_results_are_ranked_linked_dated_and_highlighted(client, make):
    engagement = make.engagement(
        "SA",
        ["JO"],
        title_ar="اجتماع مكافحة المخدرات",
        summary="شبكات تهريب المخدرات",
        start_date=dt.date(2025, 3, 10),
    )
    make.knowledge(title_ar="ملاحظة", body="ورد ذكر المخدرات عرضا في النقاش")
    page = client.get("/en" + URL, {"q": "مخدرات"}).content.decode()
    assert "2 results" in page
    assert engagement.get_absolute_url() in page
    assert page.index(engagement.get_absolute_url()) < page.index("ورد ذكر")
    assert "<mark>المخدرات</mark>" in page
    assert 'datetime="2025-03-10"' in page and 'class="hijri"' in page


def test_record_text_is_escaped_in_titles_and_snippets(client, make):
    make.knowledge(title_ar="<b>عنوان</b>", body='<img src=x onerror="alert(1)"> تهريب')
    page = client.get(URL, {"q": "تهريب"}).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "<b>عنوان</b>" not in page


def test_the_filters_narrow_the_results(client, make):
    make.engagement("SA", ["JO"], title_ar="اجتماع تنسيقي أول", domains=["narcotics"])
    make.engagement("EG", ["SY"], title_ar="اجتماع تنسيقي ثان", domains=["cybercrime"])
    page = client.get(URL, {"q": "تنسيقي", "party": "EG", "kind": "engagement", "domain": "cybercrime"})
    content = page.content.decode()
    assert "ثان" in content and "أول" not in content


def test_a_period_ending_before_it_starts_is_refused_with_a_message(client, make):
    make.knowledge(title_ar="تقرير", body="تهريب")
    response = client.get(URL, {"q": "تهريب", "date_from": "2025-05-01", "date_to": "2025-01-01"})
    assert response.status_code == 400
    assert 'class="searchresults"' not in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_results_come_in_pages(client, make, settings):
    settings.SEARCH_PAGE_SIZE = 2
    for n in range(5):
        make.knowledge(title_ar=f"تقرير {n}", body="مراقبة المنافذ")
    first = client.get(URL, {"q": "المنافذ"}).content.decode()
    third = client.get(URL, {"q": "المنافذ", "page": "3"}).content.decode()
    assert first.count('class="hittitle"') == 2 and third.count('class="hittitle"') == 1
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in third and 'rel="next"' not in third
    assert "q=%D8%A7%D9%84%D9%85%D9%86%D8%A7%D9%81%D8%B0&amp;page=2" in first
    assert client.get(URL, {"q": "المنافذ", "page": "zzz"}).status_code == 200


def test_a_low_clearance_reader_never_sees_a_secret_title_snippet_or_count(make, low_clearance):
    make.knowledge(title_ar="خطة سرية للمخدرات", body="مخبر داخل شبكة المخدرات", classification="secret")
    make.knowledge(title_ar="حملة توعية", body="التوعية بأضرار المخدرات", classification="public")
    response = logged_in(low_clearance).get("/en" + URL, {"q": "المخدرات"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 result" in page and "2 results" not in page
    assert "خطة سرية" not in page and "مخبر" not in page
    assert "حملة توعية" in page


def test_a_hidden_partner_is_not_offered_as_a_filter(make, low_clearance):
    party = make.party("KW")
    type(party).objects.filter(pk="KW").update(classification="secret")
    page = logged_in(low_clearance).get(URL).content.decode()
    assert 'value="KW"' not in page
    assert 'value="JO"' in page


def test_the_page_speaks_english_under_en(client, make):
    make.knowledge(title_ar="تقرير", title_en="Report", body="Border posts were modernised")
    page = client.get("/en" + URL, {"q": "borders"}).content.decode()
    assert 'lang="en"' in page and "1 result" in page
    assert "<mark>Border</mark>" in page


def test_an_anonymous_visitor_is_sent_to_log_in():
    from django.test import Client

    response = Client().get(URL, {"q": "x"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
