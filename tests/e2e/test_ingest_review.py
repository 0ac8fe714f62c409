"""The review desk in the browser: it fits a 1366 px and a 1024 px window in Arabic and in English
with no sideways scrolling; an independent report of an event already recorded is attached to it
(one engagement, two sources); a participant is found with the type-ahead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from taawun.ingest import services
from taawun.registry.models import Engagement
from tests.e2e.conftest import OVERFLOW
from tests.ingest.samples import SIGNING, SIGNING_ELSEWHERE, VISIT


def officer():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="officer")


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_review_screen_fits_the_window(signed_in_page, make, width, prefix):
    page = signed_in_page
    make.person("SA", name_ar="خالد بن محمد العتيبي", rank="عميد", position="مدير عام مكافحة المخدرات")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{prefix}/ingest/drafts/{draft.pk}/")
    measured = page.evaluate(OVERFLOW)
    assert measured == {"scroll": 0, "wide": []}


def test_a_report_of_a_recorded_event_is_attached_on_the_review_screen(signed_in_page):
    page = signed_in_page
    user = officer()
    first = services.ingest_text(text=SIGNING, actor=user).draft
    engagement = services.draft_accept(draft=first, record=services.review_record(first, user), actor=user)
    second = services.ingest_text(text=SIGNING_ELSEWHERE, actor=user).draft
    page.goto(f"/en/ingest/drafts/{second.pk}/")
    candidate = page.locator("section.merge li").filter(has_text=engagement.title_ar)
    expect(candidate).to_contain_text("same host and guests")
    candidate.locator("form.attach button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/registry/engagement/{engagement.pk}/$"))
    assert Engagement.objects.count() == 1 and engagement.sources.count() == 2


def test_a_participant_is_found_with_the_type_ahead(signed_in_page, make):
    page = signed_in_page
    hidden_name = make.person("SA", name_ar="سلطان بن فهد القحطاني", rank="لواء")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    search = page.locator("input.person-search").first
    search.fill("القحطاني")
    option = page.locator("datalist option").first
    expect(option).to_have_attribute("data-id", str(hidden_name.pk))
    search.fill(option.get_attribute("value"))
    expect(page.locator("select[name='people-0-match']")).to_have_value(str(hidden_name.pk))


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_merge_page_fits_and_merges_two_records_picked_by_name(signed_in_page, make, width, prefix):
    page = signed_in_page
    kept = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد")
    other = make.person(
        "SA", name_ar="عواد البلوي", position="مدير عام حرس الحدود السعودي في المنطقة الشمالية"
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{prefix}/ingest/people/merge/")
    for index, person in enumerate([kept, other]):
        search = page.locator("input.person-search").nth(index)
        search.fill(person.name_ar)
        option = page.locator("datalist").nth(index).locator(f"option[data-id='{person.pk}']")
        expect(option).to_have_count(1)
        search.fill(option.get_attribute("value"))
    page.locator("form.pick button[type=submit]").click()
    page.locator(f"input[name='field-position'][value='{other.pk}']").check()
    assert page.evaluate(OVERFLOW) == {"scroll": 0, "wide": []}
    page.locator("button[type=submit]").filter(has_text=re.compile("Merge|دمج")).click()
    expect(page).to_have_url(re.compile(rf"/registry/person/{kept.pk}/$"))
    kept.refresh_from_db()
    assert kept.position == other.position and not type(kept).objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_agency_and_engagement_merge_pages_fit(signed_in_page, make, width, prefix):
    page = signed_in_page
    agencies = [
        make.agency("SA", name_ar="المديرية العامة لحرس الحدود في المنطقة الشمالية") for _ in range(2)
    ]
    events = [make.engagement("IQ", ["SY"], title_ar="توقيع مذكرة تفاهم لضبط الحدود " * 4) for _ in range(2)]
    page.set_viewport_size({"width": width, "height": 900})
    for kind, (first, second) in [("agencies", agencies), ("engagements", events)]:
        page.goto(f"{prefix}/ingest/{kind}/merge/?first-match={first.pk}&second-match={second.pk}")
        expect(page.locator("input[name=survivor]")).to_have_count(2)
        assert page.evaluate(OVERFLOW) == {"scroll": 0, "wide": []}, kind
