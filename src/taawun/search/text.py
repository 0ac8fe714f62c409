"""From text to index terms: tokenise, normalise, stem. The one pipeline for documents and queries.

Normalisation is `taawun.extract.normalize` (diacritics, tatweel, alef and hamza seats, ta
marbuta → ha, alef maqsura → ya, Arabic-Indic digits, lower case); it already does everything
search needs, and its offsets map lets snippets point back into the text the officer reads.

Stemming is why this module exists. The Snowball Arabic stemmer (PyStemmer) alone does not make
the variants of one word meet: it stems "المخدرات" to "مخدر" but "مخدرات" to "مخدرا" and
"والمخدرات" to "والمخدرا", and "السعودية" to "سعود" but "السعوديه" to "سعوديه". Its suffix rules
only fire once it has removed an article, and it expects the ta marbuta that normalisation folds.
So an Arabic word first goes through a light stemmer (the prefix and suffix lists of Larkey's
light10, as Lucene's ArabicStemmer uses them: articles with their conjunctions and prepositions,
plural, dual and feminine endings), then through Snowball, which removes what is left (a lone
preposition such as the ب of "بزيارة", further endings). Both steps run on normalised text,
for documents and queries alike, so whatever they conflate, they conflate on both sides.

A single preposition or conjunction letter on a long word ("لمكافحة") is not removed: it cannot be
told apart from a first letter ("لبنان" would become "بن", the "son of" of every name). A document
indexes such a word twice instead, with and without the letter, so a query for "مكافحة" finds
"لمكافحة"; queries are not expanded, so a query for "لبنان" stays precise.

Latin-script words are stemmed with Snowball's English stemmer; digits are kept as they are.

Two kinds of variants no stemmer joins. A country's name and its adjective ("سوريا", "سورية",
"السوريين") share no stem the stemmers find, so each one-word form the gazetteer knows for a
country (taawun.extract's countries.json: names, nisba forms) is also indexed as one term for the
country, and a query for any of them asks for that term. And a name of the "عبد الله" kind is
written joined as often as spaced: both are indexed as the joined word, and a query joins them too.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

from taawun.extract.gazetteer import lexicon, nisba_forms, tokens_of
from taawun.extract.normalize import normalize_arabic, normalize_with_offsets

# A word: letters and digits (after normalisation there are no diacritics inside words).
_WORD = re.compile(r"[^\W_]+")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")

# Larkey's light10 affixes, on normalised text (so ة is already ه, أ/إ/آ are ا).
# Longest prefix first; only one prefix is removed.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Removed one after the other when present (as Lucene does): "السعوديين" loses ين, "سعوديه" loses يه.
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
# A single preposition or conjunction that may be stuck to a word ("لمكافحة"): documents only.
_SINGLE_PREFIXES = frozenset("لبفك")

# Words a query may drop: they are in nearly every document, so requiring them (AND) would only
# lose results. Documents keep them (ranking discounts them anyway).
_STOP_WORDS = frozenset(
    {
        # Arabic, normalised
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "مع",
        "و",
        "او",
        "ثم",
        "ان",
        "هذا",
        "هذه",
        "ذلك",
        "التي",
        "الذي",
        "بين",
        # English
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    }
)

_local = threading.local()  # PyStemmer's stemmers are not safe to share between threads


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


def light_stem_arabic(word: str) -> str:
    """Remove one article-like prefix (or the conjunction و) and the common endings, keeping at
    least two letters."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) >= len(prefix) + 2:
            word = word[len(prefix) :]
            break
    else:
        if word.startswith("و") and len(word) > 3:  # the conjunction "and", as light10 removes it
            word = word[1:]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


def _fold_latin(word: str) -> str:
    """Latin accents off ("café" → "cafe"), so both database engines see the same letters."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return normalize_arabic("".join(char for char in decomposed if not unicodedata.combining(char)))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The index term of one normalised word."""
    word = _fold_latin(word)
    if word.isdigit():
        return word
    if _ARABIC_LETTER.search(word):
        light = light_stem_arabic(word)
        stemmed = _stemmer("arabic").stemWord(light)
        # Snowball may leave a single letter of a short word; the light stem is more useful then.
        return stemmed if len(stemmed) >= 2 else light
    return _stemmer("english").stemWord(word)


# The index term of a country, whichever of its names or adjectives a text uses.
COUNTRY_TERM = "xcountry{code}"


@cache
def _country_forms() -> dict[str, str]:
    """Each normalised one-word name or nisba form of a country → the country's term. A form two
    countries share, or that is also a city's name (عمان: Oman, and Amman), is left out: it keeps
    its plain stem."""
    countries = lexicon().countries
    codes: dict[str, set[str]] = defaultdict(set)
    for code, data in countries.items():
        forms = [name for name in data["names"] if len(tokens_of(name)) == 1]
        forms += [form for nisba in data["nisba"] for form in nisba_forms(nisba)]
        for form in forms:
            codes[normalize_arabic(form)].add(code)
    places = {
        normalize_arabic(place)
        for data in countries.values()
        for place in (data["capital"] or "", *data["cities"])
    }
    return {
        form: COUNTRY_TERM.format(code=next(iter(found)).lower())
        for form, found in codes.items()
        if len(found) == 1 and form not in places
    }


def country_term(word: str) -> str | None:
    """The country a normalised word names, as its index term (a conjunction or preposition stuck
    to the word, "وسوريا", "للسعودية", is looked through)."""
    forms = _country_forms()
    if word in forms:
        return forms[word]
    if word.startswith("لل") and "ال" + word[2:] in forms:
        return forms["ال" + word[2:]]
    if len(word) > 3 and word[0] in "و" + "".join(_SINGLE_PREFIXES):
        return country_term(word[1:])
    return None


@lru_cache(maxsize=50_000)
def document_terms(word: str) -> tuple[str, ...]:
    """The index terms of a word of a document: its stem; for a long Arabic word that may carry a
    one-letter preposition or conjunction, the stem of the rest too; for a country's name or
    adjective, the country's term."""
    terms = [stem(word)]
    if len(word) >= 5 and word[0] in _SINGLE_PREFIXES and _ARABIC_LETTER.match(word):
        rest = stem(word[1:])
        if rest not in terms:
            terms.append(rest)
    country = country_term(word)
    if country:
        terms.append(country)
    return tuple(terms)


# "عبد" (servant of) and the name after it are one name, written joined or spaced.
_SERVANT = "عبد"


def _joins_servant(previous: str | None, word: str) -> bool:
    return previous == _SERVANT and word.startswith("ال")


def _word_terms(previous: str | None, word: str) -> tuple[str, ...]:
    """A document word's terms, with the joined name when it follows "عبد" ("عبد الله")."""
    terms = document_terms(word)
    if _joins_servant(previous, word):
        return (*terms, stem(_SERVANT + word))
    return terms


def _is_dropped_mark(char: str) -> bool:
    return char == "\u0640" or bool(unicodedata.combining(char))


@dataclass(frozen=True)
class Token:
    terms: tuple[str, ...]  # the index terms of the word
    start: int  # where the word is in the original text
    end: int


def tokens(text: str) -> list[Token]:
    """The words of a text with their index terms and their place in the original text."""
    if not text:
        return []
    normalized = normalize_with_offsets(text)
    found = []
    previous = None
    for match in _WORD.finditer(normalized.text):
        start, end = normalized.span(match.start(), match.end())
        while end < len(text) and _is_dropped_mark(text[end]):  # a word's last diacritic is part of it
            end += 1
        found.append(Token(_word_terms(previous, match.group()), start, end))
        previous = match.group()
    return found


def terms(text: str) -> list[str]:
    return [term for token in tokens(text) for term in token.terms]


def index_text(*texts: str) -> str:
    """The terms of some texts as one space-separated string: what the full-text engine indexes.

    The same terms as `terms()`, without the offsets, which indexing does not need."""
    found = []
    for text in texts:
        previous = None
        for word in _WORD.findall(normalize_arabic(text or "")):
            found.extend(_word_terms(previous, word))
            previous = word
    return " ".join(found)


MAX_QUERY_TERMS = 12


def query_terms(query: str) -> list[str]:
    """The distinct terms a query asks for, in order; stop words dropped unless nothing else is left."""
    words = _joined_names(_WORD.findall(normalize_arabic(query or "")))
    content = [word for word in words if word not in _STOP_WORDS] or words
    found: list[str] = []
    for word in content:
        term = country_term(word) or stem(word)
        if term not in found:
            found.append(term)
    return found[:MAX_QUERY_TERMS]


def _joined_names(words: list[str]) -> list[str]:
    """A query's words with "عبد" and the name after it written as one ("عبد الله" → "عبدالله")."""
    joined: list[str] = []
    for word in words:
        if joined and _joins_servant(joined[-1], word):
            joined[-1] = _SERVANT + word
        else:
            joined.append(word)
    return joined
