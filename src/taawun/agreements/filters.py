from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.agreements.models import ActionItem, CommitteeSession, JointCommittee, Understanding
from taawun.core.filters import TextFilter, date_from, date_to
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Domain, Party, Person


class UnderstandingFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "summary"])
    party = RecordChoiceFilter(model=Party, field_name="parties", label=_("Party"), distinct=True)
    kind = django_filters.ChoiceFilter(choices=Understanding.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Understanding.Status.choices, label=_("Status"))
    domain = django_filters.ModelChoiceFilter(
        queryset=Domain.objects.all(), field_name="domains", label=_("Domain"), distinct=True
    )
    expires_after = date_from("expires_on", _("Expires from"))
    expires_before = date_to("expires_on", _("Expires until"))

    class Meta:
        model = Understanding
        fields = []


class JointCommitteeFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name_ar", "name_en", "mandate"])
    party = RecordChoiceFilter(model=Party, field_name="parties", label=_("Party"), distinct=True)

    class Meta:
        model = JointCommittee
        fields = []


UNFINISHED = "unfinished"  # the action items' status filter's choice of every open status


class ActionItemFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title", "description"])
    owner_party = RecordChoiceFilter(model=Party, label=_("Responsible side"))
    # A person's page links to the items the person owns.
    owner_person = RecordChoiceFilter(model=Person, label=_("owner (person)"))
    # "Not yet done" is every open status (ActionItem.OPEN_STATUSES): the set the open items tile counts.
    status = django_filters.ChoiceFilter(
        choices=[(UNFINISHED, _("Not yet done (open, in progress or blocked)")), *ActionItem.Status.choices],
        label=_("Status"),
        method="filter_status",
    )
    committee = RecordChoiceFilter(model=JointCommittee, label=_("Committee"))
    due_after = date_from("due_on", _("Due from"))
    due_before = date_to("due_on", _("Due until"))

    class Meta:
        model = ActionItem
        fields = []

    def filter_status(self, qs, name, value):
        if not value:
            return qs
        return qs.open() if value == UNFINISHED else qs.filter(status=value)


class CommitteeSessionFilter(django_filters.FilterSet):
    committee = RecordChoiceFilter(model=JointCommittee, label=_("Committee"))
    held_after = date_from("held_on", _("Held from"))
    held_before = date_to("held_on", _("Held until"))

    class Meta:
        model = CommitteeSession
        fields = []
