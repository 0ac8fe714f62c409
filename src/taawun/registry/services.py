"""Business rules of the registry that are more than a field check."""

from __future__ import annotations

import hashlib
import unicodedata

from taawun.registry.models import Source


def content_hash(text: str) -> str:
    """SHA-256 of the text in Unicode NFC with normalised line ends and outer white space removed,

    so the same article pasted twice, or saved by another editor, is recognised as one source.
    """
    canonical = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def source_create(*, text: str, title: str = "", url: str = "", published_on=None):
    """Store a source once per content: the same text again returns the stored one.

    Returns (source, created).
    """
    digest = content_hash(text)
    existing = Source.objects.filter(content_hash=digest).first()
    if existing:
        return existing, False
    source = Source(text=text, title=title, url=url, published_on=published_on, content_hash=digest)
    source.full_clean(validate_unique=False)  # just looked up; the unique index has the last word
    source.save()
    return source, True
