"""Every record page of every record type in both languages, and what the generic record pages do
for any record: htmx fragments, deletion, refusal, dates, titles and choices in the reader's language.

The page matrix is built from the record catalogue (every app's records.py), so a new Crud is walked
automatically (give `one_of_each` in tests/conftest.py a record of the new type).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from taawun.knowledge.models import KnowledgeItem
from taawun.records import catalog
from tests.pages import LANGUAGES, text, url

pytestmark = pytest.mark.django_db

CRUDS = catalog.all_records()
ACTIONS = ["list", "create", "detail", "update", "delete"]
RECORD_ACTIONS = {"detail", "update", "delete"}
PAGES = [(crud, action) for crud in CRUDS for action in ACTIONS]
PAGE_IDS = [crud.url_name(action) for crud, action in PAGES]


def crud_url(crud, action: str, records: dict, language: str) -> str:
    args = [records[crud.key].pk] if action in RECORD_ACTIONS else []
    return url(crud.url_name(action), *args, language=language)


# --- the page matrix --------------------------------------------------------------------------


def test_every_crud_has_a_record_to_walk_its_pages(one_of_each):
    assert {crud.key for crud in CRUDS} <= set(one_of_each)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(("crud", "action"), PAGES, ids=PAGE_IDS)
def test_every_page_opens_in_both_languages_for_an_officer(
    officer_client, one_of_each, crud, action, language
):
    address = crud_url(crud, action, one_of_each, language)
    assert address.startswith("/en/") == (language == "en")
    response = officer_client.get(address)
    assert response.status_code == 200, address
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(("crud", "action"), PAGES, ids=PAGE_IDS)
def test_every_page_sends_an_anonymous_visitor_to_the_login(client, one_of_each, crud, action, language):
    address = crud_url(crud, action, one_of_each, language)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login", language=language) + "?next=")


# --- htmx --------------------------------------------------------------------------------------


@pytest.mark.parametrize("crud", CRUDS, ids=[crud.key for crud in CRUDS])
def test_every_list_answers_htmx_with_a_fragment(officer_client, one_of_each, crud):
    response = officer_client.get(url(crud.url_name("list")), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in text(response)


def test_a_boosted_htmx_request_gets_the_whole_page(officer_client):
    response = officer_client.get(
        url("registry:engagement_list"), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
    )
    assert LANGUAGES["ar"] in text(response)


# --- deleting ---------------------------------------------------------------------------------


def test_a_record_is_deleted_and_the_list_is_shown(officer_client, make):
    item = make.knowledge()
    response = officer_client.post(url("knowledge:knowledgeitem_delete", item.pk))
    assert response.status_code == 302
    assert response["Location"] == url("knowledge:knowledgeitem_list")
    assert not KnowledgeItem.objects.exists()


def test_the_still_referenced_page_speaks_arabic_in_arabic(officer_client, make):
    make.engagement("SA", ["SY"])
    response = officer_client.post(url("registry:party_delete", "SA"))
    assert response.status_code == 409
    assert LANGUAGES["ar"] in text(response)
    assert "هذا السجل لا يزال مرتبطًا بسجلات أخرى" in text(response)


# --- dates, titles and choices in the reader's language ---------------------------------------


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("agreements:understanding_detail", lambda make: make.understanding(signed_on=dt.date(2025, 4, 14))),
        ("agreements:actionitem_detail", lambda make: make.action_item(due_on=dt.date(2025, 4, 14))),
        ("training:trainingprogram_detail", lambda make: make.training(start_date=dt.date(2025, 4, 14))),
    ],
    ids=["understanding", "action item", "training"],
)
def test_other_detail_pages_show_hijri_dates_too(officer_client, make, name, record):
    body = text(officer_client.get(url(name, record(make).pk)))
    assert "16 شوال 1446" in body


def test_a_detail_page_shows_the_title_in_the_reader_language(officer_client, make):
    engagement = make.engagement(title_ar="زيارة رسمية", title_en="Official visit")
    assert re.search(r"<h1>\s*(<bdi>)?زيارة رسمية", text(officer_client.get(engagement.get_absolute_url())))
    english = text(officer_client.get(url("registry:engagement_detail", engagement.pk, language="en")))
    assert re.search(r"<h1>\s*(<bdi>)?Official visit", english)


@pytest.mark.parametrize(("language", "first", "second"), [("ar", "JO", "EG"), ("en", "EG", "JO")])
def test_partner_choices_are_listed_in_the_order_of_the_readers_language(
    officer_client, language, first, second
):
    # Egypt / مصر and Jordan / الأردن come in opposite orders in the two languages.
    html = officer_client.get(url("registry:engagement_create", language=language)).content.decode()
    host = re.search(r'<select name="record-host"[^>]*>(.*?)</select>', html, re.S).group(1)
    codes = re.findall(r'<option value="([A-Z]{2,})"', host)
    assert codes.index(first) < codes.index(second)
