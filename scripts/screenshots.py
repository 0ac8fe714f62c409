"""Screenshots of the main pages in Arabic and English, for the README: `make screenshots`.

Builds a throwaway installation in a temporary directory (SQLite, `taawun migrate`, `taawun demo`,
an officer with an authenticator), serves it with `taawun serve` on a free local port, logs in
through the pages (password, then the six-digit code), and writes 1280x800 PNGs to
docs/screenshots/. It drives the system's Chromium (TAAWUN_CHROMIUM, else `chromium` on the PATH);
it never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
BIN = Path(sys.executable).parent
USERNAME, PASSWORD = "officer", "Screenshots-only pass 42"
# Without the networking switches Chromium keeps trying to reach the (closed) internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

# The officer's account and authenticator, made with `taawun shell`; prints the device's hex key.
MAKE_OFFICER = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from taawun.accounts.models import User
user = User.objects.create_user(
    username={USERNAME!r}, password={PASSWORD!r}, role="officer", clearance="secret",
    first_name="Layla", last_name="Al-Otaibi",
)
print(TOTPDevice.objects.create(user=user, name="phone", confirmed=True).key)
"""

# The records worth showing: the engagement with the most participants, the most engaged country.
PICK_RECORDS = """
from django.db.models import Count, Q
from taawun.registry.models import Engagement, Party
engagement = Engagement.objects.annotate(n=Count("participations")).order_by("-n", "-start_date").first()
party = (
    Party.objects.filter(kind="country")
    .annotate(n=Count("engagements_hosted") + Count("engagements_as_guest"))
    .exclude(code="SA").order_by("-n").first()
)
print(engagement.pk, party.code)
"""


def chromium() -> str:
    found = os.environ.get("TAAWUN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("no Chromium: apt-get install chromium fonts-noto-core (or set TAAWUN_CHROMIUM)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def taawun(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "taawun"), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"taawun {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped before answering")
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not answer at {url}")


def totp_token(hex_key: str) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(bytes.fromhex(hex_key)).token():06d}"


def shoot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"  {path.relative_to(ROOT)}  ({path.stat().st_size // 1024} KB)")


def take(base: str, hex_key: str, engagement: str, party: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, base_url=base, locale="ar-SA")
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console",
            lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None,
        )
        page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)

        for prefix, lang in (("", "ar"), ("/en", "en")):
            page.goto(f"{prefix}/accounts/login/")
            shoot(page, f"login-{lang}")

        page.goto("/accounts/login/")
        page.locator("#id_username").fill(USERNAME)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/two-factor/verify/**")
        page.locator("#id_token").fill(totp_token(hex_key))
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector("nav.mainnav")

        pages = {
            "home": "/",
            "engagement-list": "/registry/engagement/",
            "engagement-detail": f"/registry/engagement/{engagement}/",
            "party-profile": f"/registry/party/{party}/",
            "engagement-form": "/registry/engagement/new/",
            "dashboard": "/reports/dashboard/",
            "country-brief": f"/reports/brief/{party}/",
            "review-queue": "/ingest/",
        }
        for prefix, lang in (("", "ar"), ("/en", "en")):
            for name, path in pages.items():
                page.goto(prefix + path)
                shoot(page, f"{name}-{lang}")
        browser.close()
        if errors:
            print("the browser reported errors:\n  " + "\n  ".join(sorted(set(errors))), file=sys.stderr)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="taawun-screenshots-") as var:
        env = {**os.environ, "TAAWUN_VAR_DIR": var, "TAAWUN_LANGUAGE": "en", "TAAWUN_DEBUG": "0"}
        env.pop("DATABASE_URL", None)  # always a throwaway SQLite database
        print(f"preparing a throwaway installation in {var}")
        taawun(env, "migrate", "--noinput", "--verbosity", "0")
        taawun(env, "demo")
        hex_key = taawun(env, "shell", "-c", MAKE_OFFICER).splitlines()[-1]
        engagement, party = taawun(env, "shell", "-c", PICK_RECORDS).splitlines()[-1].split()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(BIN / "taawun"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base, server)
            print(f"writing screenshots to {OUT.relative_to(ROOT)}/")
            take(base, hex_key, engagement, party)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
