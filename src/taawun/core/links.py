"""Links to record pages, made without resolving the URL patterns each time.

A page links hundreds of records (a profile's timeline names every partner of fifty engagements),
and `reverse()` walks the patterns for each, 30-50 µs a link. The address of a record page differs
from another's only in the record's key, so it is reversed once per page name, language and script
prefix, with a stand-in key, and the real key put in its place. Kept for its measured gain
against reverse(): docs/BENCHMARKS.md, "Speed shortcuts" (benchmarks/shortcuts_bench.py).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

# Digits, so that it passes every converter a record's key is declared with (int, str, slug).
STAND_IN = "8642097531864209"


@lru_cache(maxsize=256)
def _pattern(name: str, prefix: str, language: str | None) -> str:
    return reverse(name, args=[STAND_IN])


def record_url(name: str, key) -> str:
    """`reverse(name, args=[key])` for a page whose only argument is the record's key."""
    # Quoted as reverse() quotes an argument.
    return _pattern(name, get_script_prefix(), get_language()).replace(
        STAND_IN, quote(str(key), safe="!$&'()*+,;=~:@/")
    )


@receiver(setting_changed)
def _forget_patterns(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # as Django forgets its own resolver
        _pattern.cache_clear()
