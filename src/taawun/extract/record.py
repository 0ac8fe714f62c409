"""The extraction result: SCHEMA.md's record plus evidence spans for the review screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]  # [start, end) character offsets into the original text


@dataclass
class PersonRecord:
    name: str
    rank: str | None = None
    position: str | None = None
    party: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "rank": self.rank, "position": self.position, "party": self.party}


@dataclass
class Record:
    kind: str | None = None
    start: str | None = None
    end: str | None = None
    country: str | None = None
    city: str | None = None
    host: str | None = None
    guests: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    # field → spans, e.g. "kind", "start", "location", "host", "parties:SA", "people:0",
    # "domains:narcotics", "forms:visit", "follow_ups:1". Offsets index the original text.
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # field → why it was decided, in a short English sentence ("home": "dateline in MA").
    reasons: dict[str, str] = field(default_factory=dict)
    # field → "high" or "low" (confidence.py); not part of SCHEMA.md's object.
    confidence: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Exactly the object SCHEMA.md specifies (no evidence)."""
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "location": {"country": self.country, "city": self.city},
            "host": self.host,
            "guests": list(self.guests),
            "parties": list(self.parties),
            "people": [p.to_json() for p in self.people],
            "domains": list(self.domains),
            "forms": list(self.forms),
            "follow_ups": list(self.follow_ups),
        }

    def evidence_json(self) -> dict[str, list[list[int]]]:
        return {
            key: [list(span) for span in spans if span[1] > span[0]] for key, spans in self.evidence.items()
        }

    def cite(self, key: str, span: Span | None) -> None:
        if span and span[1] > span[0]:
            spans = self.evidence.setdefault(key, [])
            if span not in spans:
                spans.append(span)
