"""The registry's list filters, answered from the tallies this app keeps: whether a partner has
engagements, and a partner's engagements by the faster of two plans. Given to the registry's
record types in reports/records.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.registry.filters import EngagementFilter, PartyFilter
from taawun.reports import partners, selectors


class PartnerFilter(PartyFilter):
    # "Any" for no choice (Django's own select offers "Unknown", which reads as a third state).
    active = django_filters.BooleanFilter(
        method="filter_active",
        label=_("With engagements"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def filter_active(self, qs, name, value):
        """Partners with an engagement the reader may see, as the home page counts them (the
        office's own country aside), or those without one."""
        if value is None:
            return qs
        if value:
            return selectors.active_partners(self.reader, qs)
        return qs.exclude(selectors.engaged(self.reader))

    @property
    def reader(self):
        """The user the list is for (none without a request: nothing is counted)."""
        return getattr(self.request, "user", None)


class PartnerEngagementFilter(EngagementFilter):
    def with_party(self, engagements, party, *, start_after=None, start_before=None):
        return partners.with_party(engagements, party, start_after=start_after, start_before=start_before)
