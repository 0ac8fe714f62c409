"""Checks on the vocabulary in data/*.json, so a word list edited by hand cannot fail silently.

    python -m taawun.extract.validate      # prints the problems, exit status 1 if any

What it checks: every file loads and has every section and list the engine reads (WORD_LISTS,
CUE_LISTS, HOME_WORDS and gazetteer.LEXICON_*); every list is named in its file's comment (or
its words.json section's _comment), which says what it is for; the word lists of words.json and cues.json (matched as they are,
without normalizing) are non-empty, written normalized and free of duplicates; no list in
lexicon.json or home.json words is empty or lists a word twice; every party code used in the
tables is a country in countries.json or an organisation in organisations.json; nisba stems carry
no article (the engine adds it); police grades name known Maghreb countries, are not bare
taxonomy ranks, and are listed once.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources

from taawun import vocabulary

from .gazetteer import LEXICON_PHRASE_LISTS, LEXICON_TABLES, LEXICON_WORD_LISTS
from .normalize import normalize_arabic

# The lists each module reads from words.json (tests/extract/test_data.py holds this to the code).
WORD_LISTS = {
    "engine": ("president", "heads_of_state", "minister", "until", "began", "runs_until"),
    "classify": (
        "frame_verbs",
        "frame_preps",
        "demonstratives",
        "frame_roles",
        "meeting_words",
        "planned",
        "session",
        "participation",
        "countries",
        "interview",
        "multilateral_phrases",
        "not_meeting",
        "at_event",
        "embassy",
        "delegation",
        "said_at",
        "said_at_preps",
        "series",
        "series_link",
        "series_of",
        "meetings",
        "separately",
        "accompanying",
        "announce",
        "announce_links",
        "institutions",
        "operations",
        "purpose_links",
        "fields",
        "cooperation_nouns",
    ),
    "people": (
        "name_joiners",
        "name_openers",
        "name_connectors",
        "staff",
        "staff_rank",
        "supervisor",
        "supervisor_preposition",
        "ali_or_on",
        "maqsura_spellings",
        "waw_honorifics",
        "theophoric",
    ),
    "dates": (
        "number_prefixes",
        "year_suffixes",
        "ordinal_suffixes",
        "range_links",
        "month_introducers",
        "year_words",
        "this_year",
        "coming",
        "past",
        "today",
        "yesterday",
        "before_yesterday",
        "tomorrow",
        "day_word",
        "days_of",
        "times_of_day",
        "duration_words",
        "day_units",
        "two_days",
        "one_day",
        "single",
    ),
    "structure": ("frame_verbs", "demonstratives", "frame_preps", "earlier", "same_day", "date_openers"),
    "parties": (
        "convened_in",
        "time_words",
        "members",
        "capital_after",
        "city_nouns",
        "jordanian",
        "in_preps",
        "accredited_to",
        "topic_links",
        "or_and",
        "sideline_on",
        "sideline_margin",
        "side",
        "from",
        "seat_words",
        "secretariat",
        "office_words",
        "relative_pronouns",
    ),
    "followups": ("filler",),
    "gazetteer": ("official_name_connectors", "home_words", "amman_or_oman"),
}
# The lists of cues.json (cues.py and parties.py) and of home.json "words" (home.py).
CUE_LISTS = (
    "receive_verbs",
    "host_verbs",
    "receive_nouns",
    "travel",
    "meet",
    "sign",
    "speech",
    "workshop",
    "conference",
    "meeting_nouns",
    "ordinals",
    "ambassador",
    "place_words",
    "destination_words",
    "travel_verbs",
    "person_heads",
    "delegation",
    "clause_openers",
    "remote",
    "not_a_place",
    "convened",
    "made_the_visit",
    "visit_verbs",
    "multilateral_words",
)
HOME_WORDS = ("counterpart", "guest", "diplomat", "minister", "kingdom", "accreditation", "abroad")

_SECTIONS = {
    "countries.json": ["countries"],
    "organisations.json": ["organisations"],
    "agencies.json": ["agencies"],
    "keywords.json": ["institution_words", "domains", "forms"],
    "cues.json": list(CUE_LISTS),
    "home.json": [
        "news_agencies",
        "officials",
        "ruling_families",
        "kingdoms",
        "not_home_phrases",
        "governments",
        "words",
    ],
    "lexicon.json": [*LEXICON_WORD_LISTS, *LEXICON_PHRASE_LISTS, *LEXICON_TABLES],
    "police_ranks.json": ["maghreb", "titles", "maghreb_titles", "modifiers"],
    "words.json": list(WORD_LISTS),
}


def _load(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8"))


def problems() -> list[str]:
    found: list[str] = []
    data: dict[str, dict] = {}
    for name, sections in _SECTIONS.items():
        try:
            data[name] = _load(name)
        except (OSError, ValueError) as error:
            found.append(f"{name}: cannot load ({error})")
            continue
        found += [f"{name}: missing section {s!r}" for s in sections if s not in data[name]]
    if found:
        return found
    countries = data["countries.json"]["countries"]
    parties = set(countries) | set(data["organisations.json"]["organisations"])
    home = data["home.json"]
    coded = {
        "agencies.json agencies": data["agencies.json"]["agencies"],
        "home.json news_agencies": home["news_agencies"],
        "home.json officials": home["officials"],
        "home.json governments": home.get("governments", {}),
    }
    for where, table in coded.items():
        found += [f"{where}: unknown party {code!r}" for code in table if code not in parties]
    found += [
        f"home.json ruling_families: unknown party {code!r} for {name!r}"
        for name, code in home["ruling_families"].items()
        if code not in parties
    ]
    found += [
        f"home.json kingdoms: unknown country {code!r}" for code in home["kingdoms"] if code not in countries
    ]
    for key, words in data["cues.json"].items():
        if key != "comment":
            found += _list_problems(f"cues.json {key}", words, normalized=True)
    found += [f"home.json words: missing list {key!r}" for key in HOME_WORDS if key not in home["words"]]
    for key, words in home["words"].items():
        found += _list_problems(f"home.json words.{key}", words, normalized=False)
    found += _police_problems(data["police_ranks.json"], countries)
    found += _words_problems(data["words.json"])
    found += _undescribed(data)
    lexicon = data["lexicon.json"]
    for key in (*LEXICON_WORD_LISTS, *LEXICON_PHRASE_LISTS):
        found += _list_problems(f"lexicon.json {key}", lexicon[key], normalized=False)
    for code, entry in countries.items():
        found += [
            f"countries.json {code}: nisba {s!r} has the article"
            for s in entry["nisba"]
            if s.startswith("ال")
        ]
    return found


def _list_problems(where: str, words: list, *, normalized: bool) -> list[str]:
    """A word list is not empty, holds non-empty strings, lists nothing twice and, where it is
    matched as it is (normalized=True), is written the way the engine normalizes text."""
    if not isinstance(words, list) or not words:
        return [f"{where}: empty"]
    found = [f"{where}: {w!r} is not a word" for w in words if not isinstance(w, str) or not w.strip()]
    if found:
        return found
    if normalized:
        found += [f"{where}: {w!r} is not normalized" for w in words if normalize_arabic(w) != w]
    seen: set[str] = set()
    for word in words:
        if word in seen:
            found.append(f"{where}: {word!r} is listed twice")
        seen.add(word)
    return found


def _undescribed(data: dict[str, dict]) -> list[str]:
    """Every word list is named in its file's comment (or its section's _comment), which says
    what the list is for."""
    groups = [
        (name, data[name]["comment"], [k for k in data[name] if k != "comment"])
        for name in ("cues.json", "lexicon.json", "keywords.json", "home.json", "police_ranks.json")
    ]
    groups.append(("home.json words", data["home.json"]["comment"], list(data["home.json"]["words"])))
    groups += [
        (f"words.json {module}", lists.get("_comment", ""), [k for k in lists if k != "_comment"])
        for module, lists in data["words.json"].items()
        if module != "comment"
    ]
    return [
        f"{where}: {key!r} is not described in its comment"
        for where, comment, keys in groups
        for key in keys
        if not re.search(rf"(?<!\w){re.escape(key)}(?!\w)", comment)
    ]


def _words_problems(data: dict) -> list[str]:
    """words.json: every list a module reads is there, documented and well-formed."""
    found: list[str] = []
    for module, lists in data.items():
        if module == "comment":
            continue
        if not lists.get("_comment"):
            found.append(f"words.json {module}: no _comment saying what its lists are for")
        found += [
            f"words.json {module}: missing list {key!r}"
            for key in WORD_LISTS.get(module, ())
            if key not in lists
        ]
        for key, words in lists.items():
            if key != "_comment":
                found += _list_problems(f"words.json {module}.{key}", words, normalized=True)
    return found


def _police_problems(police: dict, countries: dict) -> list[str]:
    """Police grades: known Maghreb codes, no empty list, no grade twice, none a bare taxonomy
    rank (it would shadow the rank: "عميد" alone is the taxonomy's brigadier)."""
    found = [
        f"police_ranks.json maghreb: unknown country {c!r}" for c in police["maghreb"] if c not in countries
    ]
    ranks = {normalize_arabic(t.ar) for t in vocabulary.ranks()}
    seen: set[str] = set()
    for key in ("titles", "maghreb_titles", "modifiers"):
        if not police[key]:
            found.append(f"police_ranks.json {key}: empty")
        for item in police[key]:
            norm = " ".join(normalize_arabic(item).split())
            if not norm:
                found.append(f"police_ranks.json {key}: empty entry")
            elif key != "modifiers" and norm in ranks:
                found.append(f"police_ranks.json {key}: {item!r} is a taxonomy rank")
            elif key != "modifiers" and norm in seen:
                found.append(f"police_ranks.json {key}: {item!r} is listed twice")
            seen.add(norm)
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
