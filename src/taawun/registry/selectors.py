"""Reading the registry: what a page shows, limited to what the reader may see,
fetched with a bounded number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from taawun.access.policy import visible_levels
from taawun.registry.models import Engagement, Participation, Source


def engagements_list() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("host", "location_country").prefetch_related("guests")


def engagements_visible_to(user) -> QuerySet[Engagement]:
    return engagements_list().visible_to(user)


def engagement_detail(engagement: Engagement, user) -> dict:
    """Who took part and what reported it, as far as the reader may see (the follow-up's items are
    added by taawun.agreements: agreements/records.py)."""
    participations = (
        # The person's clearance as a condition of the join, not `person__in` a subquery: SQLite would
        # otherwise walk every visible person (a million-row registry) to find this engagement's few.
        Participation.objects.filter(engagement=engagement, person__classification__in=visible_levels(user))
        .select_related("person__party", "person__agency")
        .order_by("role", "person__name_ar")
    )
    return {
        "participations": participations,
        "sources": Source.objects.visible_to(user).filter(engagements=engagement),
    }


def source_detail(source: Source, user) -> dict:
    """The engagements the source reports, as far as the reader may see them."""
    return {"engagements": Engagement.objects.visible_to(user).filter(sources=source)}
