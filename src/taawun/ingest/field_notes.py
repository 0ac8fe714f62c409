"""How sure the engine was of each field of a draft, and why, in the reader's language.

The review desk flags every field the engine was unsure of (a sign and words, never a colour
alone) and gives each extracted field its reason: on hover (a title), and to the keyboard and the
screen reader (the reason is the field's description, shown when the field has the focus).

The engine (taawun.extract) grades a field "low" when it came from a fallback rather than from a
cue in the text (extract/confidence.py, calibrated in docs/BENCHMARKS.md); its own reasons are
short English notes for its evidence files, not for an officer. The reasons here are the desk's:
why a grade is low, in words an officer can check, then the words of the article the value was
read from (the evidence), or that no words say it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOW_CONFIDENCE_NOTE = gettext_lazy("Check this: the engine was unsure.")

# Why the engine grades a field low (extract/confidence.py's rules, said for the officer).
LOW_REASONS = {
    "kind": gettext_lazy("No word of the article names the kind of event: it was guessed."),
    "start": gettext_lazy(
        "The date comes from a relative word (today, on Tuesday), counted from the publication date."
    ),
    "end": gettext_lazy(
        "The date comes from a relative word (today, on Tuesday), counted from the publication date."
    ),
    "location": gettext_lazy("No place is named for the event: the place was inferred from the host."),
    "host": gettext_lazy(
        "No venue, visit or reception names the host: it was inferred, often as the publishing side."
    ),
    "guests": gettext_lazy(
        "The parties rest on the home party hint, or the article names many parties: check who took part."
    ),
    "people": gettext_lazy(
        "A name is unusually short or long, the article names many people, or someone is named "
        "without a rank, title or position."
    ),
    "domains": gettext_lazy("A domain is named only once in the article."),
    "forms": gettext_lazy("A form of cooperation is named only once in the article."),
}

# The review form's fields and the engine's field each one shows.
FORM_FIELDS = {
    "kind": "kind",
    "start": "start",
    "end": "end",
    "country": "location",
    "city": "location",
    "host": "host",
    "guests": "guests",
    "domains": "domains",
    "cooperation_forms": "forms",
}

_QUOTED = 3  # at most so many phrases quoted in one reason
_LONGEST = 80  # characters of one phrase


@dataclass(frozen=True)
class FieldNote:
    """What the desk says of one extracted field: whether the engine was unsure, and why it
    reads as it does."""

    low: bool
    reason: str

    @property
    def flag(self) -> str:
        return str(LOW_CONFIDENCE_NOTE) if self.low else ""


class FieldNotes:
    """The notes of one draft's fields."""

    def __init__(self, draft):
        self.text = draft.source.text if draft.source_id else ""
        self.evidence = draft.evidence or {}
        self.extracted = draft.extracted or {}
        self.low = draft.low_confidence()

    def for_key(self, key: str) -> FieldNote:
        """The note of an evidence key: a field ("host"), or one value of it ("guests:JO",
        "people:0"); a field with values of its own is read from all of theirs."""
        field = key.split(":", 1)[0]
        keys = (
            [key]
            if ":" in key or key in self.evidence
            else sorted(name for name in self.evidence if name.startswith(f"{field}:"))
        )
        low = field in self.low
        parts = [str(LOW_REASONS.get(field, LOW_CONFIDENCE_NOTE))] if low else []
        quotes = [quote for quote in (self._quote(name) for name in keys) if quote][:_QUOTED]
        if quotes:
            words = " · ".join(_("“%(words)s”") % {"words": quote} for quote in quotes)
            parts.append(_("Read in the article: %(words)s") % {"words": words})
        elif not low:  # a low grade's reason already says what the guess rests on
            parts.append(_("No words of the article say it outright: the engine inferred it."))
        return FieldNote(low, " ".join(parts))

    def for_form_field(self, name: str) -> FieldNote | None:
        """The note of a review form's field, if the engine read or graded it."""
        field = FORM_FIELDS.get(name)
        if field is None:
            return None
        value = self.extracted.get(field)
        if name in {"country", "city"}:
            value = (value or {}).get(name)
        if not value and field not in self.low:
            return None
        return self.for_key(field)

    def for_person(self, name: str) -> FieldNote | None:
        """The note of a participant read in the article under that name; None for one the
        officer added."""
        people = self.extracted.get("people") or []
        index = next((i for i, person in enumerate(people) if person.get("name") == name), None)
        return None if index is None or not name else self.for_key(f"people:{index}")

    def _quote(self, key: str) -> str:
        """The article's words at the first span of an evidence key, on one line, cut short."""
        for pair in self.evidence.get(key) or []:
            try:
                start, end = int(pair[0]), int(pair[1])
            except (TypeError, ValueError, IndexError):
                continue
            words = re.sub(r"\s+", " ", self.text[max(0, start) : max(0, end)]).strip()
            if words:
                return words if len(words) <= _LONGEST else words[: _LONGEST - 1] + "…"
        return ""
