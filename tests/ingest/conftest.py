"""Fixtures of the ingestion tests: personas' clients and a stored draft."""

from __future__ import annotations

import pytest
from django.utils import translation

from taawun.ingest import services
from tests.ingest.feed_server import feed_server, rss
from tests.ingest.samples import VISIT
from tests.personas import logged_in, make_user


@pytest.fixture
def client_of(db, django_user_model):
    """client_of("viewer") → a logged-in client of that persona (made once per test)."""
    made = {}

    def build(persona: str):
        if persona not in made:
            user = django_user_model.objects.filter(username=persona).first()
            made[persona] = logged_in(user or make_user(django_user_model, persona))
        return made[persona]

    return build


@pytest.fixture
def draft(db, officer):
    return services.ingest_text(text=VISIT, home="SA", actor=officer, published_on=None).draft


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def english():
    """Messages compared in English, whatever the translations say (pages use /en/ URLs)."""
    with translation.override("en"):
        yield


@pytest.fixture
def served(settings):
    """A feed server on 127.0.0.1 (allowed for feeds here) serving one item; see feed_server.py."""
    settings.TAAWUN_FEED_ALLOWED_HOSTS = ["127.0.0.1"]
    with feed_server(rss([("n-1", "زيارة", "https://news.example/1", VISIT)])) as server:
        yield server
