"""Real-browser tests: Chromium driven by Playwright (sync API) against pytest-django's live server.

One browser for the whole session, a fresh browser context (cookies, storage) per test. Every test
fails on a JavaScript error, a console error (Content-Security-Policy violations are reported
there), a request that fails or a response of 400 or more, unless the test declares that response.

Where no Chromium can be found the tests are skipped with the reason; under CI=true that fails
instead (`make test` installs Debian's chromium when it is missing). Playwright never downloads a
browser here: it drives the system's Chromium (TAAWUN_CHROMIUM, else `chromium` on the PATH).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run where an event
# loop is running unless told it is safe, which it is here (one thread, one request at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Without the networking switches Chromium keeps trying to reach the (closed) internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
PASSWORD = "a long test password 1"  # the personas' password (tests/conftest.py)
HOME = re.compile(r"^https?://[^/]+/$")  # the home page, where a completed login lands


def chromium_executable() -> str | None:
    configured = os.environ.get("TAAWUN_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (install it: apt-get install chromium fonts-noto-core)")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # the test extras are not installed
        _unavailable(f"Playwright is not installed ({error})")
    executable = chromium_executable()
    if executable is None:
        _unavailable("no Chromium found (neither TAAWUN_CHROMIUM nor chromium on the PATH)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:
            _unavailable(f"Chromium at {executable} does not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


# --- what the browser saw go wrong ------------------------------------------------------------

# Reports every CSP violation to the console in one recognisable line (Chromium also logs its own).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


_FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (?P<status>\d+)")


@dataclass
class BrowserProblems:
    """Console errors, uncaught exceptions, failed requests and error responses seen by a page."""

    origin: str
    found: list[str] = field(default_factory=list)
    expected_statuses: list[tuple[int, re.Pattern]] = field(default_factory=list)
    _judged: set[tuple[int, str]] = field(default_factory=set)

    def expect_status(self, status: int, path_pattern: str) -> None:
        """Declare a response the test provokes on purpose (a form answered 400, a 404 page)."""
        self.expected_statuses.append((status, re.compile(path_pattern)))

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.found.append(f"JavaScript error: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text, url = message.text, message.location.get("url", "")
        # Chromium logs every error response, including those no page event reports (the icon
        # it asks for by itself): judge those as responses, where expected ones are known.
        failed_load = _FAILED_LOAD.match(text)
        if failed_load:
            self._judge(int(failed_load["status"]), url)
            return
        self.found.append(f"console error: {text} ({url})")

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # A navigation that replaces a page in flight aborts its pending requests: not a fault.
        if "ERR_ABORTED" in failure and request.resource_type != "document":
            return
        self.found.append(f"request failed: {request.method} {request.url} ({failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self._judge(response.status, response.url)

    def _judge(self, status: int, url: str) -> None:
        if (status, url) in self._judged:  # seen both as a response and in the console
            return
        self._judged.add((status, url))
        path = url.removeprefix(self.origin)
        if any(status == expected and pattern.search(path) for expected, pattern in self.expected_statuses):
            return
        self.found.append(f"HTTP {status}: {path}")

    def report(self) -> str:
        return "the browser saw problems:\n  " + "\n  ".join(self.found)


# Known faults, each with its own xfail test, tolerated elsewhere so one fault fails one test only.
KNOWN_FAULTS: list[tuple[int, str]] = []


@pytest.fixture
def browser_problems(live_server) -> BrowserProblems:
    problems = BrowserProblems(origin=live_server.url)
    for status, pattern in KNOWN_FAULTS:
        problems.expect_status(status, pattern)
    return problems


@pytest.fixture
def page(browser, live_server, browser_problems) -> Iterator:
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.add_init_script(_CSP_LISTENER)
    opened = context.new_page()
    browser_problems.watch(opened)
    yield opened
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test body passes, fail it (in the call phase, where xfail applies) on browser problems."""
    result = yield
    problems = item.funcargs.get("browser_problems")
    page = item.funcargs.get("page")
    if problems is not None and page is not None:
        if not page.is_closed():
            page.evaluate("1")  # a round trip, so events already sent have been delivered
        if problems.found:
            raise AssertionError(problems.report())
    return result


# --- data and people --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def reference_rows(transactional_db) -> None:
    """The countries, organisations, domains and forms of cooperation migration registry/0002 loads.

    Live-server tests run in transactional mode: the flush after each transactional test (here or in
    another module) wipes the rows the migration loaded, so put them back.
    """
    from taawun.registry import catalogue
    from taawun.registry.models import CooperationForm, Domain, Party

    if not Party.objects.filter(code="SY").exists() or not Domain.objects.exists():
        catalogue.sync(Party, Domain, CooperationForm)


def totp_token(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def log_in(page, user, *, device=None) -> None:
    """Log in through the pages, as a person does: password, then the authenticator's code."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    if device is not None:
        page.wait_for_url(re.compile(r"/accounts/two-factor/verify/"))
        page.locator("#id_token").fill(totp_token(device))
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(HOME)


@pytest.fixture
def officer_user(transactional_db, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.personas import make_user

    user = make_user(django_user_model, "officer", last_name="Browser")
    user.totp = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.fixture
def signed_in_page(page, live_server, django_user_model):
    """A page with an officer's session already past both factors, for tests about a page rather
    than about logging in (the login pages themselves are driven in test_login.py)."""
    from django.conf import settings

    from tests.personas import logged_in, make_user

    client = logged_in(make_user(django_user_model, "officer", last_name="Browser"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


def pick(page, select_id: str, typed: str, *, choose: str | None = None) -> None:
    """Choose in a record picker as a user does: type into its field, then click the first option
    holding `choose` (by default, what was typed) among those offered.

    A searched picker's answer is awaited and its status checked, so a failing search says so
    rather than timing out on a missing option; if no answer comes (a busy shared machine), the
    words are typed again once with a trailing space, as a user would retype (the picker asks
    once per exact text; the server trims it)."""
    field = page.locator(f"#{select_id}-ts-control")
    option = page.locator(f"#{select_id}-ts-dropdown .option", has_text=choose or typed).first
    searched = page.locator(f"#{select_id}").get_attribute("data-picker") == "search"
    field.click()
    if not searched:
        field.fill(typed)
    else:
        for attempt, text in enumerate((typed, typed + " ")):
            try:
                with page.expect_response(
                    lambda response: "/choices/" in response.url, timeout=8_000
                ) as answer:
                    field.fill(text)
            except PlaywrightTimeoutError:
                if attempt:
                    raise
                continue
            assert answer.value.ok, f"the picker's search answered {answer.value.status}"
            break
    option.click()
    page.keyboard.press("Escape")  # a multiple picker stays open for the next choice


# How far a page scrolls sideways, and the first elements of its main part that stick out.
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("main *")]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1);
    })
    .map((element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.name ? "[" + element.name + "]" : "")
      + (typeof element.className === "string" && element.className ? "." + element.className : ""));
  return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 10)};
}
"""
