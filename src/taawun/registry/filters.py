from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from taawun.accounts.policy import visible_levels
from taawun.core.filters import TextFilter, date_from, date_to
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Agency, Domain, Engagement, Party, Person, Source
from taawun.registry.selectors import with_party
from taawun.reports.models import PartyTally
from taawun.reports.tallies import ALL


class PartyFilter(django_filters.FilterSet):
    q = TextFilter(fields=["code", "name_ar", "name_en"])
    kind = django_filters.ChoiceFilter(choices=Party.Kind.choices, label=_("Kind"))
    # "Any" for no choice (Django's own select offers "Unknown", which reads as a third state).
    active = django_filters.BooleanFilter(
        method="filter_active",
        label=_("With engagements"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Party
        fields = []

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


class AgencyFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name_ar", "name_en", "abbreviation"])
    party = RecordChoiceFilter(model=Party, label=_("Party"))
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices, label=_("Kind"))

    class Meta:
        model = Agency
        fields = []


class PersonFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name_ar", "name_en", "position"])
    party = RecordChoiceFilter(model=Party, label=_("Party"))
    rank = django_filters.ChoiceFilter(choices=Person._meta.get_field("rank").choices, label=_("Rank"))

    class Meta:
        model = Person
        fields = []


class SourceFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title", "url", "text"])
    published_after = date_from("published_on", _("Published from"))
    published_before = date_to("published_on", _("Published until"))

    class Meta:
        model = Source
        fields = []


class EngagementFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "summary"])
    party = RecordChoiceFilter(model=Party, label=_("Party"), method="filter_party")
    kind = django_filters.ChoiceFilter(choices=Engagement._meta.get_field("kind").choices, label=_("Kind"))
    domain = django_filters.ModelChoiceFilter(
        queryset=Domain.objects.all(), label=_("Domain"), method="filter_domain"
    )
    start_after = date_from("start_date", _("From"))
    start_before = date_to("start_date", _("Until"))

    class Meta:
        model = Engagement
        fields = []

    def filter_party(self, qs, name, value):
        if not value:
            return qs
        dates = self.form.cleaned_data
        return with_party(
            qs, value, start_after=dates.get("start_after"), start_before=dates.get("start_before")
        )

    def filter_domain(self, qs, name, value):
        if not value:
            return qs
        tagged = Engagement.domains.through.objects.filter(domain=value).values("engagement_id")
        return qs.filter(pk__in=tagged)
