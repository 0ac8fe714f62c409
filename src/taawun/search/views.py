"""The search page: parse the form, call the selector, render one page of results."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from taawun.audit.services import audit_view_many
from taawun.search.forms import SearchForm
from taawun.search.selectors import SearchPage, search


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@login_required
def results(request):
    form = SearchForm(request.GET or None, user=request.user)
    page_size = settings.SEARCH_PAGE_SIZE
    number = _page_number(request.GET.get("page"))
    page = SearchPage(results=[], total=0)
    searched = False
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        searched = True
        page = search(
            request.user,
            data["q"],
            kinds=[data["kind"]] if data["kind"] else None,
            party=data["party"].code if data["party"] else None,
            domain=data["domain"].code if data["domain"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            limit=page_size,
            offset=(number - 1) * page_size,
        )
        # The page shows restricted-or-higher records' texts: audited as reading them one by one is.
        audit_view_many(
            records=[hit.record for hit in page.results], actor=request.user, request=request, note="search"
        )
    query = request.GET.copy()
    query.pop("page", None)
    pages = max(1, math.ceil(page.total / page_size))
    context = {
        "form": form,
        "page": page,
        "searched": searched,
        "number": number,
        "pages": pages,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < pages else None,
        "query_without_page": query.urlencode(),
        "first_rank": (number - 1) * page_size + 1,
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "search/results.html", context, status=status)
