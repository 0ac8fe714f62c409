"""Attach a file to a record, download it, delete it: thin views over the services.

A record or an attachment the reader may not see is a 404 (audited as a refusal, as records'
pages do); a reader who may not change it gets a 403. Downloads of restricted-or-higher files are
audited as views of the records are.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from taawun.access.policy import can_edit, is_sensitive
from taawun.attachments import selectors, services, storage
from taawun.attachments.forms import AttachmentForm
from taawun.attachments.models import Attachment, parent_named
from taawun.audit.services import audit_denied, audit_view
from taawun.records import catalog
from taawun.records.crud import add_service_errors

log = logging.getLogger(__name__)


def _section_url(record) -> str:
    return f"{record.get_absolute_url()}#attachments"


class AttachView(LoginRequiredMixin, View):
    """The upload page (the record's page carries the same form) and what its form posts to."""

    template_name = "attachments/add.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            parent = parent_named(kwargs["key"])
            if parent is None:
                raise Http404
            self.record = catalog.get(parent.model).get_for_user(request, kwargs["pk"], write=True)
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status: int = 200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "record": self.record, "back": _section_url(self.record)},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(AttachmentForm(user=request.user, record=self.record))

    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES, user=request.user, record=self.record)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.attachment_add(
                    record=self.record,
                    data=upload.read(),
                    file_name=upload.name,
                    title=form.cleaned_data["title"],
                    classification=form.cleaned_data["classification"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The file was attached."))
                return HttpResponseRedirect(_section_url(self.record))
        messages.error(request, _("Nothing was attached: correct the fields marked below."))
        return self.render_form(form, status=400)


def _visible_or_404(request, pk) -> Attachment:
    attachment = selectors.visible_attachment(request.user, pk)
    if attachment is None:
        if Attachment.objects.filter(pk=pk).exists():
            audit_denied(request=request, model_label=Attachment._meta.label, object_pk=pk, note="hidden")
        raise Http404
    return attachment


@login_required
@require_GET
def download(request, pk):
    attachment = _visible_or_404(request, pk)
    try:
        data = storage.read(attachment.sha256)
    except storage.Damaged:
        log.error("attachment %s: stored file missing or not matching its SHA-256", attachment.pk)
        message = _(
            "The stored copy of this file is damaged or missing (it no longer matches its checksum), so "
            "it was not sent. Tell the administrator: it can be restored from a backup."
        )
        return render(request, "core/request_refused.html", {"message": message}, status=500)
    if is_sensitive(attachment):
        audit_view(record=attachment, actor=request.user, request=request, note="download")
    response = HttpResponse(data, content_type=attachment.media_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.file_name)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DeleteView(LoginRequiredMixin, View):
    template_name = "attachments/confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.attachment = _visible_or_404(request, kwargs["pk"])
            self.record = self.attachment.record
            if not (can_edit(request.user, self.attachment) and can_edit(request.user, self.record)):
                audit_denied(request=request, record=self.attachment, note="read-only")
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return render(
            request,
            self.template_name,
            {"attachment": self.attachment, "record": self.record, "back": _section_url(self.record)},
        )

    def post(self, request, *args, **kwargs):
        services.attachment_delete(attachment=self.attachment, actor=request.user, request=request)
        messages.success(request, _("The file was removed."))
        return HttpResponseRedirect(_section_url(self.record))
