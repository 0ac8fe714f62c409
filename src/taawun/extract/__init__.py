"""Arabic press-release extraction engine (pure Python, no Django).

from taawun.extract import extract, Record, normalize_arabic
record = extract(text, published="2025-04-16", home="SA")
record.to_json()      # SCHEMA.md's object
record.evidence       # field or "field:value" → [(start, end), ...] offsets into `text`
"""

from .engine import extract
from .normalize import normalize_arabic
from .record import PersonRecord, Record

__all__ = ["PersonRecord", "Record", "extract", "normalize_arabic"]
