"""Logging in with the second factor and switching the interface between Arabic and English."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import HOME, PASSWORD, log_in, totp_token


def test_an_officer_logs_in_with_password_and_authenticator_code(page, officer_user):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(officer_user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    page.locator("#id_token").fill(totp_token(officer_user.totp))
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(HOME)
    expect(page.locator(".usernav .who")).to_contain_text("Officer")
    page.goto("/registry/engagement/")
    expect(page).to_have_url(re.compile(r"/registry/engagement/$"))


def test_a_wrong_code_keeps_the_officer_out_with_a_message(page, officer_user, browser_problems):
    browser_problems.expect_status(400, r"^/accounts/two-factor/verify/")
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(officer_user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill("000000")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#id_token ~ .error, .field.invalid .error").first).to_be_visible()
    # The password alone opens nothing: every page still asks for the code.
    page.goto("/registry/engagement/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))


def test_the_interface_switches_from_arabic_to_english(page, officer_user):
    log_in(page, officer_user, device=officer_user.totp)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")

    page.goto("/registry/engagement/")
    page.locator(".langswitch button[value=en]").click()
    expect(page).to_have_url(re.compile(r"/en/registry/engagement/$"))
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator("nav.mainnav")).to_contain_text("Engagements")


def test_the_interface_switches_back_from_english_to_arabic(page, officer_user):
    log_in(page, officer_user, device=officer_user.totp)
    page.goto("/en/registry/engagement/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")

    page.locator(".langswitch button[value=ar]").click()
    expect(html).to_have_attribute("lang", "ar", timeout=1500)
    expect(html).to_have_attribute("dir", "rtl", timeout=500)
    expect(page).to_have_url(re.compile(r"^[^?]*//[^/]+/registry/engagement/$"), timeout=500)


def test_after_the_code_the_officer_lands_on_the_page_first_asked_for(page, officer_user):
    page.goto("/registry/engagement/")
    page.locator("#id_username").fill(officer_user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(totp_token(officer_user.totp))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_token")).to_have_count(0)  # past the code page
    expect(page).to_have_url(re.compile(r"/registry/engagement/$"), timeout=500)
