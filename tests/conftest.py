"""Shared fixtures and hooks: logged-in clients (personas) and the factories as a `make` fixture.

The helpers themselves are plain modules that tests import: the people in tests/personas.py, the
record factories in tests/factories.py. This file only wraps them as fixtures.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import Make, validation_errors
from tests.personas import logged_in, make_user

# --- personas -------------------------------------------------------------------------------


@pytest.fixture
def officer(db, django_user_model):
    return make_user(django_user_model, "officer")


@pytest.fixture
def officer_client(officer) -> Client:
    return logged_in(officer)


@pytest.fixture
def viewer(db, django_user_model):
    """Reads, never writes; no second factor required."""
    return make_user(django_user_model, "viewer")


@pytest.fixture
def viewer_client(viewer) -> Client:
    return logged_in(viewer)


@pytest.fixture
def administrator(db, django_user_model):
    return make_user(django_user_model, "administrator")


@pytest.fixture
def auditor(db, django_user_model):
    return make_user(django_user_model, "auditor")


@pytest.fixture
def low_clearance(db, django_user_model):
    return make_user(django_user_model, "low_clearance")


@pytest.fixture
def admin_client_logged_in(admin_user) -> Client:
    """pytest-django's superuser (`admin_user`), logged in with force_login."""
    return logged_in(admin_user)


# --- factories ------------------------------------------------------------------------------


@pytest.fixture
def make(db) -> Make:
    return Make()


@pytest.fixture
def errors_of(db) -> Callable[..., dict[str, list[str]]]:
    return validation_errors


@pytest.fixture
def one_of_each(make) -> dict[str, object]:
    """One saved record of every Crud model, keyed by model name, for walking every page."""
    person = make.person("SY")
    engagement = make.engagement("SA", ["SY"], participants=[(person, "head")])
    understanding = make.understanding()
    committee = make.committee(members=[person])
    return {
        "party": make.party("SY"),
        "agency": make.agency("SY"),
        "person": person,
        "source": make.source(),
        "engagement": engagement,
        "understanding": understanding,
        "jointcommittee": committee,
        "actionitem": make.action_item("SY", committee=committee, owner_person=person),
        # Of a public committee: a session is classified at least as its committee, and the pages
        # are walked with the session at every level.
        "committeesession": make.session(make.committee(classification="public"), classification="public"),
        # Of a public engagement: an item is classified at least as its engagement.
        "programmeitem": make.programme_item(
            make.engagement(classification="public"), classification="public"
        ),
        # Of a public session: minutes are classified at least as what they record; their item is
        # secret, at least as the minutes at every level the pages are walked with.
        "minutes": make.minutes(
            make.session(make.committee(classification="public"), classification="public"),
            items=[{"kind": "decision", "classification": "secret"}],
        ),
        "trainingprogram": make.training(),
        "knowledgeitem": make.knowledge(),
    }


@pytest.fixture(autouse=True)
def _arabic_by_default():
    """Each test starts in the default language: the test client leaves the language of its last
    request active, which would otherwise leak from one test into the next."""
    translation.activate("ar")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Each test with a database starts with an empty cache: cached figures of another test's
    records (the cache outlives the test database's rollback) must not answer for this one's.
    (On PostgreSQL the cache is a table of the database, out of reach of tests without one.)"""
    names = set(request.fixturenames)
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    elif not request.node.get_closest_marker("django_db"):
        yield
        return
    cache.clear()
    yield
