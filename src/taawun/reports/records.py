"""What this app gives the registry's record types: the partner profile, the partner list's
filters and its engagements, last and next contact, and the engagement list's totals and partner
pages, all read off the tallies and timelines kept here."""

from django.utils.translation import gettext_lazy as _

from taawun.records import catalog
from taawun.records.crud import Column
from taawun.registry.models import Engagement, Party
from taawun.reports import filters, partners

catalog.provide(
    Party,
    detail_context=partners.party_profile,
    filterset_class=filters.PartnerFilter,
    extra_columns=[
        Column(_("Engagements"), lambda party: party.engagement_count),
        Column(_("Last contact"), lambda party: party.last_contact),
        Column(_("Next contact"), lambda party: party.next_contact),
    ],
    annotate_page=partners.partner_contacts,
)
catalog.provide(
    Engagement,
    filterset_class=filters.PartnerEngagementFilter,
    total=partners.engagement_total,
    pages=partners.engagement_pages,
)
