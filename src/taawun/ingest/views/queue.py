"""The review queue and the progress of an import batch."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from taawun.ingest import selectors
from taawun.ingest.models import Draft
from taawun.ingest.views.guards import editors_only


@editors_only
def draft_list(request):
    status = request.GET.get("status", Draft.Status.PENDING)
    if status not in Draft.Status.values and status != "all":
        status = Draft.Status.PENDING
    queryset = selectors.drafts_visible_to(request.user, status=None if status == "all" else status)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    batches = selectors.batches_visible_to(request.user)[:5]
    return render(
        request,
        "ingest/draft_list.html",
        {"page": page, "status": status, "statuses": Draft.Status.choices, "batches": batches},
    )


@editors_only
def batch_detail(request, pk: int):
    batch = selectors.batches_visible_to(request.user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    context = {"batch": batch, "items": batch.items.select_related("draft")}
    if request.htmx:
        return render(request, "ingest/_batch_progress.html", context)
    return render(request, "ingest/batch_detail.html", context)
