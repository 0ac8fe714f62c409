"""Recording an engagement through its form, and finding it again in the list (in Arabic)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from playwright.sync_api import expect

from taawun.registry.models import Engagement
from tests.e2e.conftest import pick


def save(page) -> None:
    page.locator("form.recordform button[type=submit]").click()


def test_an_officer_records_a_visit_with_its_head_of_delegation_then_corrects_it(signed_in_page, make):
    page = signed_in_page
    make.person("SY", name_ar="اللواء أحمد الحسن", name_en="Maj. Gen. Ahmad Al-Hasan")

    page.goto("/registry/engagement/")
    page.locator(".pagehead a.button").click()
    expect(page).to_have_url(re.compile(r"/registry/engagement/new/$"))
    page.locator("#id_record-kind").select_option("visit")
    page.locator("#id_record-title_ar").fill("زيارة وفد وزارة الداخلية السورية")
    page.locator("#id_record-title_en").fill("Visit of the Syrian interior ministry delegation")
    page.locator("#id_record-start_date").fill("2025-04-14")
    pick(page, "id_record-host", "(SA)")
    pick(page, "id_record-guests", "(SY)")
    pick(page, "id_fs0-0-person", "احمد الحسن", choose="اللواء أحمد الحسن")  # found without its hamza
    page.locator("#id_fs0-0-role").select_option("head")
    save(page)

    expect(page).to_have_url(re.compile(r"/registry/engagement/\d+/$"))
    expect(page.locator("h1")).to_have_text("زيارة وفد وزارة الداخلية السورية")
    expect(page.locator(".messages")).to_be_visible()
    participants = page.locator("table.records").first
    expect(participants).to_contain_text("اللواء أحمد الحسن")
    engagement = Engagement.objects.get(title_en="Visit of the Syrian interior ministry delegation")
    assert engagement.start_date == dt.date(2025, 4, 14)
    assert [p.role for p in engagement.participations.all()] == ["head"]

    page.locator(".recordactions a.button").first.click()
    expect(page).to_have_url(re.compile(rf"/registry/engagement/{engagement.pk}/edit/$"))
    expect(page.locator("#id_record-title_ar")).to_have_value("زيارة وفد وزارة الداخلية السورية")
    page.locator("#id_record-title_ar").fill("زيارة وفد وزارة الداخلية السورية إلى الرياض")
    page.locator("#id_record-location_city").fill("الرياض")
    save(page)

    expect(page).to_have_url(re.compile(rf"/registry/engagement/{engagement.pk}/$"))
    expect(page.locator("h1")).to_have_text("زيارة وفد وزارة الداخلية السورية إلى الرياض")
    engagement.refresh_from_db()
    assert engagement.location_city == "الرياض"
    assert engagement.participations.count() == 1


def test_a_form_with_a_mistake_is_shown_again_with_the_message_and_nothing_saved(
    signed_in_page, browser_problems
):
    page = signed_in_page
    browser_problems.expect_status(400, r"^/registry/engagement/new/$")
    page.goto("/registry/engagement/new/")
    page.locator("#id_record-title_ar").fill("اجتماع بلا نوع")
    page.locator("#id_record-host").select_option("SA")
    page.locator("#id_record-guests").select_option(["SA"])
    save(page)

    expect(page.locator(".field.invalid").first).to_be_visible()
    expect(page.locator("#id_record-title_ar")).to_have_value("اجتماع بلا نوع")
    assert not Engagement.objects.filter(title_ar="اجتماع بلا نوع").exists()


def test_the_list_filters_in_place_on_an_arabic_search_and_exports_what_it_found(signed_in_page, make):
    page = signed_in_page
    make.engagement("SA", ["SY"], title_ar="زيارة وفد الأمن العام السوري", kind="visit")
    make.engagement("SA", ["QA"], title_ar="ورشة عمل حول مكافحة المخدرات", kind="workshop")
    make.engagement("SA", ["JO"], title_ar="اجتماع اللجنة الأمنية المشتركة", kind="meeting")

    page.goto("/registry/engagement/")
    results = page.locator("#results")
    expect(results.locator("tbody tr")).to_have_count(3)
    page.evaluate("window.taawunNotReloaded = true")

    with page.expect_response(lambda r: "q=" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#id_q").fill("المخدرات")
        page.locator("#id_q").press("Enter")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("ورشة عمل حول مكافحة المخدرات")
    expect(page).to_have_url(re.compile(r"[?&]q=%D8%A7%D9%84%D9%85%D8%AE%D8%AF%D8%B1%D8%A7%D8%AA"))

    # What was found is what is exported.
    with page.expect_download() as download:
        results.locator(".exports a", has_text="CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(exported) == 2, exported
    assert "ورشة عمل حول مكافحة المخدرات" in exported[1]

    page.locator("#id_q").fill("")
    with page.expect_response(lambda r: "kind=meeting" in r.url):
        page.locator("#id_kind").select_option("meeting")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("اجتماع اللجنة الأمنية المشتركة")

    assert page.evaluate("window.taawunNotReloaded") is True, "the page reloaded instead of updating in place"
