"""Arabic normalization, with a map back to the original text's offsets.

Everything in the engine matches on normalized text (no diacritics or tatweel, one alef, ة→ه,
ى→ي, Western digits), but evidence must point into the text the officer reads. So the
normalizer also returns, for every normalized character, the index of the original character
it came from; removing a diacritic is the only step that changes length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Harakat, Quranic marks, superscript alef and tatweel: dropped.
_DROPPED = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
)

# One-to-one replacements: alef and hamza seats, ta marbuta, alef maqsura, Persian letters,
# Arabic-Indic and Persian digits. Keeping them 1:1 keeps offsets simple.
_TABLE = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",
    "ک": "ك",
    "ڤ": "ف",
    "گ": "ك",
    "پ": "ب",
    "چ": "ج",
    "ـ": "",
    "٫": ".",
    "،": "،",
}
for _i in range(10):
    _TABLE[chr(0x0660 + _i)] = str(_i)
    _TABLE[chr(0x06F0 + _i)] = str(_i)

_TRANSLATE = str.maketrans({k: v for k, v in _TABLE.items() if len(v) == 1})
_DROP_RE = re.compile("[" + "".join(sorted(_DROPPED)) + "]")


def normalize_arabic(text: str) -> str:
    """Fold the spelling variants Arabic press uses for the same word.

    Removes diacritics and tatweel, unifies alef/hamza forms, ta marbuta (ة→ه), alef maqsura
    (ى→ي) and digits (Arabic-Indic → Western). Latin letters are lower-cased. Reused by search
    and matching elsewhere in the project.
    """
    return _DROP_RE.sub("", text or "").translate(_TRANSLATE).lower()


@dataclass
class Normalized:
    """Normalized text plus, for each of its characters, the original character's index."""

    original: str
    text: str
    offsets: list[int] = field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for a normalized [start, end) slice."""
        if start >= len(self.offsets):
            return (len(self.original), len(self.original))
        end_index = self.offsets[end - 1] + 1 if end > start else self.offsets[start]
        return (self.offsets[start], end_index)


def normalize_with_offsets(text: str) -> Normalized:
    if not _DROP_RE.search(text):
        # Fast path: the common case has no diacritics, so offsets are the identity.
        return Normalized(text, text.translate(_TRANSLATE).lower(), list(range(len(text))))
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        chars.append(char)
        offsets.append(index)
    return Normalized(text, "".join(chars).translate(_TRANSLATE).lower(), offsets)
