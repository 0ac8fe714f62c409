"""Upload one document or many, or paste an article: each becomes a draft for review (many run
in the background as an import batch)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taawun.access.policy import can_view
from taawun.ingest import services
from taawun.ingest.forms import UploadForm
from taawun.ingest.readers import (
    UnreadableDocument,
    check_arabic,
    html_to_text,
    max_bytes,
    page_address,
    read_document,
    sniff,
)
from taawun.ingest.tasks import import_batch
from taawun.ingest.views.guards import editors_only


def _paste_text(text: str) -> tuple[str, str]:
    """Pasted HTML loses its markup like an uploaded page; plain text stays as it is."""
    data = text.encode("utf-8")
    return html_to_text(text) if sniff(data) == "html" else (text, "")


@editors_only
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The upload's choice stands in for the articles that do not show their country.
        home = data["home"].code if data.get("home") else None
        files = data["files"]
        if len(files) > 1:
            return _upload_many(request, files, data, home)
        try:
            if files:
                upload = files[0]
                raw = _read_upload(upload)
                text, title = read_document(raw, name=upload.name)
            else:
                raw = data["text"].encode("utf-8")
                text, title = _paste_text(data["text"])
            outcome = services.ingest_text(
                text=text,
                title=data.get("title") or title,
                url=data.get("url") or page_address(raw),  # a saved page's own address
                published_on=data.get("published_on"),
                home=home,
                classification=data["classification"],
                actor=request.user,
                request=request,
            )
        except (UnreadableDocument, services.DraftError) as error:
            form.add_error(None, str(error))
        else:
            return _after_ingest(request, outcome)
    status = 400 if request.method == "POST" else 200
    return render(request, "ingest/upload.html", {"form": form}, status=status)


def _read_upload(upload) -> bytes:
    if upload.size is not None and upload.size > max_bytes():
        raise UnreadableDocument(
            _("%(name)s is larger than the limit of %(limit)s MB.")
            % {"name": upload.name, "limit": round(max_bytes() / (1024 * 1024), 1)}
        )
    upload.seek(0)
    return upload.read(max_bytes() + 1)


def _after_ingest(request, outcome: services.Outcome):
    if outcome.status == "known":
        draft = outcome.draft
        if draft is not None and can_view(request.user, draft):
            messages.info(request, _("This document is already stored; here is its draft."))
            return HttpResponseRedirect(draft.get_absolute_url())
        messages.info(request, _("This document is already stored; nothing was added."))
        return HttpResponseRedirect(reverse("ingest:draft_list"))
    messages.success(request, _("The document was read; review the draft below."))
    return HttpResponseRedirect(outcome.draft.get_absolute_url())


def _upload_many(request, files, data, home: str | None):
    items, failures = [], []
    for upload in files:
        try:
            raw = _read_upload(upload)
            text, _title = read_document(raw, name=upload.name)
            check_arabic(text)  # a file in another language fails alone, named in the batch
        except UnreadableDocument as error:
            failures.append((upload.name, str(error)))
        else:
            items.append((upload.name, text, page_address(raw)))
    batch = services.import_batch_create(
        items=items,
        failures=failures,
        actor=request.user,
        classification=data["classification"],
        home=home or "",
    )
    import_batch.enqueue(batch.pk)
    messages.success(request, _("The files are being imported in the background."))
    return HttpResponseRedirect(batch.get_absolute_url())
