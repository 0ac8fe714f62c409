"""Generated records are complete and valid: every table reported, every record passes the
models' own validation."""

from __future__ import annotations

import pytest

from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.knowledge.models import KnowledgeItem
from taawun.programmes.models import ProgrammeItem
from taawun.registry.models import Agency, Engagement, Participation, Person, Source
from taawun.training.models import TrainingCohort, TrainingProgram
from tests.bench.conftest import generate

pytestmark = pytest.mark.django_db


def test_it_writes_the_engagements_asked_for_and_reports_every_table():
    counts = generate(200)
    assert Engagement.objects.count() == counts["engagement"] == 200
    assert Source.objects.count() == counts["source"]
    assert Participation.objects.count() == counts["participation"]
    assert ActionItem.objects.count() == counts["action_item"]
    assert ProgrammeItem.objects.count() == counts["programme_item"] > 0


def test_every_record_passes_the_models_own_validation():
    generate(300)
    for model in (Agency, Person, Engagement, Source, Understanding, JointCommittee, ActionItem,
                  TrainingProgram, TrainingCohort, KnowledgeItem, ProgrammeItem):  # fmt: skip
        for record in model.objects.all():
            record.full_clean()


def test_programme_participants_are_on_their_side():
    generate(300)
    for item in ProgrammeItem.objects.prefetch_related("our_participants", "their_participants"):
        assert all(person.party_id == "SA" for person in item.our_participants.all())
        assert all(person.party_id != "SA" for person in item.their_participants.all())
