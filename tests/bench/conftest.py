"""Helpers for the generator's tests: small datasets, as of a fixed day."""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.datagen.generator import Generator
from django.db import transaction

TODAY = dt.date(2026, 3, 15)


def generate(engagements: int, *, seed: int = 7):
    """Run the generator (no progress bar) and return its row counts."""
    return Generator(engagements=engagements, seed=seed, today=TODAY).run()


@pytest.fixture(scope="module")
def office(django_db_setup, django_db_blocker):
    """A larger dataset (2,000 engagements) shared by the read-only tests of a module, generated
    once and rolled back after them; returns its row counts."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(2000)
        transaction.set_rollback(True)
