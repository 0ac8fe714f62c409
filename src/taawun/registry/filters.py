from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter, date_from, date_to
from taawun.registry.models import Agency, Domain, Engagement, Party, Person, Source
from taawun.registry.selectors import with_party


class PartyFilter(django_filters.FilterSet):
    q = TextFilter(fields=["code", "name_ar", "name_en"])
    kind = django_filters.ChoiceFilter(choices=Party.Kind.choices, label=_("Kind"))
    active = django_filters.BooleanFilter(method="filter_active", label=_("With engagements"))

    class Meta:
        model = Party
        fields = []

    def filter_active(self, qs, name, value):
        if value is None:
            return qs
        engaged = Q(engagements_hosted__isnull=False) | Q(engagements_as_guest__isnull=False)
        return qs.filter(engaged).distinct() if value else qs.exclude(engaged)


class AgencyFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name_ar", "name_en", "abbreviation"])
    party = django_filters.ModelChoiceFilter(queryset=Party.objects.all(), label=_("Party"))
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices, label=_("Kind"))

    class Meta:
        model = Agency
        fields = []


class PersonFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name_ar", "name_en", "position"])
    party = django_filters.ModelChoiceFilter(queryset=Party.objects.all(), label=_("Party"))
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
    party = django_filters.ModelChoiceFilter(
        queryset=Party.objects.all(), label=_("Party"), method="filter_party"
    )
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
