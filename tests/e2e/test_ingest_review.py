"""The review desk in the browser: it fits a 1366 px and a 1024 px window in Arabic and in English
with no sideways scrolling; an independent report of an event already recorded is attached to it
(one engagement, two sources) or to one found with the engagement picker; a participant is found
with the row's person picker, guests, domains and forms are chips; the merge page's records are
picked with the record pickers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from taawun.ingest import services
from taawun.registry.models import Engagement
from tests.e2e.conftest import OVERFLOW, pick
from tests.ingest.samples import SIGNING, SIGNING_ELSEWHERE, VISIT, VISIT_AGAIN


def chips(page, select_id: str):
    """The records a picker shows as chosen (Tom Select puts its field right after the select)."""
    return page.locator(f"#{select_id} + .ts-wrapper .ts-control .item")


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


def test_a_participant_is_found_with_the_row_picker_and_filed(signed_in_page, make):
    """The row's person picker offers the desk's proposal first and "New person"; typing finds
    any other person one may see, and the one picked is the participant filed."""
    page = signed_in_page
    proposed = make.person("SA", name_ar="خالد بن محمد العتيبي", rank="لواء", position="مدير عام")
    other = make.person("SA", name_ar="سلطان بن فهد القحطاني", rank="لواء")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    expect(chips(page, "id_people-1-match")).to_contain_text("same name")  # the proposal, chosen
    page.locator("#id_people-1-match-ts-control").click()
    offered = page.locator("#id_people-1-match-ts-dropdown .option")
    expect(offered.first).to_have_text("New person")
    expect(offered.nth(1)).to_contain_text("same")  # the proposal with its reasons
    page.keyboard.press("Escape")
    pick(page, "id_people-1-match", "القحطاني", choose=other.name_en or other.name_ar)
    expect(page.locator("#id_people-1-match")).to_have_value(str(other.pk))
    # Opened again: the desk's choices still lead, the one found by the search after them.
    page.locator("#id_people-1-match-ts-control").click()
    expect(offered.first).to_have_text("New person")
    expect(offered.nth(1)).to_contain_text("same")
    expect(offered.nth(2)).to_contain_text(other.name_en)
    page.keyboard.press("Escape")
    page.locator("button[type=submit]").filter(has_text="Accept into the registry").click()
    expect(page).to_have_url(re.compile(r"/registry/engagement/\d+/$"))
    engagement = Engagement.objects.get()
    assert engagement.participants.filter(pk=other.pk).exists()
    assert not engagement.participants.filter(pk=proposed.pk).exists()


def test_guests_domains_and_forms_are_chips_filtered_as_typed(signed_in_page):
    page = signed_in_page
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    pick(page, "id_draft-guests", "(KW)")
    guests = chips(page, "id_draft-guests")
    expect(guests.filter(has_text="(KW)")).to_have_count(1)
    kept = guests.count()
    assert kept >= 2  # the guests read before are kept: a click adds, it never replaces
    pick(page, "id_draft-domains", "Cyber")
    expect(chips(page, "id_draft-domains").filter(has_text="Cyber")).to_have_count(1)
    expect(page.locator("#id_draft-cooperation_forms-ts-control")).to_be_visible()


def test_an_engagement_found_with_the_picker_is_compared_and_attached(signed_in_page, make):
    page = signed_in_page
    elsewhere = make.engagement(
        "SA", ["JO"], title_ar="اجتماع اللجنة الأمنية المشتركة", start_date=dt.date(2023, 1, 1)
    )
    draft = services.ingest_text(text=SIGNING_ELSEWHERE, actor=officer()).draft
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    pick(page, "id_find-engagement", "اللجنة الأمنية", choose=elsewhere.title_en)
    page.locator("form.find button[type=submit]").click()
    candidate = page.locator("section.merge li").filter(has_text=elsewhere.title_en)
    expect(candidate).to_contain_text("found by search")
    candidate.locator("form.attach button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/registry/engagement/{elsewhere.pk}/$"))
    assert elsewhere.sources.count() == 1


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
    assert page.evaluate(OVERFLOW) == {"scroll": 0, "wide": []}
    pick(page, "id_first-match", "عواد بن عيد", choose=kept.name_en if prefix else kept.name_ar)
    pick(page, "id_second-match", "عواد البلوي", choose="مدير عام حرس الحدود")
    page.locator("form.pick button[type=submit]").click()
    page.locator(f"input[name='field-position'][value='{other.pk}']").check()
    assert page.evaluate(OVERFLOW) == {"scroll": 0, "wide": []}
    page.locator("button[type=submit]").filter(has_text=re.compile("Merge|دمج")).click()
    expect(page).to_have_url(re.compile(rf"/registry/person/{kept.pk}/$"))
    kept.refresh_from_db()
    assert kept.position == other.position and not type(kept).objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_agency_engagement_and_source_merge_pages_fit(signed_in_page, make, width, prefix):
    page = signed_in_page
    agencies = [
        make.agency("SA", name_ar="المديرية العامة لحرس الحدود في المنطقة الشمالية") for _ in range(2)
    ]
    events = [make.engagement("IQ", ["SY"], title_ar="توقيع مذكرة تفاهم لضبط الحدود " * 4) for _ in range(2)]
    sources = [make.source(VISIT), make.source(VISIT_AGAIN, url="https://news.example/" + "a" * 200)]
    page.set_viewport_size({"width": width, "height": 900})
    for kind, (first, second) in [("agencies", agencies), ("engagements", events), ("sources", sources)]:
        page.goto(f"{prefix}/ingest/{kind}/merge/?first-match={first.pk}&second-match={second.pk}")
        expect(page.locator("input[name=survivor]")).to_have_count(2)
        assert page.evaluate(OVERFLOW) == {"scroll": 0, "wide": []}, kind


def test_an_article_stored_twice_is_merged_from_the_desk(signed_in_page, make):
    """The desk leads to the source merge page with its source picked; the other copy is picked
    by its title, and the engagement citing it then cites the one kept, with the draft."""
    page = signed_in_page
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    copy = make.source(VISIT + "\nالمصدر: وكالة الأنباء", title="استقبال وزير الداخلية الأردني في الرياض")
    citing = make.engagement("SA", ["JO"], title_ar="زيارة وزير الداخلية الأردني")
    citing.sources.add(copy)
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    page.locator(f"a[href$='sources/merge/?first-match={draft.source.pk}']").click()
    pick(page, "id_second-match", "استقبال وزير الداخلية", choose="استقبال وزير الداخلية الأردني في الرياض")
    page.locator("form.pick button[type=submit]").click()
    page.locator(f"input[name=survivor][value='{copy.pk}']").check()
    page.locator("button[type=submit]").filter(has_text="Merge into one record").click()
    expect(page).to_have_url(re.compile(rf"/registry/source/{copy.pk}/$"))
    draft.refresh_from_db()
    assert draft.source_id == copy.pk and list(citing.sources.all()) == [copy]
