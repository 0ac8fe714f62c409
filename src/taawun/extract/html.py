"""Plain text from what users paste or upload: HTML pages lose their tags, scripts and styles."""

from __future__ import annotations

import html
import re

_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|h\d|article|!doctype)\b", re.IGNORECASE)
_DROP_BLOCKS = re.compile(r"<(script|style|noscript|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li|/tr|/article)\s*/?\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]{0,2000}>")


def clean_text(text: str) -> str:
    # Same length for plain text, so evidence offsets stay valid in the caller's string.
    text = text.replace("\x00", " ")
    if not _HTML_HINT.search(text[:5000]):
        return text
    text = _DROP_BLOCKS.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    return html.unescape(text)
