"""The type-aheads of the review desk and the merge pages: records of the registry the officer
may see, found by the words typed (JSON)."""

from __future__ import annotations

from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from taawun.extract import normalize_arabic
from taawun.ingest.forms import agency_label, engagement_label, person_label
from taawun.ingest.views.guards import editors_only
from taawun.registry import resolution
from taawun.registry.models import Agency, Engagement, Person

SEARCH_RESULTS = 20
SEARCH_SCAN = 500  # rows narrowed by the database that are checked word by word


def _typed(request) -> str:
    """The words typed into a type-ahead, or "" when too few to search on."""
    query = " ".join((request.GET.get("q") or "").split())[:100]
    return query if len(query) >= 2 else ""


def _name_matches(queryset, query: str, *, arabic: str, english: str, code: str = "") -> list:
    """Rows whose Arabic field holds every word typed (normalised: hamza, ta marbuta, spacing),
    whose English field holds the whole query, or whose `code` field is the query (an
    abbreviation). The database narrows with a stable fragment of each word; the words are then
    checked on the normalised text."""
    narrowed = Q()
    for fragment in (resolution.stable_fragment(word) for word in query.split()):
        if fragment:
            narrowed &= Q(**{f"{arabic}__contains": fragment})
    wider = Q(**{f"{english}__icontains": query})
    if code:
        wider |= Q(**{f"{code}__iexact": query})
    wanted = normalize_arabic(query).split()
    lowered = query.lower()
    return [
        row
        for row in queryset.filter(narrowed | wider)[:SEARCH_SCAN]
        if all(word in normalize_arabic(getattr(row, arabic)) for word in wanted)
        or lowered in getattr(row, english).lower()
        or (code and lowered == getattr(row, code).lower())
    ]


def _results(rows, label, user) -> JsonResponse:
    return JsonResponse(
        {"results": [{"id": row.pk, "label": label(row, user)} for row in rows[:SEARCH_RESULTS]]}
    )


@editors_only
@require_http_methods(["GET"])
def person_search(request):
    """People of the registry the reviewer may see whose name holds the words typed (Arabic
    normalised, or the English name), those of the row's party first: the review screen's
    type-ahead for a participant who is in the registry but was not proposed."""
    query = _typed(request)
    if not query:
        return _results([], person_label, request.user)
    people = Person.objects.visible_to(request.user).select_related("agency", "party").order_by("pk")
    found = _name_matches(people, query, arabic="name_ar", english="name_en")
    party = (request.GET.get("party") or "").upper()
    found.sort(key=lambda person: (person.party_id != party, person.name_ar, person.pk))
    return _results(found, person_label, request.user)


@editors_only
@require_http_methods(["GET"])
def agency_search(request):
    """Agencies the officer may see whose Arabic name holds the words typed, or whose English
    name or abbreviation holds them: the merge page's type-ahead."""
    query = _typed(request)
    if not query:
        return _results([], agency_label, request.user)
    agencies = Agency.objects.visible_to(request.user).select_related("party").order_by("pk")
    found = _name_matches(agencies, query, arabic="name_ar", english="name_en", code="abbreviation")
    found.sort(key=lambda agency: (agency.name_ar, agency.pk))
    return _results(found, agency_label, request.user)


@editors_only
@require_http_methods(["GET"])
def engagement_search(request):
    """Engagements the officer may see whose title holds the words typed: the merge page's
    type-ahead."""
    query = _typed(request)
    if not query:
        return _results([], engagement_label, request.user)
    engagements = Engagement.objects.visible_to(request.user)
    found = _name_matches(engagements, query, arabic="title_ar", english="title_en")
    return _results(found, engagement_label, request.user)
