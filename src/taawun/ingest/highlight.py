"""The article with its evidence marked, built on the server: every text piece escaped, every
evidence span a <mark id=...> that the field labels link to (no script needed; `:target` styles
the mark a reader clicked through to)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def mark_id(key: str, index: int = 0) -> str:
    """The HTML id of the index-th span of an evidence key ("people:0" → "ev-people-0-0")."""
    return f"ev-{_UNSAFE_ID.sub('-', key)}-{index}"


@dataclass(frozen=True, order=True)
class _Span:
    start: int
    neg_end: int  # longer spans open first, so they contain the shorter ones starting there
    key: str
    index: int

    @property
    def end(self) -> int:
        return -self.neg_end


def _spans(evidence: dict, length: int) -> list[_Span]:
    spans = []
    for key, pairs in (evidence or {}).items():
        for index, pair in enumerate(pairs or []):
            try:
                start, end = max(0, int(pair[0])), min(length, int(pair[1]))
            except (TypeError, ValueError, IndexError):
                continue
            if end > start:
                spans.append(_Span(start, -end, str(key), index))
    return sorted(spans)


def _open(span: _Span, first: bool) -> str:
    field = _UNSAFE_ID.sub("-", span.key.split(":", 1)[0])
    ident = f' id="{mark_id(span.key, span.index)}"' if first else ""
    return f'<mark{ident} class="ev ev-{field}" title="{escape(span.key)}">'


def highlight(text: str, evidence: dict) -> SafeString:
    """The text, escaped, with each evidence span wrapped in a mark; crossing spans are split so
    the marks nest properly (only a span's first piece carries its id)."""
    spans = _spans(evidence, len(text))
    boundaries = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[_Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    out: list[str] = []
    stack: list[_Span] = []  # open marks, outermost first; ends never increase towards the top
    for position, following in zip(boundaries, boundaries[1:], strict=False):
        ending = sum(1 for span in stack if span.end <= position)  # always the top of the stack
        if ending:
            out.append("</mark>" * ending)
            stack = stack[: len(stack) - ending]
        new = starting.get(position, [])
        if new:
            # Marks that would cross a new, longer one are closed and reopened inside it (without
            # their id, which stays on their first piece).
            inner = [span for span in stack if span.end < new[0].end]
            if inner:
                out.append("</mark>" * len(inner))
                stack = stack[: len(stack) - len(inner)]
            for span in sorted([*new, *inner], key=lambda s: (-s.end, s not in new)):
                out.append(_open(span, first=span in new))
                stack.append(span)
        out.append(escape(text[position:following]))
    out.append("</mark>" * len(stack))
    return mark_safe("".join(out))  # noqa: S308 - every text piece above is escaped
