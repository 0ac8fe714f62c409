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
