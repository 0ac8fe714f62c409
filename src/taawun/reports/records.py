"""What this app gives the registry's record types: the partner profile and list filters and
the engagement list's totals and partner pages, read off the tallies kept here."""

from taawun.records import catalog
from taawun.registry.models import Engagement, Party
from taawun.reports import filters, partners

catalog.provide(Party, detail_context=partners.party_profile, filterset_class=filters.PartnerFilter)
catalog.provide(
    Engagement,
    filterset_class=filters.PartnerEngagementFilter,
    total=partners.engagement_total,
    pages=partners.engagement_pages,
)
