"""The registry's list filters, answered from the tallies this app keeps: whether a partner has
engagements, and a partner's engagements by the faster of two plans. Given to the registry's
record types in reports/records.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import visible_levels
from taawun.registry.filters import EngagementFilter, PartyFilter
from taawun.reports import partners
from taawun.reports.models import PartyTally
from taawun.reports.tallies import ALL


class PartnerFilter(PartyFilter):
    # "Any" for no choice (Django's own select offers "Unknown", which reads as a third state).
    active = django_filters.BooleanFilter(
        method="filter_active",
        label=_("With engagements"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def filter_active(self, qs, name, value):
        """Partners with (or without) an engagement the reader may see (issue 16, M4): read off
        the dashboard's per-partner tallies, a few rows per partner on their (party, domain,
        year) index, instead of joining every engagement of every partner."""
        if value is None:
            return qs
        engaged = Exists(
            PartyTally.objects.filter(
                party=OuterRef("pk"), domain=ALL, classification__in=visible_levels(self.reader), n__gt=0
            )
        )
        return qs.filter(engaged) if value else qs.exclude(engaged)

    @property
    def reader(self):
        """The user the list is for (none without a request: nothing is counted)."""
        return getattr(self.request, "user", None)


class PartnerEngagementFilter(EngagementFilter):
    def with_party(self, engagements, party, *, start_after=None, start_before=None):
        return partners.with_party(engagements, party, start_after=start_after, start_before=start_before)
