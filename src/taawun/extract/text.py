"""The analysed article: normalized text, tokens, lines and sentences, built once per call.

Every later step works on token indices; `Article.span()` turns them back into character
offsets in the original text for the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import Normalized, normalize_with_offsets

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Sentence ends: full stops (not inside numbers such as 27.3.2022), ! ? ؟ … and line breaks.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟…](?!\d)|\n")


@dataclass
class Token:
    text: str  # normalized
    start: int  # normalized offsets
    end: int
    line: int
    sentence: int


@dataclass
class Article:
    norm: Normalized
    tokens: list[Token]
    line_tokens: list[tuple[int, int]]  # token index range [a, b) per line
    sentence_tokens: list[tuple[int, int]]
    title_lines: set[int] = field(default_factory=set)
    dateline_lines: set[int] = field(default_factory=set)
    lead_sentences: set[int] = field(default_factory=set)
    background_sentences: set[int] = field(default_factory=set)
    wrapped: bool = False  # the page is hard-wrapped (structure.mark found no paragraph)

    @property
    def text(self) -> str:
        return self.norm.text

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original-text offsets covering tokens first..last-1."""
        if not self.tokens or first >= last:
            return (0, 0)
        return self.norm.span(self.tokens[first].start, self.tokens[last - 1].end)

    def original(self, first: int, last: int) -> str:
        start, end = self.span(first, last)
        return self.norm.original[start:end]

    def gap(self, left: int, right: int) -> str:
        """Normalized text between token `left` and token `right` (punctuation, spaces)."""
        if left < 0 or right >= len(self.tokens):
            return " "
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def in_background(self, index: int) -> bool:
        return self.tokens[index].sentence in self.background_sentences

    def in_lead(self, index: int) -> bool:
        return self.tokens[index].sentence in self.lead_sentences


def build(text: str) -> Article:
    norm = normalize_with_offsets(text)
    ntext = norm.text
    # Line and sentence boundaries as sorted offset lists, then a sweep assigns tokens.
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", ntext)]
    sentence_breaks = [m.end() for m in _SENTENCE_END.finditer(ntext)]
    tokens: list[Token] = []
    line = sentence = 0
    li = si = 0
    for m in _TOKEN.finditer(ntext):
        start = m.start()
        while li + 1 < len(line_starts) and line_starts[li + 1] <= start:
            li += 1
            line = li
        while si < len(sentence_breaks) and sentence_breaks[si] <= start:
            si += 1
            # Only count a new sentence when the previous one had tokens.
            if tokens and tokens[-1].sentence == sentence:
                sentence += 1
        tokens.append(Token(m.group(), start, m.end(), line, sentence))
    line_tokens = _ranges(tokens, "line", len(line_starts))
    sentence_tokens = _ranges(tokens, "sentence", sentence + 1 if tokens else 0)
    return Article(norm, tokens, line_tokens, sentence_tokens)


def _ranges(tokens: list[Token], attr: str, count: int) -> list[tuple[int, int]]:
    ranges = [(0, 0)] * count
    for index, token in enumerate(tokens):
        key = getattr(token, attr)
        first, last = ranges[key]
        ranges[key] = (index, index + 1) if first == last else (first, index + 1)
    return ranges
