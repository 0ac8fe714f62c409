"""Regression guard: the shared scorer's overall score on dev and seeds (read at run time)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"
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


def test_it_keeps_its_score_on_the_dev_set() -> None:
    dev = CORPUS / "dev"
    assert _overall("--texts", str(dev / "texts"), "--gold", str(dev / "gold")) >= 0.97
