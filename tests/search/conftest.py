"""Fixtures for the search tests (the `found` helper is in tests/search/helpers.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def reader(officer):
    """An officer cleared for everything."""
    return officer
