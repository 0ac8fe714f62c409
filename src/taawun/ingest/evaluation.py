"""How far the extraction engine's proposals can be trusted on this installation's own sources.

Every accepted draft keeps what the engine proposed (`Draft.extracted`, the schema object of
`taawun extract --json`) beside what the officer accepted (the engagement the draft links to).
`field_accuracy` compares the two field by field: a field counts as right when the proposal
equals the accepted value exactly (lists compared as sets; people by their normalized names).
Used by `taawun extract-eval`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from taawun.extract import normalize_arabic
from taawun.ingest.models import Draft

FIELDS = ("kind", "start", "end", "location", "host", "guests", "parties", "domains", "forms", "people")


@dataclass
class Accuracy:
    """Per field: how many accepted drafts had the proposal right, out of how many."""

    drafts: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def share(self, name: str) -> float | None:
        return self.right[name] / self.drafts if self.drafts else None

    def overall(self) -> float | None:
        return sum(self.right.values()) / (self.drafts * len(FIELDS)) if self.drafts else None


def _date(value: dt.date | None, precision: str) -> str | None:
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _name(text: str) -> str:
    return " ".join(normalize_arabic(text or "").split())


def accepted_record(draft: Draft) -> dict:
    """The engagement the officer accepted, in the terms of the engine's record."""
    engagement = draft.engagement
    guests = sorted(engagement.guests.values_list("code", flat=True))
    parties = set(guests) | ({engagement.host_id} if engagement.host_id else set())
    return {
        "kind": engagement.kind,
        "start": _date(engagement.start_date, engagement.start_precision),
        "end": _date(engagement.end_date, engagement.end_precision),
        "location": engagement.location_country_id or None,
        "host": engagement.host_id or None,
        "guests": set(guests),
        "parties": parties,
        "domains": set(engagement.domains.values_list("code", flat=True)),
        "forms": set(engagement.forms.values_list("code", flat=True)),
        "people": {_name(name) for name in engagement.participants.values_list("name_ar", flat=True)},
    }


def proposed_record(draft: Draft) -> dict:
    """What the engine proposed for the draft, before any edit."""
    data = draft.extracted or {}
    return {
        "kind": data.get("kind") or "",
        "start": data.get("start"),
        "end": data.get("end"),
        "location": (data.get("location") or {}).get("country"),
        "host": data.get("host"),
        "guests": set(data.get("guests") or []),
        "parties": set(data.get("parties") or []),
        "domains": set(data.get("domains") or []),
        "forms": set(data.get("forms") or []),
        "people": {_name(p.get("name", "")) for p in data.get("people") or [] if p.get("name")},
    }


def accepted_drafts(since: dt.datetime | None = None):
    """Drafts accepted as a new engagement (not merged into an existing one), optionally since."""
    drafts = Draft.objects.filter(status=Draft.Status.ACCEPTED, engagement__isnull=False)
    if since is not None:
        drafts = drafts.filter(decided_at__gte=since)
    return drafts.select_related("engagement")


def field_accuracy(drafts) -> Accuracy:
    result = Accuracy()
    for draft in drafts:
        proposed, accepted = proposed_record(draft), accepted_record(draft)
        result.drafts += 1
        for name in FIELDS:
            result.right[name] += proposed[name] == accepted[name]
    return result
