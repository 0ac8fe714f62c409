"""`benchmarks/dataset.py generate`: reproducible, refuses a database with records, audited once."""

from __future__ import annotations

import io

import pytest
from benchmarks.datagen.command import Command
from benchmarks.datagen.digest import dataset_digest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from taawun.audit.models import AuditEntry
from taawun.registry.models import Engagement
from tests.bench.conftest import TODAY, generate

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(Command(), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def digest_of(engagements: int, seed: int) -> str:
    """The digest of a fresh dataset, rolled back afterwards."""
    with transaction.atomic():
        generate(engagements, seed=seed)
        digest = dataset_digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_the_same_data():
    assert digest_of(150, seed=3) == digest_of(150, seed=3)


def test_another_seed_gives_other_data():
    assert digest_of(150, seed=3) != digest_of(150, seed=4)


def test_the_command_generates_as_of_the_day_given():
    output = run(
        "generate", "--engagements", "40", "--seed", "2", "--today", TODAY.isoformat(), "--no-progress"
    )
    assert Engagement.objects.count() == 40
    assert "engagement: 40" in output
    assert not Engagement.objects.filter(start_date__gt=TODAY.replace(year=TODAY.year + 1)).exists()


def test_it_refuses_a_database_that_holds_engagements(make):
    make.engagement()
    with pytest.raises(CommandError, match="--append"):
        run("generate", "--engagements", "10", "--no-progress")
    assert Engagement.objects.count() == 1


def test_it_refuses_a_database_that_holds_any_record(make):
    make.person("SY")
    with translation.override("en"), pytest.raises(CommandError, match="1 people"):
        run("generate", "--engagements", "10", "--no-progress")
    assert Engagement.objects.count() == 0


def test_append_adds_to_the_records_and_leaves_the_keys_usable(make):
    make.engagement()
    run("generate", "--engagements", "10", "--append", "--no-progress")
    assert Engagement.objects.count() == 11
    make.engagement()  # the database's own key sequence continues after the generated keys
    assert Engagement.objects.count() == 12


def test_a_generation_writes_one_audit_entry_and_the_trail_still_verifies():
    before = AuditEntry.objects.count()
    run("generate", "--engagements", "30", "--no-progress")
    entries = AuditEntry.objects.filter(seq__gt=before)
    assert [entry.model_label for entry in entries] == ["bench.dataset"]
    assert entries[0].changes["rows"]["engagement"] == 30
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def test_digest_prints_a_fingerprint():
    generate(20)
    assert run("digest").strip() == dataset_digest()
    assert len(dataset_digest()) == 64


def test_it_wants_at_least_one_engagement():
    with pytest.raises(CommandError):
        run("generate", "--engagements", "0", "--no-progress")


def test_it_names_a_home_party_missing_from_the_registry(settings):
    settings.TAAWUN_HOME_PARTY = "XX"
    with translation.override("en"), pytest.raises(CommandError, match="XX"):
        run("generate", "--engagements", "10", "--no-progress")
    assert Engagement.objects.count() == 0


def test_a_generation_makes_the_cached_figures_stale(django_capture_on_commit_callbacks):
    from taawun.reports.figures import data_version

    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        generate(20)
    assert data_version() != before
