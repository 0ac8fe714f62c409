"""Pages read as a person reads them: a partner's profile, and the site's own icon."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_a_country_profile_shows_its_timeline_and_understandings(signed_in_page, make):
    page = signed_in_page
    make.engagement("SA", ["SY"], title_ar="زيارة وفد الهجرة والجوازات")
    make.understanding(["SA", "SY"], title_ar="مذكرة تفاهم في مكافحة المخدرات")

    page.goto("/registry/party/SY/")
    expect(page.locator("h1")).to_have_text("سوريا")
    expect(page.locator("#timeline-h")).to_be_visible()
    expect(page.locator("main")).to_contain_text("زيارة وفد الهجرة والجوازات")
    expect(page.locator("main")).to_contain_text("مذكرة تفاهم في مكافحة المخدرات")

    page.locator("main a", has_text="زيارة وفد الهجرة والجوازات").click()
    expect(page).to_have_url(re.compile(r"/registry/engagement/\d+/$"))


def test_the_browser_finds_the_site_icon(page, live_server):
    response = page.request.get(f"{live_server.url}/favicon.ico")
    icon_link = page.goto("/accounts/login/") and page.locator("link[rel~=icon]").count()
    assert response.ok or icon_link


def test_the_home_page_flags_an_overdue_item_and_keeps_the_coming_one(signed_in_page, make):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    make.action_item("SY", title="Send the liaison officer", due_on=today - dt.timedelta(days=5))
    make.action_item("SY", title="Host the next round", due_on=today + dt.timedelta(days=5))
    page = signed_in_page
    page.goto("/")
    late = page.locator("tr.overdue", has_text="Send the liaison officer")
    expect(late.locator(".flag")).to_be_visible()
    expect(late.locator(".flag")).to_have_text("متأخر")
    coming = page.locator("tr", has_text="Host the next round")
    expect(coming).to_be_visible()
    expect(coming.locator(".flag")).to_have_count(0)


def test_a_missing_page_is_shown_inside_the_site_in_both_languages(signed_in_page, browser_problems):
    page = signed_in_page
    browser_problems.expect_status(404, r"/no-such-page/$")
    page.goto("/no-such-page/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("nav.mainnav")).to_be_visible()
    page.locator("main a.button").click()  # back to the home page
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/en/no-such-page/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Page not found")
