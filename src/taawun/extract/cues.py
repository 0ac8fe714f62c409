"""Event cue words (normalized), shared by party and kind resolution; the lists are in data/cues.json.
The other modules' word lists are in data/words.json (module_words)."""

from __future__ import annotations

import json
import re
from importlib import resources


def _load() -> dict[str, frozenset[str]]:
    text = resources.files(__package__).joinpath("data/cues.json").read_text(encoding="utf-8")
    return {key: frozenset(words) for key, words in json.loads(text).items() if key != "comment"}


_CUES = _load()
RECEIVE_VERBS = _CUES["receive_verbs"]
HOST_VERBS = _CUES["host_verbs"]
RECEIVE_NOUNS = _CUES["receive_nouns"]
TRAVEL = _CUES["travel"]
MEET = _CUES["meet"]
SIGN = _CUES["sign"]
SPEECH = _CUES["speech"]
WORKSHOP = _CUES["workshop"]
CONFERENCE = _CUES["conference"]
MEETING_NOUNS = _CUES["meeting_nouns"]
ORDINALS = _CUES["ordinals"]
AMBASSADOR = _CUES["ambassador"]


def _load_words() -> dict[str, dict[str, frozenset[str]]]:
    text = resources.files(__package__).joinpath("data/words.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {
        module: {key: frozenset(items) for key, items in lists.items() if key != "_comment"}
        for module, lists in data.items()
        if module != "comment"
    }


_WORDS = _load_words()


def module_words(module: str) -> dict[str, frozenset[str]]:
    """The word lists of one module (engine, classify, people, dates, ...) from data/words.json."""
    return _WORDS[module]


def words(key: str) -> frozenset[str]:
    """Any list of data/cues.json by its key (parties.py's place, travel and clause words)."""
    return _CUES[key]


def has(word: str, words: frozenset[str]) -> bool:
    """Cue test that ignores a leading conjunction (و / ف)."""
    return word in words or (len(word) > 3 and word[0] in "وف" and word[1:] in words)


def one_of(words: frozenset[str]) -> str:
    """A regex alternation of the words (longest first, so a longer word wins over its prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
