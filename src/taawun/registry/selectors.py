"""Reading the registry: what a page shows, fetched with a bounded number of queries."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Prefetch, Q, QuerySet

from taawun.registry.models import Engagement, Participation, Party


def engagements_list() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("host", "location_country").prefetch_related("guests")


def engagements_of_party(party: Party) -> QuerySet[Engagement]:
    return engagements_list().filter(Q(host=party) | Q(guests=party)).distinct()


def engagement_detail(engagement: Engagement) -> dict:
    participations = (
        Participation.objects.filter(engagement=engagement)
        .select_related("person__party", "person__agency")
        .order_by("role", "person__name_ar")
    )
    return {
        "participations": participations,
        "sources": engagement.sources.all(),
        "action_items": engagement.action_items.select_related("owner_party", "owner_person"),
        "understandings": engagement.understandings_signed.all(),
    }


def party_profile(party: Party) -> dict:
    """Everything done with a partner, on one page: a timeline, commitments and the people involved."""
    from taawun.agreements.models import ActionItem, Understanding

    engagements = list(engagements_of_party(party).prefetch_related("domains"))
    timeline = [
        (year, list(items))
        for year, items in groupby(engagements, key=lambda e: e.start_date.year if e.start_date else None)
    ]
    understandings = (
        Understanding.objects.filter(parties=party)
        .prefetch_related("parties")
        .order_by("-signed_on")
        .distinct()
    )
    open_items = (
        ActionItem.objects.filter(Q(owner_party=party) | Q(committee__parties=party))
        .exclude(status__in=[ActionItem.Status.DONE, ActionItem.Status.CANCELLED])
        .select_related("owner_party", "owner_person", "committee")
        .distinct()
    )
    people = party.people.select_related("agency").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.only("id", "person_id"))
    )
    return {
        "timeline": timeline,
        "engagement_count": len(engagements),
        "understandings": understandings,
        "committees": party.committees.all(),
        "open_items": open_items,
        "people": people,
        "agencies": party.agencies.select_related("parent"),
        "training_provided": party.training_provided.select_related("recipient", "domain"),
        "training_received": party.training_received.select_related("provider", "domain"),
    }
