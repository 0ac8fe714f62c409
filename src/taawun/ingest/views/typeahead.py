"""The type-aheads of the review desk and the merge pages: records of the registry the officer
may see, found by the words typed (JSON)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from taawun.ingest.forms import agency_label, engagement_label, person_label
from taawun.ingest.views.guards import editors_only
from taawun.records import catalog, lookup
from taawun.registry.models import Agency, Engagement, Person


def _results(rows, label, user) -> JsonResponse:
    return JsonResponse({"results": [{"id": row.pk, "label": label(row, user)} for row in rows]})


@editors_only
@require_http_methods(["GET"])
def person_search(request):
    """People of the registry the reviewer may see whose name holds the words typed (Arabic
    normalised, or the English name), those of the row's party first: the review screen's
    type-ahead for a participant who is in the registry but was not proposed."""
    query = lookup.typed(request.GET.get("q"))
    if not query:
        return _results([], person_label, request.user)
    people = Person.objects.visible_to(request.user).select_related("agency", "party").order_by("pk")
    found = lookup.matching(people, query, lookup.SearchFields("name_ar", "name_en"), limit=lookup.SCAN)
    party = (request.GET.get("party") or "").upper()
    found.sort(key=lambda person: (person.party_id != party, person.name_ar, person.pk))
    return _results(found[: lookup.RESULTS], person_label, request.user)


@editors_only
@require_http_methods(["GET"])
def agency_search(request):
    """Agencies the officer may see whose Arabic name holds the words typed, or whose English
    name or abbreviation holds them: the merge page's type-ahead."""
    query = lookup.typed(request.GET.get("q"))
    if not query:
        return _results([], agency_label, request.user)
    agencies = Agency.objects.visible_to(request.user).select_related("party").order_by("pk")
    found = lookup.matching(
        agencies, query, lookup.SearchFields("name_ar", "name_en", ("abbreviation",)), limit=lookup.SCAN
    )
    found.sort(key=lambda agency: (agency.name_ar, agency.pk))
    return _results(found[: lookup.RESULTS], agency_label, request.user)


@editors_only
@require_http_methods(["GET"])
def engagement_search(request):
    """Engagements the officer may see whose title holds the words typed: the merge page's
    type-ahead."""
    query = lookup.typed(request.GET.get("q"))
    if not query:
        return _results([], engagement_label, request.user)
    found = catalog.get(Engagement).find_choices(request.user, query)  # as every engagement picker
    return _results(found, engagement_label, request.user)
