"""Fixtures for the attachments: a MEDIA_ROOT under tmp_path (the files are stored there), and
small files of each kind built in memory (tests/attachments/files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "var" / "media"
    root.mkdir(parents=True)
    settings.MEDIA_ROOT = root
    return root
