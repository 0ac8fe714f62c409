"""Checks on the vocabulary in data/*.json, so a word list edited by hand cannot fail silently.

    python -m taawun.extract.validate      # prints the problems, exit status 1 if any

What it checks: every file loads and has its sections; the word lists of engine.py, classify.py
and people.py (words.json) are non-empty and written normalized; every party code used in the tables is a
country in countries.json or an organisation in organisations.json; cue words (matched as they
are, without normalizing) are written normalized; no cue or word list is empty; nisba stems carry
no article (the engine adds it); police grades name known Maghreb countries, are not bare
taxonomy ranks, and are listed once.
"""

from __future__ import annotations

import json
import sys
from importlib import resources

from .normalize import normalize_arabic

_SECTIONS = {
    "countries.json": ["countries"],
    "organisations.json": ["organisations"],
    "agencies.json": ["agencies"],
    "keywords.json": ["institution_words", "domains", "forms"],
    "cues.json": ["receive_verbs", "host_verbs", "receive_nouns", "travel", "meet", "sign", "speech"],
    "home.json": ["news_agencies", "officials", "ruling_families", "kingdoms", "not_home_phrases", "words"],
    "lexicon.json": ["honorifics", "position_heads", "stopwords", "background_phrases", "names_with_waw"],
    "police_ranks.json": ["maghreb", "titles", "maghreb_titles", "modifiers"],
    "words.json": ["engine", "classify", "people"],
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
        if key == "comment":
            continue
        if not words:
            found.append(f"cues.json {key}: empty")
        found += [f"cues.json {key}: {w!r} is not normalized" for w in words if normalize_arabic(w) != w]
    for key, words in home["words"].items():
        if not words:
            found.append(f"home.json words.{key}: empty")
    found += _police_problems(data["police_ranks.json"], countries)
    for module, lists in data["words.json"].items():
        if module == "comment":
            continue
        for key, words in lists.items():
            if not words:
                found.append(f"words.json {module}.{key}: empty")
            found += [
                f"words.json {module}.{key}: {w!r} is not normalized"
                for w in words
                if normalize_arabic(w) != w
            ]
    for code, entry in countries.items():
        found += [
            f"countries.json {code}: nisba {s!r} has the article"
            for s in entry["nisba"]
            if s.startswith("ال")
        ]
    return found


def _police_problems(police: dict, countries: dict) -> list[str]:
    """Police grades: known Maghreb codes, no empty list, no grade twice, none a bare taxonomy
    rank (it would shadow the rank: "عميد" alone is the taxonomy's brigadier)."""
    from taawun import vocabulary

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
