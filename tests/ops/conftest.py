"""Fixtures for backup and restore: a MEDIA_ROOT under tmp_path, the parties, a backups folder.

The helpers that run the commands and read archives are in tests/ops/archives.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from taawun.registry.models import Party


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "var" / "media"
    (root / "uploads").mkdir(parents=True)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def parties(transactional_db) -> None:
    """The reference parties these tests use.

    Transactional tests start from whatever the previous transactional test left: a flushed
    database has lost the rows migration registry/0002 loads, so put back the ones needed here.
    (serialized_rollback=True would reload them all, but breaks when an earlier transactional test
    without it has re-created content types on flush.)
    """
    for code, name_ar, name_en in [("SY", "سوريا", "Syria"), ("QA", "قطر", "Qatar")]:
        Party.objects.get_or_create(
            code=code, defaults={"kind": "country", "name_ar": name_ar, "name_en": name_en}
        )


@pytest.fixture
def backups(tmp_path) -> Path:
    path = tmp_path / "backups"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def _english_messages():
    """The operator's messages are asserted in English (the CLI picks the terminal's language)."""
    with translation.override("en"):
        yield
