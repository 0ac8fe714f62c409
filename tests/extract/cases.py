"""Tables of engine cases: a short text, how to call extract(), and what the record must show.

A case's `expected` maps a Record field (kind, host, guests, parties, country, start, domains ...)
or one of the views below to the value it must have. A plain value must be equal; a set must
equal the field taken as a set (order aside); a Matcher states less than equality (holds some
items, lacks some, is anything but a value, ...). check() reports every field that differs.

Views: "names" (the people's names, a set), "ranks" and "people_parties" (name → rank, name →
party), "host_reason" (the evidence's sentence on the host).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from taawun.extract import Record, extract


class Matcher:
    def matches(self, value: Any) -> bool:
        raise NotImplementedError


@dataclass(frozen=True, init=False)
class Has(Matcher):
    """Holds these items (and perhaps more); for a mapping, these key-value pairs."""

    items: tuple

    def __init__(self, *items: Any) -> None:
        object.__setattr__(self, "items", items)

    def matches(self, value: Any) -> bool:
        if isinstance(value, dict):
            return all(value.get(k) == v for item in self.items for k, v in item.items())
        return all(item in value for item in self.items)


@dataclass(frozen=True, init=False)
class Lacks(Matcher):
    """Holds none of these items."""

    items: tuple

    def __init__(self, *items: Any) -> None:
        object.__setattr__(self, "items", items)

    def matches(self, value: Iterable) -> bool:
        return not any(item in value for item in self.items)


@dataclass(frozen=True)
class Not(Matcher):
    """Anything but this value."""

    value: Any

    def matches(self, value: Any) -> bool:
        return value != self.value


@dataclass(frozen=True)
class StartsWith(Matcher):
    prefix: str

    def matches(self, value: str) -> bool:
        return value.startswith(self.prefix)


@dataclass(frozen=True)
class SomeContains(Matcher):
    """Some string of the list contains this text."""

    text: str

    def matches(self, value: Iterable[str]) -> bool:
        return any(self.text in item for item in value)


@dataclass(frozen=True)
class NoneEndsWith(Matcher):
    """No string of the collection ends with this text."""

    suffix: str

    def matches(self, value: Iterable[str]) -> bool:
        return not any(item.endswith(self.suffix) for item in value)


def observed(record: Record, field: str) -> Any:
    if field == "names":
        return {p.name for p in record.people}
    if field == "ranks":
        return {p.name: p.rank for p in record.people}
    if field == "people_parties":
        return {p.name: p.party for p in record.people}
    if field == "host_reason":
        return record.reasons.get("host", "")
    return getattr(record, field)


def mismatches(record: Record, expected: dict[str, Any]) -> list[str]:
    found = []
    for field, want in expected.items():
        got = observed(record, field)
        if isinstance(want, Matcher):
            ok = want.matches(got)
        elif isinstance(want, set):
            ok = set(got) == want
        else:
            ok = got == want
        if not ok:
            found.append(f"{field}: got {got!r}, expected {want!r}")
    return found


def check(text: str, call: dict[str, Any], expected: dict[str, Any]) -> None:
    """extract(text, **call) shows everything `expected` says."""
    assert mismatches(extract(text, **call), expected) == []


def case(case_id: str, text: str, expected: dict[str, Any], **call: Any):
    """One table row: pytest.param(text, call, expected, id=case_id)."""
    return pytest.param(text, call, expected, id=case_id)
