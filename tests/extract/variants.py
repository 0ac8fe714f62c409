"""Builds metamorphic variants of an article: changes that must change the record in a known way
(swap one country for another throughout) or not at all (move the background to the end, add a
background sentence about third countries, change the dateline).

Variants work on the normalized text (taawun.extract.normalize_arabic), which the engine reads
the same way as the original, so a swap needs to know only one spelling of each form.
"""

from __future__ import annotations

import re

from taawun.extract import normalize_arabic
from taawun.extract.gazetteer import lexicon, nisba_forms
from taawun.extract.structure import mark
from taawun.extract.text import build

# Stand-ins, one name without al- and one with, so that "بمصر" → "بكينيا" and "بالعراق" →
# "بالبرتغال" both stay good Arabic; the first the article does not mention is used.
STAND_INS = {"bare": ["KE", "PL"], "al": ["PT", "NO"]}


def _forms(code: str) -> tuple[list[str], list[str], list[str]]:
    """Normalized (names, nisba forms, capital and cities) of a country."""
    data = lexicon().countries[code]
    names = [normalize_arabic(n) for n in data["names"]]
    nisbas = [normalize_arabic(f) for stem in data["nisba"] for f in nisba_forms(stem)]
    places = [normalize_arabic(p) for p in [data.get("capital") or "", *data["cities"]] if p]
    return names, nisbas, places


def stand_in(code: str, text: str) -> str:
    """A country to put in `code`'s place that `text` does not mention."""
    names, _, _ = _forms(code)
    short = min(names, key=len) if names else ""
    norm = normalize_arabic(text)
    for candidate in STAND_INS["al" if short.startswith("ال") else "bare"]:
        candidate_names, candidate_nisbas, _ = _forms(candidate)
        if not any(form in norm for form in candidate_names + candidate_nisbas):
            return candidate
    raise LookupError(f"no stand-in for {code}")


def swap_country(text: str, old: str, new: str) -> str:
    """The text with every name, nisba, capital and city of `old` replaced by `new`'s."""
    names, nisbas, places = _forms(old)
    new_names, new_nisbas, new_places = _forms(new)
    table: dict[str, str] = {}
    short_name = min(new_names, key=len)
    for name in names:
        table[name] = short_name
    stem_new = normalize_arabic(lexicon().countries[new]["nisba"][0])
    for stem in lexicon().countries[old]["nisba"]:
        stem = normalize_arabic(stem)
        for suffix in ("", "ه", "ين", "ون", "ان", "تان", "تين"):
            table[stem + suffix] = stem_new + suffix
            table["ال" + stem + suffix] = "ال" + stem_new + suffix
    for place in places:
        table[place] = new_places[0]
    out = normalize_arabic(text)
    for source in sorted(table, key=len, reverse=True):
        target = table[source]
        if source.startswith("ال"):  # "للعراق" is ل + العراق with the alef dropped
            lil = "لل" + target[2:] if target.startswith("ال") else "ل" + target
            out = re.sub(
                rf"(?<!\w)(و|ف)?لل{re.escape(source[2:])}(?!\w)",
                lambda m, lil=lil: (m.group(1) or "") + lil,
                out,
            )
        out = re.sub(
            rf"(?<!\w)((?:و|ف)?(?:ب|ل|ك)?){re.escape(source)}(?!\w)",
            lambda m, target=target: m.group(1) + target,
            out,
        )
    return out


def move_background_to_end(text: str) -> str:
    """Paragraphs made only of background sentences moved after the rest."""
    norm = normalize_arabic(text)
    article = build(norm)
    mark(article, lexicon())
    lines = norm.split("\n")
    background, kept = [], []
    for number, line in enumerate(lines):
        first, last = article.line_tokens[number] if number < len(article.line_tokens) else (0, 0)
        sentences = {article.tokens[k].sentence for k in range(first, last)}
        heading = number in article.title_lines or number in article.dateline_lines
        if sentences and not heading and sentences <= article.background_sentences:
            background.append(line)
        else:
            kept.append(line)
    return "\n".join(kept + background)


THIRD_COUNTRY_BACKGROUND = (
    "يذكر أن وزير الداخلية البرازيلي كان قد زار الأرجنتين العام الماضي لبحث التعاون الأمني."
)


def add_background_sentence(text: str) -> str:
    """A closing paragraph about third countries (after a full stop: some pages are cut short)."""
    body = normalize_arabic(text).rstrip()
    stop = "" if body.endswith((".", "!", "؟", "?")) else "."
    return body + stop + "\n" + normalize_arabic(THIRD_COUNTRY_BACKGROUND)


def with_dateline(text: str, city: str = "جنيف") -> str:
    """The text filed from another city: a "CITY - " dateline line at the top."""
    return normalize_arabic(f"{city} - ") + "\n" + normalize_arabic(text)


def with_inline_dateline(text: str, city: str = "جنيف") -> str:
    """The text filed from another city, as many pages write it: "CITY - " opening the first
    paragraph of the body (the first run of lines between blank lines with more than twelve
    words; a hard-wrapped page is one such run)."""
    lines = normalize_arabic(text).split("\n")
    start = 0
    for n in range(len(lines) + 1):
        if n == len(lines) or not lines[n].strip():
            if sum(len(line.split()) for line in lines[start:n]) > 12:
                lines[start] = normalize_arabic(f"{city} - ") + lines[start]
                break
            start = n + 1
    return "\n".join(lines)
