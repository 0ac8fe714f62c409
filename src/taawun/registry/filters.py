from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter, date_from, date_to
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Agency, Domain, Engagement, Participation, Party, Person, Source


class PartyFilter(django_filters.FilterSet):
    q = TextFilter(fields=["code", "name_ar", "name_en"])
    kind = django_filters.ChoiceFilter(choices=Party.Kind.choices, label=_("Kind"))

    class Meta:
        model = Party
        fields = []


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
    # "Any" for no choice (Django's own select offers "Unknown", which reads as a third state).
    holds_post = django_filters.BooleanFilter(
        label=_("Holds a post now"),
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

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
    person = RecordChoiceFilter(model=Person, label=_("Participant"), method="filter_person")
    start_after = date_from("start_date", _("From"))
    start_before = date_to("start_date", _("Until"))

    class Meta:
        model = Engagement
        fields = []

    def filter_party(self, qs, name, value):
        if not value:
            return qs
        dates = self.form.cleaned_data
        return self.with_party(
            qs, value, start_after=dates.get("start_after"), start_before=dates.get("start_before")
        )

    def with_party(self, engagements, party, *, start_after=None, start_before=None):
        """The engagements the partner takes part in, as host or guest, each once. (The list's
        filter is given a faster plan where the tallies know the partner's share:
        taawun.reports.filters.)"""
        as_guest = Engagement.guests.through.objects.filter(party=party).values("engagement_id")
        return engagements.filter(Q(host=party) | Q(pk__in=as_guest))

    def filter_domain(self, qs, name, value):
        if not value:
            return qs
        tagged = Engagement.domains.through.objects.filter(domain=value).values("engagement_id")
        return qs.filter(pk__in=tagged)

    def filter_person(self, qs, name, value):
        """The engagements the person took part in (a person's page links to them)."""
        if not value:
            return qs
        return qs.filter(pk__in=Participation.objects.filter(person=value).values("engagement_id"))
