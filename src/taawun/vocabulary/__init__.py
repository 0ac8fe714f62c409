"""The controlled vocabulary: kinds, domains, forms, ranks and international organisations.

Pure Python (no Django), loaded once from data/taxonomy.json, so the extraction engine and
the registry share one source of truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Term:
    key: str
    ar: str
    en: str

    def label(self, language: str) -> str:
        return self.ar if language.startswith("ar") else self.en


@cache
def _data() -> dict:
    text = resources.files(__package__).joinpath("data/taxonomy.json").read_text(encoding="utf-8")
    return json.loads(text)


def _terms(section: str) -> tuple[Term, ...]:
    return tuple(Term(key, v["ar"], v["en"]) for key, v in _data()[section].items())


@cache
def kinds() -> tuple[Term, ...]:
    return _terms("kinds")


@cache
def domains() -> tuple[Term, ...]:
    return _terms("domains")


@cache
def forms() -> tuple[Term, ...]:
    return _terms("forms")


@cache
def organisations() -> tuple[Term, ...]:
    return _terms("organisations")


@cache
def ranks() -> tuple[Term, ...]:
    """Ranks, most senior first; the key is the Arabic rank as the extraction contract writes it."""
    return tuple(Term(r["ar"], r["ar"], r["en"]) for r in _data()["ranks"])
