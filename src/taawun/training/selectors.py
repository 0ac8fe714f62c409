"""Reading training programmes: pledged versus delivered, per partner, within the reader's clearance.

Every programme is a pledge, whatever became of it, so for each partner
    pledged = delivered + outstanding (pledged or planned, not yet delivered) + cancelled,
counted in programmes and in trainees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from taawun.registry.models import Agency, Domain, Party
from taawun.training.models import TrainingCohort, TrainingProgram

SIDES = ("recipient", "provider")
OUTSTANDING = (TrainingProgram.Status.PLEDGED, TrainingProgram.Status.PLANNED)


@dataclass
class Tally:
    programs: int = 0
    trainees: int = 0


@dataclass
class PartnerTraining:
    party: Party | None  # None for the totals row
    pledged: Tally = field(default_factory=Tally)
    delivered: Tally = field(default_factory=Tally)
    outstanding: Tally = field(default_factory=Tally)
    cancelled: Tally = field(default_factory=Tally)

    @property
    def delivery_rate(self) -> int | None:
        """Delivered trainees as a whole percentage of pledged trainees (None when nothing is pledged)."""
        if not self.pledged.trainees:
            return None
        return round(100 * self.delivered.trainees / self.pledged.trainees)


def programs_visible_to(user) -> QuerySet[TrainingProgram]:
    return TrainingProgram.objects.visible_to(user)


def _tallies(prefix: str, status_filter: Q | None) -> dict:
    condition = status_filter if status_filter is not None else Q()
    return {
        f"{prefix}_programs": Count("pk", filter=condition),
        f"{prefix}_trainees": Coalesce(Sum("trainees", filter=condition), 0),
    }


def pledged_vs_delivered(user, *, side: str = "recipient") -> tuple[list[PartnerTraining], PartnerTraining]:
    """One row per partner (the programmes' recipient, or provider), and the totals row.

    Programmes whose partner the reader may not see are left out altogether."""
    if side not in SIDES:
        raise ValueError(side)
    Status = TrainingProgram.Status
    parties = Party.objects.visible_to(user)
    rows = (
        programs_visible_to(user)
        .filter(**{f"{side}__in": parties})
        .values(side)
        .annotate(
            **_tallies("pledged", None),
            **_tallies("delivered", Q(status=Status.DELIVERED)),
            **_tallies("outstanding", Q(status__in=OUTSTANDING)),
            **_tallies("cancelled", Q(status=Status.CANCELLED)),
        )
        .order_by()
    )
    by_code = {party.pk: party for party in parties.filter(pk__in=[row[side] for row in rows])}
    result, totals = [], PartnerTraining(party=None)
    for row in rows:
        partner = PartnerTraining(party=by_code[row[side]])
        for name in ("pledged", "delivered", "outstanding", "cancelled"):
            tally = Tally(row[f"{name}_programs"], row[f"{name}_trainees"])
            setattr(partner, name, tally)
            total = getattr(totals, name)
            total.programs += tally.programs
            total.trainees += tally.trainees
        result.append(partner)
    result.sort(key=lambda p: (-p.pledged.trainees, str(p.party)))
    return result, totals


@dataclass
class CohortRow:
    agency: Agency
    domain: Domain | None
    pledged: int
    delivered: int


def trainees_by_agency_and_domain(user) -> list[CohortRow]:
    """Trainees of visible programmes by agency and domain (a group's own domain, else its
    programme's); groups from agencies the reader may not see are left out."""
    rows = (
        TrainingCohort.objects.filter(
            program__in=programs_visible_to(user), agency__in=Agency.objects.visible_to(user)
        )
        .annotate(domain_code=Coalesce(F("domain"), F("program__domain")))
        .values("agency", "domain_code")
        .annotate(
            pledged=Sum("trainees"),
            delivered=Coalesce(
                Sum("trainees", filter=Q(program__status=TrainingProgram.Status.DELIVERED)), 0
            ),
        )
        .order_by()
    )
    agencies = Agency.objects.select_related("party").in_bulk([row["agency"] for row in rows])
    domains = Domain.objects.in_bulk([row["domain_code"] for row in rows if row["domain_code"]])
    result = [
        CohortRow(
            agency=agencies[row["agency"]],
            domain=domains.get(row["domain_code"]),
            pledged=row["pledged"],
            delivered=row["delivered"],
        )
        for row in rows
    ]
    result.sort(key=lambda r: (str(r.agency.party), str(r.agency), str(r.domain or "")))
    return result


def program_detail(program: TrainingProgram, user) -> dict:
    """The programme's trainee groups (agencies the reader may not see left out) and their total."""
    cohorts = list(
        program.cohorts.filter(agency__in=Agency.objects.visible_to(user)).select_related(
            "agency__party", "domain", "program__domain"
        )
    )
    all_total = program.cohorts.aggregate(total=Sum("trainees"))["total"] or 0
    return {
        "cohorts": cohorts,
        "cohort_total": all_total,
        "cohorts_differ": bool(all_total) and all_total != program.trainees,
    }
