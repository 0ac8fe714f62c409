"""Reading the registry: what a page shows, limited to what the reader may see,
fetched with a bounded number of queries."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Prefetch, Q, QuerySet

from taawun.registry.models import Engagement, Participation, Party, Person, Source


def engagements_list() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("host", "location_country").prefetch_related("guests")


def engagements_visible_to(user) -> QuerySet[Engagement]:
    return engagements_list().visible_to(user)


def engagements_of_party(party: Party, user) -> QuerySet[Engagement]:
    return engagements_visible_to(user).filter(Q(host=party) | Q(guests=party)).distinct()


def engagement_detail(engagement: Engagement, user) -> dict:
    from taawun.agreements.selectors import action_items_visible_to

    participations = (
        Participation.objects.filter(engagement=engagement, person__in=Person.objects.visible_to(user))
        .select_related("person__party", "person__agency")
        .order_by("role", "person__name_ar")
    )
    return {
        "participations": participations,
        "sources": Source.objects.visible_to(user).filter(engagements=engagement),
        # With every owner loaded: the item table shows the owner person, else the owner agency.
        "action_items": action_items_visible_to(user).filter(engagement=engagement),
        "understandings": engagement.understandings_signed.visible_to(user),
    }


def source_detail(source: Source, user) -> dict:
    """The engagements the source reports, as far as the reader may see them."""
    return {"engagements": Engagement.objects.visible_to(user).filter(sources=source)}


def party_profile(party: Party, user) -> dict:
    """Everything done with a partner, on one page: a timeline, commitments and the people involved."""
    from taawun.agreements.models import ActionItem, Understanding

    engagements = list(engagements_of_party(party, user).prefetch_related("domains"))
    timeline = [
        (year, list(items))
        for year, items in groupby(engagements, key=lambda e: e.start_date.year if e.start_date else None)
    ]
    understandings = (
        Understanding.objects.visible_to(user)
        .filter(parties=party)
        .prefetch_related("parties")
        .order_by("-signed_on")
        .distinct()
    )
    open_items = (
        ActionItem.objects.visible_to(user)
        .filter(Q(owner_party=party) | Q(committee__parties=party))
        .exclude(status__in=[ActionItem.Status.DONE, ActionItem.Status.CANCELLED])
        .select_related("owner_party", "owner_person", "owner_agency", "committee")
        .distinct()
    )
    people = (
        party.people.visible_to(user)
        .select_related("agency")
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.only("id", "person_id")))
    )
    return {
        "timeline": timeline,
        "engagement_count": len(engagements),
        "understandings": understandings,
        "committees": party.committees.visible_to(user),
        "open_items": open_items,
        "people": people,
        "agencies": party.agencies.visible_to(user).select_related("parent"),
        "training_provided": party.training_provided.visible_to(user).select_related("recipient", "domain"),
        "training_received": party.training_received.visible_to(user).select_related("provider", "domain"),
    }
