"""Page latency on a generated database, next to the bare time of the SQL each page issues (not a test).

    .venv/bin/python benchmarks/pages_bench.py          # generates 10,000 engagements into a fresh SQLite file
    DATABASE_URL=sqlite:////tmp/taawun-100k.sqlite3 .venv/bin/python benchmarks/pages_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taawun_100k .venv/bin/python benchmarks/pages_bench.py
    ... pages_bench.py --requests 60 --load-seconds 20 --workers 4

Fill the database first with `benchmarks/dataset.py generate --engagements N` (see docs/BENCHMARKS.md).

For each page an officer cleared to secret opens it `--requests` times through Django's full stack
(middleware, session, second factor, policy, templates; in this process, no network), with the
parameters varied between requests (partners, pages, records, words), after a few warm-up requests.
The process is loaded and settled as an app worker is (taawun.wsgi), and collects the garbage of
each request after it, untimed, as the worker does once the response is written (taawun.gunicorn).
Every SQL statement a request issues is recorded with its parameters and run again on a bare
cursor, so "SQL" is the time the database itself needs for that page and the ratio shows what
the framework adds. Then the read API is put under concurrent load: gunicorn with `--workers`
processes on loopback, driven by `wrk` from a second process (`--no-load` skips it).

The benchmark writes only its own users (an officer, and an auditor for the audit trail), TOTP
devices and API token (named bench-*) to the database, and twenty drafts of the dataset's articles
made by its officer (for the review page).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Django and the application are imported inside the functions: only once setup_django() has
# chosen the database (a fresh file when DATABASE_URL is unset) and set Django up.

SEARCH_WORDS = ["المخدرات", "الحدود", "الإرهاب", "التدريب", "الجوازات", "المرور", "تهريب", "الدفاع المدني"]
BENCH_USER = "bench-officer"


@dataclass
class Page:
    name: str
    urls: Callable[[random.Random], str]
    headers: dict = field(default_factory=dict)
    before: Callable[[], None] | None = None  # run before each request, untimed
    reader: str = "officer"  # whose session opens it: "officer", or "auditor" for the audit trail


def figures_changed() -> None:
    """As after any change to a counted record: the dashboard's cached figures are stale."""
    from taawun.reports import figures

    figures.invalidate()


@dataclass
class Figures:
    name: str
    page_ms: list[float]
    sql_ms: list[float]
    queries: int

    @staticmethod
    def percentile(values: list[float], share: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    def row(self) -> str:
        p50, p95 = self.percentile(self.page_ms, 0.5), self.percentile(self.page_ms, 0.95)
        sql50 = self.percentile(self.sql_ms, 0.5)
        ratio = f"{p50 / sql50:.1f}×" if sql50 > 0.05 else "n/a"
        return f"| {self.name} | {p50:.1f} | {p95:.1f} | {sql50:.1f} | {ratio} | {self.queries} |"


def setup_django(engagements: int) -> None:
    """Django on DATABASE_URL, or on a fresh SQLite file filled with `engagements` generated ones."""
    generate = not os.environ.get("DATABASE_URL")
    if generate:
        path = Path(tempfile.mkdtemp(prefix="taawun-pages-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
    os.environ.setdefault("TAAWUN_HTTPS", "0")
    import django

    django.setup()
    if generate:
        from datagen.command import Command as Dataset
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command(Dataset(), "generate", "--engagements", str(engagements))


def signed_in(username: str, role: str):
    """A user of the role (cleared to secret) and a client with its session past the second factor."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"role": role, "clearance": "secret", "first_name": "Bench"}
    )
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench-device", defaults={"confirmed": True})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user, client


def bench_user():
    """The benchmark's officer (cleared to secret), past the second factor, and an API token for it."""
    from taawun.api.models import ApiToken
    from taawun.api.services import api_token_create

    user, client = signed_in(BENCH_USER, "officer")
    ApiToken.objects.filter(user=user, name="bench-token").delete()
    _, raw = api_token_create(user=user, name="bench-token")
    return user, client, raw


def inputs(rng: random.Random) -> dict:
    """Partners from the busiest to the long tail, engagements and years to vary the requests with."""
    from django.db.models import Count, Max, Min

    from taawun.agreements.models import CommitteeSession, JointCommittee
    from taawun.programmes.models import ProgrammeItem
    from taawun.registry.models import Engagement, Party, Person

    busiest = list(
        Party.objects.annotate(n=Count("engagements_as_guest")).filter(n__gt=0).order_by("-n")
        .values_list("code", flat=True)[:40]
    )  # fmt: skip
    if not busiest:
        sys.exit(
            "The database holds no engagements: run `benchmarks/dataset.py generate --engagements N` first."
        )
    bounds = Engagement.objects.aggregate(low=Min("id"), high=Max("id"), first=Min("start_date"))
    ids = [rng.randint(bounds["low"], bounds["high"]) for _ in range(400)]
    existing = list(Engagement.objects.filter(id__in=ids).values_list("id", flat=True))
    years = list(range(bounds["first"].year if bounds["first"] else 2010, 2026))
    # People who took part in something, so their pages have engagements to show.
    people = list(Person.objects.filter(participations__isnull=False).values_list("id", flat=True)[:2000])
    people = rng.sample(people, min(len(people), 200))
    # Committees with sessions, so their pages show a series.
    committees = list(
        JointCommittee.objects.filter(sessions__isnull=False).distinct().values_list("id", flat=True)[:2000]
    )
    sessions = list(CommitteeSession.objects.values_list("id", flat=True)[:2000])
    # Visits with a programme, so their programme pages show days of items.
    programmes = list(
        ProgrammeItem.objects.values_list("engagement_id", flat=True)
        .distinct()
        .order_by("engagement_id")[:2000]
    )
    return {
        "parties": busiest,
        "engagements": existing,
        "years": years,
        "people": people,
        "committees": rng.sample(committees, min(len(committees), 200)),
        "sessions": rng.sample(sessions, min(len(sessions), 200)),
        "programmes": rng.sample(programmes, min(len(programmes), 200)),
    }


def three_years(rng: random.Random, years: list[int]) -> str:
    first = rng.choice(years[-6:])
    return f"?year_from={first}&year_to={first + 2}"


def review_drafts(user, rng: random.Random, count: int = 20) -> list[int]:
    """Drafts for the review page: the generated articles are reports of engagements the dataset
    holds, so each review page weighs them against the registry as a second report of a known
    event would be. Made once (by the bench officer) and kept for later runs."""
    from django.db.models import Max, Min

    from taawun.ingest import services
    from taawun.ingest.home_choice import choose_home
    from taawun.ingest.models import Draft
    from taawun.registry.models import Source

    made = list(Draft.objects.filter(created_by=user).values_list("pk", flat=True))
    if made:
        return made
    bounds = Source.objects.aggregate(low=Min("id"), high=Max("id"))
    wanted = [rng.randint(bounds["low"], bounds["high"]) for _ in range(count * 3)]
    for source in Source.objects.filter(id__in=wanted, draft__isnull=True)[:count]:
        draft = Draft(source=source, classification=source.classification, created_by=user)
        services.read_into(draft, choose_home(source.text, url=source.url))
        draft.save()
        made.append(draft.pk)
    return made


# What an officer types into a picker: whole words, names, and a word still being typed.
PICKER_WORDS = ["اجتماع", "زيارة", "محمد", "عبد الله", "الأمن", "وزير", "تعا", "Visit"]


def pages(data: dict, token: str) -> list[Page]:
    parties, engagements, years, people = data["parties"], data["engagements"], data["years"], data["people"]
    drafts = data.get("drafts") or []
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    return [
        Page("home", lambda r: "/"),
        Page(
            "action items not yet done (the home tile's list)",
            lambda r: "/agreements/actionitem/?status=unfinished",
        ),
        Page("audit trail, first page", lambda r: "/audit/", reader="auditor"),
        Page(
            "audit trail, one record type",
            lambda r: f"/audit/?model={r.choice(['registry.engagement', 'agreements.actionitem'])}",
            reader="auditor",
        ),
        Page("engagement list, first page", lambda r: "/registry/engagement/"),
        Page(
            "engagement list, filtered (partner + year)",
            lambda r: (
                f"/registry/engagement/?party={r.choice(parties)}"
                f"&start_after={(y := r.choice(years))}-01-01&start_before={y}-12-31"
            ),
        ),
        Page("engagement list, page 50", lambda r: f"/registry/engagement/?page={r.randint(40, 60)}"),
        Page("country profile (busiest 40 partners)", lambda r: f"/registry/party/{r.choice(parties)}/"),
        Page("engagement detail", lambda r: f"/registry/engagement/{r.choice(engagements)}/"),
        Page(
            "committee page (its sessions and action plan)",
            lambda r: f"/agreements/jointcommittee/{r.choice(data['committees'])}/",
        ),
        Page(
            "committee session page", lambda r: f"/agreements/committeesession/{r.choice(data['sessions'])}/"
        ),
        Page(
            "programme page (days, items, delegation)",
            lambda r: f"/programmes/engagement/{r.choice(data['programmes'])}/",
        ),
        Page("engagement edit form", lambda r: f"/registry/engagement/{r.choice(engagements)}/edit/"),
        Page("new action item form", lambda r: "/agreements/actionitem/new/"),
        Page("new engagement form", lambda r: "/registry/engagement/new/"),
        Page(
            "review page (a second report of a recorded event)",
            lambda r: f"/ingest/drafts/{r.choice(drafts)}/",
        ),
        Page(
            "picker: engagements found as typed",
            lambda r: f"/registry/engagement/choices/?q={r.choice(PICKER_WORDS)}",
        ),
        Page(
            "picker: people found as typed", lambda r: f"/registry/person/choices/?q={r.choice(PICKER_WORDS)}"
        ),
        Page("person page", lambda r: f"/registry/person/{r.choice(people)}/"),
        Page("person list (holding a post first)", lambda r: "/registry/person/"),
        Page("partner list (engagements, last and next contact)", lambda r: "/registry/party/"),
        Page("country brief (the page)", lambda r: f"/reports/brief/{r.choice(parties)}/"),
        Page("country brief, PDF", lambda r: f"/reports/brief/{r.choice(parties)}/pdf/"),
        Page("country brief, Word", lambda r: f"/reports/brief/{r.choice(parties)}/docx/"),
        Page("dashboard", lambda r: "/reports/dashboard/"),
        Page("dashboard, one domain", lambda r: "/reports/dashboard/?domain=narcotics"),
        Page(
            "dashboard computed afresh (after a change)",
            lambda r: "/reports/dashboard/" + r.choice(["", "?domain=narcotics", three_years(r, years)]),
            before=figures_changed,
        ),
        Page("search (Arabic word)", lambda r: f"/search/?q={r.choice(SEARCH_WORDS)}"),
        Page(
            "search (a country's name)", lambda r: f"/search/?q={r.choice(['سوريا', 'السعودية', 'العراقي'])}"
        ),
        Page(
            "API list (50 engagements)",
            lambda r: f"/api/engagements?limit=50&offset={r.randint(0, 500)}",
            api,
        ),
        Page("API detail", lambda r: f"/api/engagements/{r.choice(engagements)}", api),
    ]


class Recorder:
    """Every statement a request runs, with its parameters, to run again on a bare cursor."""

    def __init__(self):
        self.statements: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def bare_sql_ms(statements: list[tuple[str, object]]) -> float:
    from django.db import connection, transaction

    started = time.perf_counter()
    # In a transaction, so that a planner setting the page made for one query (SET LOCAL) holds.
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in statements:
            words = sql.lstrip().upper()
            if words.startswith("SET"):
                cursor.execute(sql, params)
                continue
            if not words.startswith(("SELECT", "WITH")):
                continue  # session saves and the like: measured in the page, not repeated here
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def measure(page: Page, client, rng: random.Random, requests: int) -> Figures:
    from django.db import connection

    from taawun.core import heap

    for _ in range(3):  # warm-up: caches, compiled templates, the database's own buffers
        if page.before:
            page.before()
        client.get(page.urls(rng), **page.headers)
    heap.settle()
    page_ms, sql_ms, queries = [], [], 0
    for _ in range(requests):
        if page.before:
            page.before()
        url, recorder = page.urls(rng), Recorder()
        with connection.execute_wrapper(recorder):
            started = time.perf_counter()
            response = client.get(url, **page.headers)
            elapsed = (time.perf_counter() - started) * 1000
        heap.collect_after_response()
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        page_ms.append(elapsed)
        sql_ms.append(bare_sql_ms(recorder.statements))
        queries = max(queries, len(recorder.statements))
    return Figures(page.name, page_ms, sql_ms, queries)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load(token: str, engagements: list[int], *, workers: int, seconds: int, connections: int) -> list[str]:
    """The read API under concurrent load: gunicorn on loopback, wrk in a second process, once
    every worker has started and answered a few requests (3 s of load, not counted)."""
    if not shutil.which("wrk"):
        return ["(wrk is not installed: `make bench` installs it from Debian's packages)"]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "python:taawun.gunicorn", "taawun.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        env={**os.environ},
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # The port opens before the workers have started: the first requests would wait for them
        # (1-1.5 s, the p99 of whichever run came first). Start-up is not what is measured here.
        wrk = ["wrk", "--threads", "2", "--connections", str(connections), "--latency",
               "--header", f"Authorization: Bearer {token}"]  # fmt: skip
        subprocess.run([*wrk, "--duration", "3s", f"http://127.0.0.1:{port}/api/engagements?limit=50"],
                       capture_output=True, check=True)  # fmt: skip
        script = Path(tempfile.mkdtemp()) / "detail.lua"
        script.write_text(
            "local ids = {" + ",".join(map(str, engagements[:200])) + "}\n"
            "request = function()\n"
            '  return wrk.format("GET", "/api/engagements/" .. ids[math.random(#ids)])\n'
            "end\n"
        )
        lines = []
        for name, target, extra in [
            ("API list (50 engagements)", "/api/engagements?limit=50", []),
            ("API detail (random engagement)", "/api/engagements/1", ["--script", str(script)]),
        ]:
            output = subprocess.run(
                [*wrk, "--duration", f"{seconds}s", *extra, f"http://127.0.0.1:{port}{target}"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            rate = re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)
            # The latency distribution's lines, not a standard deviation that happens to end in 50%.
            p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)
            p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
            bad = f", {errors.group(1)} non-2xx" if errors else ""
            lines.append(f"| {name} | {float(rate):.0f} req/s | p50 {p50} | p99 {p99}{bad} |")
        return lines
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (default 40)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--engagements", type=int, default=10_000, help="generated when DATABASE_URL is unset"
    )
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    parser.add_argument("--no-load", action="store_true", help="skip the concurrent load run")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers for the load run")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections of wrk")
    args = parser.parse_args()
    setup_django(args.engagements)

    from django.db import connection

    from taawun.registry.models import Engagement

    rng = random.Random(args.seed)
    _user, client, token = bench_user()
    clients = {"officer": client, "auditor": signed_in("bench-auditor", "auditor")[1]}
    data = inputs(rng)
    data["drafts"] = review_drafts(_user, rng)
    print(
        f"{connection.vendor}, {Engagement.objects.count():,} engagements; "
        f"{args.requests} requests per page after 3 warm-up; times in ms"
    )
    print("| page | p50 | p95 | SQL p50 | page/SQL | queries |")
    print("|---|---|---|---|---|---|")
    for page in pages(data, token):
        if args.only not in page.name:
            continue
        print(measure(page, clients[page.reader], rng, args.requests).row(), flush=True)
    if not args.no_load:
        print(f"\nread API under load: gunicorn {args.workers} workers, wrk 2 threads × {args.connections} "
              f"connections, {args.load_seconds} s each")  # fmt: skip
        print("| endpoint | throughput | latency | |")
        print("|---|---|---|---|")
        for line in load(token, data["engagements"], workers=args.workers, seconds=args.load_seconds,
                         connections=args.connections):  # fmt: skip
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
