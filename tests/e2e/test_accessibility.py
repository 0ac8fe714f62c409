"""Accessibility basics, checked in the browser: every form control is labelled, every image has a
text alternative, and the pages work with the keyboard alone, with a visible focus indicator."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD

# Every visible form control whose accessible name (label, aria-label or aria-labelledby) is empty.
UNLABELLED_CONTROLS = """
() => [...document.querySelectorAll("input, select, textarea")]
  .filter((el) => !["hidden", "submit", "button", "reset", "image"].includes(el.type))
  .filter((el) => !el.closest("[aria-hidden=true]"))  // a picker's <select>: its own field is checked
  .filter((el) => {
    const byLabel = [...(el.labels || [])].map((label) => label.textContent.trim()).join("");
    const byAria = (el.getAttribute("aria-label") || "").trim();
    const byReference = (el.getAttribute("aria-labelledby") || "").split(/\\s+/)
      .map((id) => (id && document.getElementById(id)?.textContent.trim()) || "").join("");
    return !(byLabel || byAria || byReference);
  })
  .map((el) => el.name || el.id || el.outerHTML.slice(0, 100))
"""

IMAGES_WITHOUT_ALT = """
() => [...document.querySelectorAll("img, input[type=image], area")]
  .filter((el) => !el.hasAttribute("alt"))
  .map((el) => el.outerHTML.slice(0, 100))
"""

# The pages with the office's main forms, each with its filters or its record form.
FORM_PAGES = [
    "/registry/engagement/new/",
    "/registry/engagement/",
    "/en/registry/engagement/new/",
    "/registry/person/new/",
    "/registry/agency/new/",
    "/registry/source/new/",
    "/registry/party/",
    "/agreements/understanding/new/",
    "/agreements/jointcommittee/new/",
    "/agreements/actionitem/new/",
    "/training/trainingprogram/new/",
    "/knowledge/knowledgeitem/new/",
    "/ingest/new/",
]


def focus_description(page) -> dict:
    """What has the keyboard focus, and whether it shows a focus indicator."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          // A record picker's typing field shows its focus on the box around it (Tom Select).
          const style = getComputedStyle(el.closest(".ts-control") || el);
          return {
            tag: el.tagName.toLowerCase(),
            id: el.id,
            name: el.getAttribute("name") || "",
            type: el.getAttribute("type") || "",
            inNav: !!el.closest("nav.mainnav"),
            inLangSwitch: !!el.closest("form.langswitch"),
            inRecordForm: !!el.closest("form.recordform"),
            outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            shadowed: style.boxShadow !== "none",
          };
        }"""
    )


def tab_through(page, *, until, limit: int = 250) -> list[dict]:
    """Press Tab until `until(focused)` holds; fail if it never does (a trap, or unreachable)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focus_description(page)
        seen.append(focused)
        if until(focused):
            return seen
    raise AssertionError(f"Tab never reached the target in {limit} presses; last: {seen[-5:]}")


def test_every_form_control_has_a_label_and_every_image_a_text_alternative(signed_in_page):
    """One walk over the main forms (one test, not one per page: each test costs a fresh database)."""
    page = signed_in_page
    faults = {}
    for path in FORM_PAGES:
        page.goto(path)
        expect(page.locator("main form").first).to_be_visible()
        unlabelled, no_alt = page.evaluate(UNLABELLED_CONTROLS), page.evaluate(IMAGES_WITHOUT_ALT)
        if unlabelled or no_alt:
            faults[path] = {"unlabelled controls": unlabelled, "images without alt": no_alt}
    assert faults == {}


def test_the_login_page_is_labelled_and_works_from_the_keyboard_alone(page, officer_user):
    page.goto("/accounts/login/")
    assert page.evaluate(UNLABELLED_CONTROLS) == []

    tab_through(page, until=lambda f: f["id"] == "id_username")
    page.keyboard.type(officer_user.username)
    page.keyboard.press("Tab")
    assert focus_description(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    focused = tab_through(page, until=lambda f: f["tag"] == "button" and f["type"] == "submit")[-1]
    assert focused["outlined"] or focused["shadowed"], "the focused button shows no focus indicator"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    expect(page.locator("#id_token")).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS) == []


def test_the_authenticator_enrolment_shows_its_qr_code_with_a_text_alternative(page, django_user_model):
    from tests.personas import make_user

    officer = make_user(django_user_model, "low_clearance")  # an officer with no authenticator yet
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(officer.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/"))
    expect(page.locator("main img").first).to_be_visible()
    assert page.evaluate(IMAGES_WITHOUT_ALT) == []
    assert page.locator("main img").first.get_attribute("alt").strip()
    assert page.evaluate(UNLABELLED_CONTROLS) == []


def test_the_keyboard_reaches_navigation_language_switch_fields_and_save_with_focus_shown(signed_in_page):
    page = signed_in_page
    page.goto("/registry/engagement/new/")
    seen = tab_through(page, until=lambda f: f["inRecordForm"] and f["type"] == "submit")

    nav = next((f for f in seen if f["inNav"]), None)
    switch = next((f for f in seen if f["inLangSwitch"]), None)
    fields = [f for f in seen if f["inRecordForm"] and f["tag"] in {"input", "select", "textarea"}]
    assert nav, "Tab never reaches the main navigation"
    assert switch, "Tab never reaches the language switch"
    # A record picker is focused in its own field (Tom Select's "<select id>-ts-control").
    reached = {f["name"] or f["id"].removeprefix("id_").removesuffix("-ts-control") for f in fields}
    assert {"record-kind", "record-title_ar", "record-start_date", "record-host", "fs0-0-person"} <= reached
    # A date field passes the focus to its day, month or year inside, which Chromium highlights
    # itself (the field's own :focus-visible outline does not apply then).
    without_indicator = [f for f in seen if not (f["outlined"] or f["shadowed"] or f["type"] == "date")]
    assert without_indicator == [], ("focused without a visible indicator", without_indicator)


def test_the_language_switch_works_from_the_keyboard(signed_in_page):
    page = signed_in_page
    page.goto("/registry/engagement/")
    tab_through(page, until=lambda f: f["inLangSwitch"])
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/registry/engagement/$"))


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(signed_in_page):
    page = signed_in_page
    page.goto("/registry/engagement/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
