"""The `api_as` fixture: an API client of a persona, with a fresh token (tests/api/client.py)."""

from __future__ import annotations

import pytest

from tests.api.client import ApiClient, token_for
from tests.personas import PERSONAS


@pytest.fixture
def api_as(db, django_user_model):
    """api_as("officer") -> an ApiClient with a fresh token of that persona."""
    users = {}

    def build(persona: str, *, language: str | None = "en") -> ApiClient:
        if persona not in users:
            # Without a password: API tokens need none, and hashing one (Argon2) is slow.
            users[persona] = django_user_model.objects.create_user(username=persona, **PERSONAS[persona])
        return ApiClient(token_for(users[persona]), language=language)

    build.users = users
    return build
