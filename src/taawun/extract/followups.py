"""Follow-ups: future-tense commitments (سيتم، من المتوقع أن، ستكون هناك ...), each as a short
phrase cut from the text after the marker, up to the next clause break."""

from __future__ import annotations

import re

from . import cues
from .gazetteer import Lexicon
from .text import Article

_MAX_WORDS = 14
_FILLER = cues.module_words("followups")["filler"]
_CLAUSE_END = re.compile(r"[.،,؛;:!?؟\n\"“”«»]")


def find_followups(article: Article, lex: Lexicon) -> list[tuple[str, tuple[int, int]]]:
    words = [t.text for t in article.tokens]
    found: list[tuple[str, tuple[int, int]]] = []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for marker in lex.phrases["future_markers"]:
        by_first.setdefault(marker[0], []).append(marker)
    i = 0
    while i < len(words):
        candidates = by_first.get(words[i], ())
        hit = next((m for m in candidates if tuple(words[i : i + len(m)]) == m), None)
        if hit is None or article.in_background(i):
            i += 1
            continue
        start = i + len(hit)
        # Skip filler right after the marker ("سيتم ذلك", "من المتوقع أن يتم").
        while start < len(words) and words[start] in _FILLER:
            start += 1
        end = start
        while end < len(words) and end - start < _MAX_WORDS:
            if end > start and _CLAUSE_END.search(article.gap(end - 1, end)):
                break
            end += 1
        if end - start >= 2:
            span = article.span(start, end)
            phrase = article.norm.original[span[0] : span[1]].strip()
            if phrase not in (p for p, _ in found):
                found.append((phrase, span))
        i = max(end, i + 1)
    return found[:8]
