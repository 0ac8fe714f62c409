"""How far to trust each field of a record: "high" or "low", from how the engine decided it.

The grades were calibrated on the development set (docs/BENCHMARKS.md): a field is "low" when it
came from a fallback rather than a cue in the text — a kind nobody's verb named, a host the home
side got because nothing else was said, a place inferred from the host, a date read from a
relative word or not found in the lead, parties that rest on the installation's home hint or
that the text put against it. The review screen can highlight the low ones for the officer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .home import HomeReading
from .record import Record

HIGH, LOW = "high", "low"


@dataclass
class Signals:
    """What the engine knew when it decided, gathered while extracting."""

    kind_cue: bool  # a word in the text named the kind (signing, workshop, conference, ...)
    host_source: str | None  # seat | travel | reception | place | home (fallback) | None
    place_cue: bool  # the location came from a place phrase in the lead
    date_explicit: bool | None  # None: no date in the lead
    reading: HomeReading
    people_anchored: bool  # every person came with a rank, honorific or position
    keyword_spans: dict[str, int]  # "domains:x" / "forms:y" → number of spans found


def grade(record: Record, signals: Signals) -> dict[str, str]:
    grades: dict[str, str] = {}
    grades["kind"] = HIGH if signals.kind_cue else LOW
    if record.host is None:
        grades["host"] = HIGH if len(record.parties) < 2 or record.kind == "statement" else LOW
    else:
        grades["host"] = HIGH if signals.host_source in ("seat", "travel", "reception") else LOW
    grades["guests"] = grades["host"]  # refined once the parties are graded
    # The place is read from a phrase, else inferred from the host: as sure as the host then.
    grades["location"] = HIGH if signals.place_cue and grades["host"] == HIGH else grades["host"]
    # Dates: a calendar date, or none at all in the lead, is rarely wrong; a relative one
    # ("اليوم"، "الجمعة") hangs on the publication date.
    grades["start"] = grades["end"] = LOW if signals.date_explicit is False else HIGH
    many = len(record.parties) > 4
    grades["parties"] = LOW if many or signals.reading.code != signals.reading.hint else HIGH
    if grades["parties"] == LOW:
        grades["guests"] = LOW
    people = record.people
    odd = [p for p in people if len(p.name.split()) < 2 or len(p.name.split()) > 5]
    grades["people"] = LOW if odd or len(people) > 5 or not signals.people_anchored else HIGH
    thin = [k for k in record.domains if signals.keyword_spans.get(f"domains:{k}", 0) < 2]
    grades["domains"] = LOW if thin else HIGH
    # Forms added by rule (meeting, visit) carry no spans; keyword forms found once are thin.
    thin_forms = [k for k in record.forms if signals.keyword_spans.get(f"forms:{k}", 0) == 1]
    grades["forms"] = LOW if thin_forms else HIGH
    return grades
