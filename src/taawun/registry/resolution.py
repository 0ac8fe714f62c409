"""Which people and agencies of the registry a name read in an article may be, and why.

The press writes one person many ways: "عواد بن عيد البلوي" and "عواد البلوي", "عبد الله" and
"عبدالله", with or without hamza or ta marbuta, after "الشيخ" or "اللواء". A name is compared as
tokens (`name_tokens`): normalised Arabic, honorifics and rank words dropped, "عبد"/"أبو"/"آل"
joined to the word they govern. A candidate is proposed, never chosen: the reviewer confirms.
Only records the user may see are ever read (`visible_to(user)`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q
from django.utils.translation import gettext as _

from taawun import vocabulary
from taawun.extract import normalize_arabic
from taawun.records.lookup import stable_fragment
from taawun.registry.models import Agency, Person

MAX_CANDIDATES = 5
# Words before a name that are not part of it (normalised: no hamza, ه for ة).
HONORIFICS = frozenset(
    normalize_arabic(word)
    for word in [
        "الشيخ",
        "السيد",
        "السيدة",
        "الأمير",
        "الأميرة",
        "الدكتور",
        "الدكتورة",
        "د",
        "دكتور",
        "المهندس",
        "م",
        "الأستاذ",
        "الأستاذة",
        "معالي",
        "سعادة",
        "سمو",
        "صاحب",
        "السمو",
        "الملكي",
        "فضيلة",
        "العقيد",
        "الركن",
        "ركن",
        "الحاج",
    ]
)
# The same in the Latin spellings of the English name: "Awad bin Eid Al-Balawi".
CHAIN = frozenset({"بن", "ابن", "بنت", "bin", "ibn", "ben", "bint"})
JOINED_TO_NEXT = frozenset({"عبد", "ابو", "ال", "ابي", "ابا", "al", "el", "abd", "abdul", "abu"})
LATIN_HONORIFICS = frozenset(
    {"sheikh", "shaikh", "dr", "mr", "prince", "major", "general", "brigadier", "colonel"}
)
_PUNCTUATION = re.compile(r"[.,،؛:()\[\]\"'«»\-–—]")
_LATIN = re.compile(r"[A-Za-z]")

# How alike two names are, best first; a candidate needs one of these.
SAME_NAME, SAME_WITHOUT_CHAIN, SAME_FIRST_AND_FAMILY = 1.0, 0.9, 0.75
PROPOSED = SAME_FIRST_AND_FAMILY  # a candidate this good is selected on the review screen
SHOWN = 0.5  # below this a candidate is not listed at all


@lru_cache(maxsize=1)
def _rank_words() -> frozenset[str]:
    words: set[str] = set()
    for term in vocabulary.ranks():
        for word in normalize_arabic(term.ar).split():
            words |= {word, "ال" + word}
    return frozenset(words)


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """The name as matching compares it: its words normalised, honorifics and ranks dropped
    from its start, "عبد الله" as "عبدالله" and "آل خليفة" as "الخليفه" (in Latin letters too:
    "Al-Balawi" and "Al Balawi" as "albalawi")."""
    words = _PUNCTUATION.sub(" ", normalize_arabic(name or "")).split()
    skip = HONORIFICS | LATIN_HONORIFICS | _rank_words()
    while len(words) > 1 and words[0] in skip:
        words = words[1:]
    tokens: list[str] = []
    for word in words:
        if tokens and tokens[-1] in JOINED_TO_NEXT:
            tokens[-1] += word
        else:
            tokens.append(word)
    return tuple(tokens)


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    iterator = iter(long)
    return all(token in iterator for token in short)


def name_likeness(first: str, second: str) -> tuple[float, str]:
    """(score, reason) of two names; (0, "") when they are not taken for one person's. The
    same words but for بن/ابن: nearly sure. The same first and family name, one of them with
    more names between ("عواد البلوي", "عواد بن عيد البلوي"): likely, if nothing else differs."""
    one, other = name_tokens(first), name_tokens(second)
    if not one or not other:
        return 0.0, ""
    if one == other:
        return SAME_NAME, _("same name")
    bare_one = tuple(token for token in one if token not in CHAIN)
    bare_other = tuple(token for token in other if token not in CHAIN)
    if bare_one == bare_other:
        return SAME_WITHOUT_CHAIN, _("same name without the بن/ابن chain")
    short, long = sorted([bare_one, bare_other], key=len)
    if len(short) >= 2 and short[0] == long[0] and short[-1] == long[-1] and _in_order(short, long):
        return SAME_FIRST_AND_FAMILY, _("same first and family name")
    return 0.0, ""


def _position_key(position: str) -> str:
    return " ".join(normalize_arabic(position or "").split())


@dataclass
class Candidate:
    """A record proposed as the one an article names, with the reasons, best first."""

    record: object
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.record.pk


def _latin_fragment(word: str) -> str:
    """The family name's core in Latin letters, for narrowing a search: "Al-Balawi" → "balawi"."""
    pieces = [piece for piece in re.split(r"[^A-Za-z]+", word.lower()) if piece not in {"", "al", "el"}]
    longest = max(pieces, key=len) if pieces else ""
    return longest[2:] if longest[:2] in {"al", "el"} and len(longest) > 5 else longest


def person_candidates(
    user, *, name: str, party: str | None = None, rank: str | None = None, position: str = ""
) -> list[Candidate]:
    """The people of the registry (that `user` may see) an article's name may be: by name first,
    then the same rank, position and party as further reasons. A person of another party, or of
    another rank when only the first and family names agree, is not listed; one of the same name
    but another rank is listed below PROPOSED."""
    tokens = name_tokens(name)
    if not tokens:
        return []
    queryset = Person.objects.visible_to(user).select_related("agency", "party")
    if party:
        queryset = queryset.filter(party_id=party)
    latin = bool(_LATIN.search(name))
    family = (name or "").split()[-1]
    fragment = _latin_fragment(family) if latin else stable_fragment(family)
    if len(fragment) >= 2:
        queryset = queryset.filter(Q(name_ar__contains=fragment) | Q(name_en__icontains=fragment))
    elif not party:
        return []
    found = []
    position_key = _position_key(position)
    for person in queryset[:500]:
        score, reason = max(name_likeness(name, person.name_ar), name_likeness(name, person.name_en))
        if not score:
            continue
        reasons = [reason]
        if rank and person.rank and rank != person.rank:
            # A promotion happens, so the same name of another rank is shown, but not proposed
            # (below PROPOSED); a looser name of another rank is another person.
            score -= 0.3
            if score < SHOWN:
                continue
            reasons.append(_("another rank: %(rank)s") % {"rank": person.rank})
        elif rank and rank == person.rank:
            score += 0.1
            reasons.append(_("same rank"))
        their_position = _position_key(person.position)
        if (
            position_key
            and their_position
            and (position_key in their_position or their_position in position_key)
        ):
            score += 0.1
            reasons.append(_("same position"))
        if party:
            reasons.append(_("same party"))
        found.append(Candidate(person, round(score, 2), reasons))
    found.sort(key=lambda candidate: (-candidate.score, candidate.pk))
    return found[:MAX_CANDIDATES]


def best_person(user, **kwargs) -> Person | None:
    """The person an unattended import takes a name for: the one candidate that stands out
    (the same name, with or without the بن chain, or the same first and family name and rank)."""
    candidates = person_candidates(user, **kwargs)
    if not candidates or candidates[0].score < SAME_WITHOUT_CHAIN - 0.05:
        return None
    if len(candidates) > 1 and candidates[1].score == candidates[0].score:
        return None  # two alike: a person must choose
    return candidates[0].record


def _agency_key(name: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", normalize_arabic(name or "")).split())


def agency_candidates(user, *, name: str, party: str | None) -> list[Candidate]:
    """The party's agencies (that `user` may see) that go by that name: the same normalised
    Arabic name, or the same English name or abbreviation (case aside). Arabic first."""
    key = _agency_key(name)
    if not key or not party:
        return []
    plain = name.strip().lower()
    queryset = Agency.objects.visible_to(user).filter(party_id=party)
    fragment = stable_fragment(name)
    if len(fragment) >= 2:
        queryset = queryset.filter(
            Q(name_ar__contains=fragment) | Q(name_en__iexact=plain) | Q(abbreviation__iexact=plain)
        )
    found = []
    for agency in queryset[:500]:
        other_names = {agency.name_en.strip().lower(), agency.abbreviation.strip().lower()} - {""}
        if _agency_key(agency.name_ar) == key:
            found.append(Candidate(agency, 1.0, [_("same name"), _("same party")]))
        elif key in other_names or plain in other_names:
            found.append(Candidate(agency, 0.9, [_("same English name or abbreviation"), _("same party")]))
    found.sort(key=lambda candidate: (-candidate.score, candidate.pk))
    return found[:MAX_CANDIDATES]
