"""The order an Arabic reader expects names in, kept as a key beside each partner's names.

A database sorts by code point, which puts every name beginning with أ before every name beginning
with ا, and every "ال..." name among the alifs. An Arabic list (the Arab League's members, a
ministry's directory) files a name by its letters whatever the hamza's seat, and without the
article: الأردن is filed as أردن, البحرين as بحرين. The key says so, the same on SQLite and
PostgreSQL: the engine's normalisation (hamza seats, ta marbuta, alif maqsura, diacritics and
tatweel, case), then each word's article dropped. An English name is filed without a leading "The".
"""

from __future__ import annotations

import re

from taawun.extract.normalize import normalize_arabic

_ARTICLE = re.compile(r"(?<!\S)ال(?=\S{2})")  # a word's article, where two letters or more follow
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def sort_key(name: str) -> str:
    """The key a name sorts by (Arabic or English)."""
    key = normalize_arabic(_THE.sub("", (name or "").strip()))
    key = _ARTICLE.sub("", key)
    return " ".join(key.split())
