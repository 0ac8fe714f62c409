"""Highlighted snippets, built in Python from the original text so both engines share them.

The text is escaped piece by piece and only the words that match the query are wrapped in
<mark>, so nothing from a record is ever rendered as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from taawun.search.text import Token, tokens

SNIPPET_WORDS = 28


@dataclass(frozen=True)
class Matcher:
    """Which index terms a query asks for: exactly, or as prefixes (the fallback)."""

    terms: tuple[str, ...]
    prefix: bool = False

    def matches(self, token: Token) -> bool:
        if self.prefix:
            return any(term.startswith(wanted) for term in token.terms for wanted in self.terms)
        return any(term in self.terms for term in token.terms)


def _marked(text: str, words: Sequence[Token], matcher: Matcher, start: int, end: int) -> str:
    pieces: list[str] = []
    cursor = start
    for token in words:
        if token.start < start or token.end > end or not matcher.matches(token):
            continue
        pieces.append(escape(text[cursor : token.start]))
        pieces.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
        cursor = token.end
    pieces.append(escape(text[cursor:end]))
    return "".join(pieces)


def highlight(text: str, matcher: Matcher) -> SafeString:
    """The whole text, escaped, with the matching words marked."""
    text = text or ""
    return mark_safe(_marked(text, tokens(text), matcher, 0, len(text)))  # noqa: S308 - escaped above


def _best_window(flags: list[bool], width: int) -> tuple[int, int]:
    """[first, last) token indexes of the window of `width` words with the most matches."""
    if len(flags) <= width:
        return 0, len(flags)
    count = best = sum(flags[:width])
    best_start = 0
    for start in range(1, len(flags) - width + 1):
        count += flags[start + width - 1] - flags[start - 1]
        if count > best:
            best, best_start = count, start
    # Start a little before the first match, so it is read in its sentence.
    first_match = next((i for i in range(best_start, best_start + width) if flags[i]), best_start)
    best_start = max(0, min(first_match - 4, len(flags) - width))
    return best_start, best_start + width


def snippet(texts: Iterable[str], matcher: Matcher, width: int = SNIPPET_WORDS) -> SafeString:
    """A passage of about `width` words around the matches of the first text that has any (the
    beginning of the first non-empty text when none has), escaped, matches marked."""
    candidates = [text for text in texts if text and text.strip()]
    if not candidates:
        return mark_safe("")
    chosen, words, flags = candidates[0], tokens(candidates[0]), []
    for text in candidates:
        text_words = tokens(text)
        text_flags = [matcher.matches(token) for token in text_words]
        if any(text_flags):
            chosen, words, flags = text, text_words, text_flags
            break
    if not words:
        return mark_safe(escape(chosen[: width * 8]))  # noqa: S308
    flags = flags or [False] * len(words)
    first, last = _best_window(flags, width)
    window = words[first:last]
    start = 0 if first == 0 else window[0].start
    end = len(chosen) if last == len(words) else window[-1].end
    html = _marked(chosen, window, matcher, start, end).strip()
    if first > 0:
        html = "… " + html
    if last < len(words):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece escaped in _marked
