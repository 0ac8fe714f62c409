"""Regression guards over the shared corpus (read at run time, skipped where it is absent):
the scorer's overall figure on the seeds and the development set, and how often a wrong
`--home` makes its party a party."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"
DEV = CORPUS / "dev"
TAAWUN = Path(sys.executable).parent / "taawun"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "score.py").exists(), reason=f"shared corpus absent at {CORPUS}"),
]


def _overall(*extra: str) -> float:
    done = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), "--cmd", str(TAAWUN) + " extract", *extra],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    match = re.search(r"overall: ([0-9.]+)", done.stdout)
    assert match, done.stdout + done.stderr
    return float(match.group(1))


def test_it_keeps_its_score_on_the_seeds() -> None:
    assert _overall() >= 0.98


@pytest.mark.skipif(not (DEV / "gold").exists(), reason="development set absent")
def test_it_keeps_its_score_on_the_first_thirty_development_articles(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in sorted((DEV / "gold").glob("dev-*.json"))[:30]:
        shutil.copy(path, gold / path.name)
    assert _overall("--texts", str(DEV / "texts"), "--gold", str(gold)) >= 0.99


@pytest.mark.skipif(not (DEV / "gold").exists(), reason="development set absent")
def test_it_keeps_its_score_on_the_whole_development_set() -> None:
    assert _overall("--texts", str(DEV / "texts"), "--gold", str(DEV / "gold")) >= 0.94


@pytest.mark.skipif(not (DEV / "gold").exists(), reason="development set absent")
def test_a_wrong_home_hint_rarely_becomes_a_party() -> None:
    """`taawun extract --json --home SA` over the articles Saudi Arabia takes no part in: at most
    one in twelve may name SA as a party (the unqualified ministry there is another country's)."""
    texts = []
    for path in sorted((DEV / "gold").glob("dev-*.json")):
        if "SA" not in json.loads(path.read_text(encoding="utf-8"))["parties"]:
            texts.append(str(DEV / "texts" / f"{path.stem}.txt"))
    done = subprocess.run(
        [str(TAAWUN), "extract", "--json", "--home", "SA", *texts],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(records) == len(texts), done.stderr
    named = sum("SA" in record["parties"] for record in records)
    assert named <= len(texts) / 12, f"{named} of {len(texts)} name SA"


@pytest.mark.skipif(not (DEV / "gold").exists(), reason="development set absent")
def test_fields_graded_low_are_wrong_far_more_often_than_those_graded_high() -> None:
    from taawun.extract import extract

    tally = {"high": [0, 0], "low": [0, 0]}  # label → [wrong, total]
    for path in sorted((DEV / "gold").glob("dev-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (DEV / "texts" / f"{path.stem}.txt").read_text(encoding="utf-8")
        record = extract(text, published=gold.get("published"), home=gold.get("home"))
        got = record.to_json()
        wrong = {field: gold.get(field) != got[field] for field in ("kind", "host", "start", "end")}
        wrong["location"] = (gold.get("location") or {}).get("country") != got["location"]["country"]
        for field in ("parties", "guests", "domains", "forms"):
            wrong[field] = set(gold.get(field) or []) != set(got[field])
        for field, is_wrong in wrong.items():
            label = record.confidence[field]
            tally[label][0] += is_wrong
            tally[label][1] += 1
    high = tally["high"][0] / tally["high"][1]
    low = tally["low"][0] / tally["low"][1]
    assert low >= 2 * high, f"low {low:.2f} vs high {high:.2f}"
