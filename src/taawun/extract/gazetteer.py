"""Gazetteers: countries, nisba forms, cities, organisations, agencies, and the word lists.

All loaded once from data/*.json and compiled into one phrase index (a dict keyed by token
tuples, probed longest-first at each token), so matching costs a few dict lookups per token
whatever the number of entries — not one regex per entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import cues
from .normalize import normalize_arabic

HOME = "@HOME"  # pseudo-party: an unqualified ministry/kingdom, resolved to --home
_WORDS = cues.module_words("gazetteer")


@dataclass(frozen=True)
class Entry:
    kind: str  # country | nisba | demonym | city | org | agency | home | not_home | news_agency
    code: str
    name: str = ""  # canonical Arabic name (cities)


@dataclass(frozen=True)
class Mention:
    first: int  # token indices [first, last)
    last: int
    entry: Entry


def _load(name: str) -> dict:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return json.loads(text)


# Party codes that are international organisations, not countries (EU, UN, GCC ...).
ORGANISATIONS = frozenset(_load("organisations.json")["organisations"])


def tokens_of(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", normalize_arabic(phrase)))


def nisba_forms(stem: str) -> list[str]:
    """Masculine stem (سوري) → every inflected form press uses (السورية، السوريين ...).

    The endings (feminine ه, plurals ين / ون, duals ان / تان / تين) and the article ال are
    Arabic morphology, the same for every nisba, so they are written here, not in the data."""
    stem = normalize_arabic(stem)
    base = [stem, stem + "ه", stem + "ين", stem + "ون", stem + "ان", stem + "تان", stem + "تين"]
    return base + ["ال" + form for form in base]


# Proclitics: conjunction (و ف) then preposition (ب ل ك); "لل" is ل + the article.
def proclitic_variants(token: str) -> list[str]:
    variants = [token]
    rest = token
    if len(rest) > 3 and rest[0] in "وف":
        rest = rest[1:]
        variants.append(rest)
    if len(rest) > 3 and rest[0] in "بلك":
        if rest.startswith("لل"):
            variants.append("ال" + rest[2:])
        else:
            variants.append(rest[1:])
    return variants


class PhraseIndex:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], Entry] = {}
        self._longest: dict[str, int] = {}

    def add(self, phrase: str, entry: Entry, *, overwrite: bool = False) -> None:
        key = tokens_of(phrase)
        if not key or (key in self._entries and not overwrite):
            return
        self._entries[key] = entry
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def find(self, words: list[str]) -> list[Mention]:
        """Longest non-overlapping matches, left to right."""
        found: list[Mention] = []
        i, n = 0, len(words)
        entries, longest = self._entries, self._longest
        while i < n:
            match = None
            for first in proclitic_variants(words[i]):
                size = longest.get(first)
                if not size:
                    continue
                for length in range(min(size, n - i), 0, -1):
                    key = (first, *words[i + 1 : i + length])
                    entry = entries.get(key)
                    if entry is not None:
                        if match is None or length > match.last - match.first:
                            match = Mention(i, i + length, entry)
                        break
            if match:
                found.append(match)
                i = match.last
            else:
                i += 1
        return found


@dataclass
class Lexicon:
    index: PhraseIndex
    countries: dict[str, dict]
    capitals: dict[str, str]  # code → capital (as written in data)
    words: dict[str, frozenset[str]]
    months_gregorian: dict[str, int]
    months_hijri: dict[str, int]
    weekdays: dict[str, int]
    number_words: dict[str, int]
    phrases: dict[str, list[tuple[str, ...]]]
    keywords: dict
    home: HomeTables


@dataclass
class HomeTables:
    """data/home.json compiled: what can tell whose ministry an unqualified title means."""

    agencies: PhraseIndex  # news agency names → Entry("agency_source", country)
    officials: list[tuple[frozenset[str], str, str, int]]  # name tokens, family name, country, size
    families: dict[tuple[str, ...], str]  # ruling-house name tokens → country
    kingdoms: frozenset[str]
    words: dict[str, frozenset[str]]  # counterpart, guest, diplomat, minister cue words


def name_words(name: str) -> list[str]:
    """A person's name as normalized words, "عبد X" (servant of X) joined into one word as the
    compound name it is, so "عبد الله" and "عبدالله" compare equal."""
    return normalize_arabic(name).replace("عبد ", "عبد").split()


def name_key(name: str) -> frozenset[str]:
    """A person's name as a set of tokens, without connectors, "عبد X" as one token."""
    tokens = name_words(name)
    # "الحموشي" and "حموشي" are one family name; the article is often dropped in press.
    return frozenset(
        t[2:] if t.startswith("ال") and len(t) > 4 else t for t in tokens if t not in _NAME_CONNECTORS
    )


_NAME_CONNECTORS = _WORDS["official_name_connectors"]


def _family(name: str) -> str:
    """The family name as name_key holds it: the last word, "عبد X" joined ("مجدي عبد الغفار" →
    عبدالغفار, not غفار, which the key never holds)."""
    last = name_words(name)[-1]
    return last[2:] if last.startswith("ال") and len(last) > 4 else last


def _home_tables(data: dict) -> HomeTables:
    agencies = PhraseIndex()
    for code, names in data["news_agencies"].items():
        for name in names:
            agencies.add(name, Entry("news_agency", code))
    officials = [
        (name_key(name), _family(name), code, len(name_key(name)))
        for code, names in data["officials"].items()
        for name in names
    ]
    families = {tokens_of(name): code for name, code in data["ruling_families"].items()}
    words = {key: _word_set(items) for key, items in data["words"].items()}
    return HomeTables(agencies, officials, families, frozenset(data["kingdoms"]), words)


def _word_set(items: list[str]) -> frozenset[str]:
    return frozenset(normalize_arabic(item) for item in items)


# The lists of data/lexicon.json the engine reads (the validator checks they are there).
LEXICON_WORD_LISTS = (
    "rank_modifiers",
    "honorifics",
    "position_heads",
    "position_words",
    "prepositions_in_position",
    "connectors",
    "stopwords",
    "background_openers",
    "names_with_waw",
    "instrument_words",
    "topic_words",
)
LEXICON_PHRASE_LISTS = ("dateline_markers", "background_phrases", "future_markers")
LEXICON_TABLES = ("months_gregorian", "months_hijri", "weekdays", "number_words")


@cache
def lexicon() -> Lexicon:
    countries = _load("countries.json")["countries"]
    orgs = _load("organisations.json")["organisations"]
    agencies = _load("agencies.json")["agencies"]
    lex = _load("lexicon.json")
    keywords = _load("keywords.json")
    index = PhraseIndex()
    capitals: dict[str, str] = {}
    # Organisations and agencies first: their long names win over the countries inside them.
    for code, aliases in orgs.items():
        for alias in aliases:
            index.add(alias, Entry("org", code))
    for code, aliases in agencies.items():
        for alias in aliases:
            index.add(alias, Entry("agency", code))
    for code, data in countries.items():
        for name in data["names"]:
            index.add(name, Entry("country", code))
        for stem in data["nisba"]:
            for form in nisba_forms(stem):
                index.add(form, Entry("nisba", code))
        for demonym in data["demonyms"]:
            index.add(demonym, Entry("nisba", code))
        if data.get("capital"):
            capitals[code] = data["capital"]
            index.add(data["capital"], Entry("city", code, data["capital"]))
        for city in data["cities"]:
            index.add(city, Entry("city", code, city))
    # Amman and Oman are spelled alike once vowels go; the city reading is settled in context.
    for name in _WORDS["amman_or_oman"]:
        index.add(name, Entry("city", "JO", name), overwrite=True)
    home_data = _load("home.json")
    for phrase in sorted(_WORDS["home_words"]):
        index.add(phrase, Entry("home", HOME))
    # "وزير الداخلية بحكومة الوحدة الوطنية": a government's name qualifies like a nisba.
    for code, names in home_data["governments"].items():
        for name in names:
            index.add(name, Entry("nisba", code))
    # "وزارتي الداخلية في البلدين", "وزراء الداخلية": several ministries, nobody's in particular.
    for phrase in home_data["not_home_phrases"]:
        index.add(phrase, Entry("not_home", ""))
    months_g = {normalize_arabic(n): int(k) for k, names in lex["months_gregorian"].items() for n in names}
    months_h = {normalize_arabic(n): int(k) for k, names in lex["months_hijri"].items() for n in names}
    weekdays = {normalize_arabic(n): int(k) for k, names in lex["weekdays"].items() for n in names}
    words = {key: _word_set(lex[key]) for key in LEXICON_WORD_LISTS}
    phrases = {key: [tokens_of(p) for p in lex[key] if tokens_of(p)] for key in LEXICON_PHRASE_LISTS}
    return Lexicon(
        index=index,
        countries=countries,
        capitals=capitals,
        words=words,
        months_gregorian=months_g,
        months_hijri=months_h,
        weekdays=weekdays,
        number_words={normalize_arabic(k): v for k, v in lex["number_words"].items()},
        phrases=phrases,
        keywords=keywords,
        home=_home_tables(home_data),
    )
