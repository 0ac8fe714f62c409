"""Pledged versus delivered training per partner, and trainees by agency and domain."""

from __future__ import annotations

import pytest

from taawun.training.models import TrainingCohort
from taawun.training.selectors import pledged_vs_delivered, program_detail, trainees_by_agency_and_domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(make):
    make.training("SA", "SY", status="pledged", trainees=20)
    make.training("SA", "SY", status="planned", trainees=10)
    make.training("SA", "SY", status="delivered", trainees=25)
    make.training("SA", "SY", status="cancelled", trainees=5)
    make.training("SA", "QA", status="delivered", trainees=12)
    make.training("QA", "SY", status="delivered", trainees=7)


def by_party(rows) -> dict:
    return {row.party.pk: row for row in rows}


def test_every_programme_counts_as_pledged_and_the_parts_add_up(officer, programmes):
    rows, totals = pledged_vs_delivered(officer)
    syria = by_party(rows)["SY"]
    assert (syria.pledged.programs, syria.pledged.trainees) == (5, 67)
    assert (syria.delivered.programs, syria.delivered.trainees) == (2, 32)
    assert (syria.outstanding.programs, syria.outstanding.trainees) == (2, 30)
    assert (syria.cancelled.programs, syria.cancelled.trainees) == (1, 5)
    for row in [*rows, totals]:
        for unit in ("programs", "trainees"):
            parts = [getattr(getattr(row, name), unit) for name in ("delivered", "outstanding", "cancelled")]
            assert sum(parts) == getattr(row.pledged, unit)
    assert syria.delivery_rate == round(100 * 32 / 67)


def test_the_totals_are_the_sum_of_the_partners(officer, programmes):
    rows, totals = pledged_vs_delivered(officer)
    assert totals.pledged.trainees == sum(row.pledged.trainees for row in rows) == 79
    assert totals.delivered.programs == 3
    assert [row.party.pk for row in rows] == ["SY", "QA"]  # most pledged trainees first


def test_partners_can_be_counted_as_providers(officer, programmes):
    rows, _totals = pledged_vs_delivered(officer, side="provider")
    providers = by_party(rows)
    assert providers["SA"].pledged.trainees == 72 and providers["QA"].delivered.trainees == 7
    with pytest.raises(ValueError):
        pledged_vs_delivered(officer, side="guest")


def test_programmes_above_the_clearance_are_not_counted(make, low_clearance):
    make.training("SA", "SY", status="delivered", trainees=10, classification="public")
    make.training("SA", "SY", status="delivered", trainees=99, classification="secret")
    rows, totals = pledged_vs_delivered(low_clearance)
    assert totals.delivered.trainees == 10


def test_a_partner_the_reader_may_not_see_is_left_out(make, low_clearance):
    make.training("SA", "QA", trainees=10, classification="public")
    type(make.party("QA")).objects.filter(pk="QA").update(classification="secret")
    rows, totals = pledged_vs_delivered(low_clearance)
    assert rows == [] and totals.pledged.trainees == 0


def test_no_pledge_means_no_delivery_rate(officer, make):
    make.training("SA", "SY", trainees=0)
    (row,), _totals = pledged_vs_delivered(officer)
    assert row.delivery_rate is None


def test_trainees_are_counted_by_agency_and_domain_falling_back_to_the_programmes_domain(make, officer):
    police = make.agency("SY", name_en="Police")
    customs = make.agency("SY", name_en="Customs")
    delivered = make.training("SA", "SY", status="delivered", trainees=30, domain=make.domain("narcotics"))
    pledged = make.training("SA", "SY", status="pledged", trainees=8, domain=make.domain("narcotics"))
    TrainingCohort.objects.create(program=delivered, agency=police, trainees=20)
    TrainingCohort.objects.create(
        program=delivered, agency=customs, trainees=10, domain=make.domain("cybercrime")
    )
    TrainingCohort.objects.create(program=pledged, agency=police, trainees=8)
    rows = {
        (r.agency.name_en, r.domain.pk): (r.pledged, r.delivered)
        for r in trainees_by_agency_and_domain(officer)
    }
    assert rows == {("Police", "narcotics"): (28, 20), ("Customs", "cybercrime"): (10, 10)}


def test_groups_of_hidden_agencies_and_programmes_are_left_out(make, low_clearance):
    open_agency = make.agency("SY", classification="public")
    hidden_agency = make.agency("SY", classification="secret")
    program = make.training(classification="public", trainees=5)
    hidden_program = make.training(classification="secret", trainees=5)
    TrainingCohort.objects.create(program=program, agency=open_agency, trainees=3)
    TrainingCohort.objects.create(program=program, agency=hidden_agency, trainees=2)
    TrainingCohort.objects.create(program=hidden_program, agency=open_agency, trainees=5)
    rows = trainees_by_agency_and_domain(low_clearance)
    assert [(row.agency, row.pledged) for row in rows] == [(open_agency, 3)]
    detail = program_detail(program, low_clearance)
    assert [cohort.agency for cohort in detail["cohorts"]] == [open_agency]
    assert detail["cohort_total"] == 5 and not detail["cohorts_differ"]
