"""Engagement counts kept ready for the dashboard, per slice of the data (taawun.reports.tallies).

A slice is (classification, year, domain): a reader's dashboard adds up the slices of the levels
they may read, the years asked for and the domain asked for ("" = every domain). These rows are
derived data, never edited by hand: `tallies.sync` keeps them in step with the engagements and
`tallies.rebuild` recomputes them from scratch.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The slice columns shared by every tally: year 0 holds the engagements without a date, domain ""
# every engagement whatever its domains.
SLICE = ("classification", "year", "domain")


class _Slice(models.Model):
    classification = models.CharField(_("classification"), max_length=16)
    year = models.PositiveSmallIntegerField(_("year"))
    domain = models.CharField(_("domain"), max_length=50, blank=True)
    n = models.BigIntegerField(_("count"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.classification} {self.year} {self.domain or '*'}: {self.n}"


class EngagementTally(_Slice):
    """Engagements of a slice that carry the domain `tag` ("" = all of them): the engagement count,
    and the count per domain for the chart of domains (of the engagements of the slice's domain)."""

    tag = models.CharField(_("tagged domain"), max_length=50, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=[*SLICE, "tag"], name="one_engagement_tally_per_slice")]


class PartyTally(_Slice):
    """Engagements of a slice a partner takes part in (as host or guest, once)."""

    party = models.CharField(_("partner"), max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=[*SLICE, "party"], name="one_party_tally_per_slice")]
        # One partner's rows, as its profile and the lists filtered by it read them: the unique
        # index leads with the classification, and PostgreSQL read most of it (20 ms at 1M).
        indexes = [models.Index(fields=["party", "domain", "year"], name="party_tally_by_party")]


class PairTally(_Slice):
    """Engagements of a slice two partners take part in together (party_a < party_b)."""

    party_a = models.CharField(_("partner"), max_length=20)
    party_b = models.CharField(_("other partner"), max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=[*SLICE, "party_a", "party_b"], name="one_pair_tally_per_slice")
        ]
        # The dashboard's network asks for the pairs among two dozen partners, in every slice a
        # reader may see: by partner first, PostgreSQL reads those pairs' rows alone (from the
        # index, with their counts) where it read all 1.7 million at a million engagements (65 ms).
        # The count is a column of the index, not an included one: SQLite has no such thing.
        indexes = [
            models.Index(
                fields=["domain", "party_a", "party_b", "classification", "year", "n"],
                name="pair_tally_by_pair",
            )
        ]


class EngagementFootprint(models.Model):
    """What an engagement last added to the tallies, so that a change takes exactly that away."""

    engagement_id = models.BigIntegerField(_("engagement"), primary_key=True)
    classification = models.CharField(_("classification"), max_length=16)
    year = models.PositiveSmallIntegerField(_("year"))
    domains = models.TextField(_("domains"), blank=True)  # codes separated by spaces, sorted
    parties = models.TextField(_("partners"), blank=True)

    def __str__(self) -> str:
        return f"engagement {self.engagement_id}"


class PartnerTimeline(models.Model):
    """Each partner's engagements (as host or guest) in the engagement list's order, one row per
    partner and engagement, so that a partner's latest, or one page of them, are read off one
    index range: from the engagements themselves that takes collecting all of a rare partner's,
    or walking the whole list past other partners' for a busy one (taawun.reports.tallies keeps
    these rows in step, taawun.reports.partners.PartnerEngagements reads them)."""

    party = models.CharField(_("partner"), max_length=20)
    engagement_id = models.BigIntegerField(_("engagement"), db_index=True)
    start_date = models.DateField(_("start date"), null=True)
    created_at = models.DateTimeField(_("created at"))
    classification = models.CharField(_("classification"), max_length=16)

    class Meta:
        # The (party, start_date, created_at, classification, engagement_id) index in list order is
        # made by migration 0002 (SQLite and PostgreSQL spell its NULLS LAST differently).
        constraints = [
            models.UniqueConstraint(fields=["party", "engagement_id"], name="one_timeline_row_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.party}: engagement {self.engagement_id}"


class PartnerCommitment(models.Model):
    """Each partner's open action items, its own and those of the joint committees it sits on, in
    the order they fall due, one row per partner and item, so that a profile's first items and
    their count are read off one index range: from the items themselves that takes collecting and
    sorting all of a busy partner's (taawun.reports.commitments keeps these rows in step). Items
    done or cancelled have none."""

    party = models.CharField(_("partner"), max_length=20)
    item_id = models.BigIntegerField(_("action item"), db_index=True)
    due_on = models.DateField(_("due on"), null=True)
    classification = models.CharField(_("classification"), max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "item_id"], name="one_commitment_row_per_partner")
        ]
        # The items' own order (due_on, id), NULLs where each database puts them in the items' list.
        indexes = [
            models.Index(
                fields=["party", "due_on", "item_id", "classification"], name="reports_commitment_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party}: action item {self.item_id}"
