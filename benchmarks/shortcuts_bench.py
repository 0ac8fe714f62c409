"""Each speed shortcut of the application against the plain way, in one process (not a test).

    .venv/bin/python benchmarks/shortcuts_bench.py                # a fresh SQLite file, 2,000 generated engagements
    DATABASE_URL=sqlite:////tmp/t.sqlite3 .venv/bin/python benchmarks/shortcuts_bench.py --rounds 9

The two ways take turns (shortcut, plain, shortcut, plain, ...) in one process, so that a machine
busy with other work slows both alike; each figure is the median over the rounds.

* selects: the search form (three selects, one of them every partner) written by
  taawun.core.rendering.FormRenderer and by Django's own templates; then the search page and the
  engagement list (its filter form lists every partner) through the whole stack, either way.
* record links: taawun.core.links.record_url (reverse() once per page name) against reverse(),
  for 500 links, then the time the engagement list and the busiest partner's profile spend
  making their links (the whole page varies more between requests than the difference).
* the collector: the API list and the engagement list requested as an app worker serves them,
  settled (taawun.core.heap: gc.freeze once loaded, gc.collect after each response) against
  Python's own collection: p50, p95 and slowest request, and the mean of a request plus the
  collection after it (what a worker under load spends on each request).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable

import pages_bench

# Django and the application are imported inside the functions: only once pages_bench.setup_django()
# has chosen the database and set Django up.


def ms(action: Callable[[], object], repeat: int) -> float:
    """Mean milliseconds of one call, over `repeat` calls."""
    started = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - started) * 1000 / repeat


def turns(ways: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Each way's median figure over `rounds` turns taken in alternation."""
    figures: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            figures[name].append(way())
    return {name: statistics.median(values) for name, values in figures.items()}


def row(name: str, shortcut: float, plain: float, unit: str = "ms") -> str:
    return f"| {name} | {shortcut:.3f} {unit} | {plain:.3f} {unit} | {plain - shortcut:+.3f} {unit} |"


def selects(officer, client, rounds: int) -> list[str]:
    from django.forms.renderers import DjangoTemplates
    from django.test import override_settings

    from taawun.core.rendering import FormRenderer
    from taawun.search.forms import SearchForm

    def search_form(renderer) -> Callable[[], float]:
        def written() -> None:
            form = SearchForm({"q": "تدريب", "party": "SY"}, user=officer, renderer=renderer)
            form.is_valid()
            "".join(str(form[name]) for name in form.fields)

        return lambda: ms(written, 20)

    def page(url: str, renderer: str) -> Callable[[], float]:
        def timed() -> float:
            with override_settings(FORM_RENDERER=renderer):
                client.get(url)  # the renderer is made afresh: not timed
                return ms(lambda: client.get(url), 10)

        return timed

    lines = []
    ours, django = FormRenderer(), DjangoTemplates()
    found = turns({"shortcut": search_form(ours), "plain": search_form(django)}, rounds)
    lines.append(row("selects: the search form alone", found["shortcut"], found["plain"]))
    for name, url in [("search page", "/search/?q=التدريب"), ("engagement list", "/registry/engagement/")]:
        found = turns(
            {
                "shortcut": page(url, "taawun.core.rendering.FormRenderer"),
                "plain": page(url, "django.forms.renderers.DjangoTemplates"),
            },
            rounds,
        )
        lines.append(row(f"selects: {name}, whole page", found["shortcut"], found["plain"]))
    return lines


def links(client, rounds: int) -> list[str]:
    from django.urls import reverse
    from django.utils import translation

    from taawun.core import links

    keys = list(range(1, 501))
    cached = links._pattern
    with translation.override("ar"):
        found = turns(
            {
                "shortcut": lambda: ms(
                    lambda: [links.record_url("registry:engagement_detail", k) for k in keys], 10
                ),
                "plain": lambda: ms(
                    lambda: [reverse("registry:engagement_detail", args=[k]) for k in keys], 10
                ),
            },
            rounds,
        )
    lines = [row("record links: 500 links", found["shortcut"], found["plain"])]
    busiest = pages_bench.inputs(random.Random(3))["parties"][0]

    def page(url: str, shortcut: bool) -> Callable[[], float]:
        """Milliseconds a request for the page spends making its record links (the rest of the
        page is the same either way, and varies more than this between requests)."""

        def timed() -> float:
            spent = []
            way = cached if shortcut else cached.__wrapped__  # the plain way: reverse() every link

            def timing(*args):
                started = time.perf_counter()
                try:
                    return way(*args)
                finally:
                    spent.append(time.perf_counter() - started)

            links._pattern = timing
            try:
                client.get(url)
            finally:
                links._pattern = cached
            return sum(spent) * 1000

        return timed

    for name, url in [
        ("engagement list", "/registry/engagement/"),
        ("country profile of the busiest partner", f"/registry/party/{busiest}/"),
    ]:
        found = turns({"shortcut": page(url, True), "plain": page(url, False)}, rounds)
        lines.append(row(f"record links: {name}, time making its links", found["shortcut"], found["plain"]))
    return lines


def collector(client, token: str, requests: int, rounds: int) -> list[str]:
    from taawun.core import heap

    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    rng = random.Random(5)

    def serve(settled: bool, url: Callable[[], str], headers: dict) -> Callable[[], tuple]:
        def run() -> tuple[float, float, float, float]:
            gc.unfreeze()
            gc.collect()
            if settled:
                heap.settle()
            request_ms, collect_ms = [], []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url(), **headers)
                request_ms.append((time.perf_counter() - started) * 1000)
                if settled:
                    started = time.perf_counter()
                    heap.collect_after_response()
                    collect_ms.append((time.perf_counter() - started) * 1000)
            p95 = sorted(request_ms)[round(0.95 * (len(request_ms) - 1))]
            spent = (sum(request_ms) + sum(collect_ms)) / requests
            return statistics.median(request_ms), p95, max(request_ms), spent

        return run

    lines = []
    for name, url, headers in [
        ("API list (50 engagements)", lambda: f"/api/engagements?limit=50&offset={rng.randint(0, 500)}", api),
        ("engagement list", lambda: f"/registry/engagement/?page={rng.randint(1, 40)}", {}),
    ]:
        figures: dict[str, list[tuple]] = {"settled": [], "plain": []}
        for _ in range(rounds):
            figures["settled"].append(serve(True, url, headers)())
            figures["plain"].append(serve(False, url, headers)())
        median = {
            way: [statistics.median(f[i] for f in runs) for i in range(4)] for way, runs in figures.items()
        }
        for index, what in enumerate(["p50", "p95", "max", "request + collection, mean"]):
            lines.append(row(f"collector: {name}, {what}", median["settled"][index], median["plain"][index]))
    gc.unfreeze()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engagements", type=int, default=2000, help="generated when DATABASE_URL is unset")
    parser.add_argument("--rounds", type=int, default=7, help="turns of each way (default 7)")
    parser.add_argument("--requests", type=int, default=60, help="requests per turn for the collector")
    parser.add_argument("--only", default="", help="selects, links or collector")
    args = parser.parse_args()
    pages_bench.setup_django(args.engagements)
    from taawun.core import heap

    heap.warm_up()
    officer, client, token = pages_bench.bench_user()
    print(f"{args.rounds} rounds, medians; load average {os.getloadavg()[0]:.1f}")
    print("| what | shortcut | plain way | plain − shortcut |")
    print("|---|---|---|---|")
    parts = {
        "selects": lambda: selects(officer, client, args.rounds),
        "links": lambda: links(client, args.rounds),
        "collector": lambda: collector(client, token, args.requests, args.rounds),
    }
    for name, part in parts.items():
        if args.only in name:
            for line in part():
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
