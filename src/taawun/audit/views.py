"""The auditor's pages: the filtered list of entries and its CSV export."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from taawun.audit.display import shown_changes
from taawun.audit.filters import AuditEntryFilter
from taawun.audit.models import AuditEntry, utc_iso
from taawun.audit.permissions import can_read_audit
from taawun.audit.selectors import entries_for_reader
from taawun.audit.services import audit_denied, audit_export


class AuditorRequiredMixin(LoginRequiredMixin):
    """Log in first; then anyone who may not read the trail gets a 404 (and an audit entry)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_read_audit(request.user):
            audit_denied(request=request, actor=request.user, note="audit trail")
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class AuditListView(AuditorRequiredMixin, FilterView):
    filterset_class = AuditEntryFilter
    template_name = "audit/entry_list.html"
    context_object_name = "entries"

    def get_queryset(self):
        return entries_for_reader(self.request.user, AuditEntry.objects.order_by("-seq"))

    def get_paginate_by(self, queryset):
        return settings.PAGE_SIZE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        shown_changes(context["entries"], self.request.user)  # labels and names, for this page only
        return context


# Spreadsheets run cells that start with these as formulas: prefix them with an apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


class AuditExportView(AuditorRequiredMixin, View):
    """The filtered entries, oldest first, as CSV (UTF-8 with a byte-order mark for Excel)."""

    def get(self, request, *args, **kwargs):
        filterset = AuditEntryFilter(
            request.GET,
            queryset=entries_for_reader(request.user, AuditEntry.objects.order_by("seq")),
            request=request,
        )
        if not filterset.is_valid():
            return HttpResponseBadRequest(_("The filters are not valid; nothing was exported."))
        queryset = filterset.qs
        audit_export(actor=request.user, request=request, note=f"audit trail CSV ?{request.GET.urlencode()}")
        writer = csv.writer(_Echo())
        header = [
            _("Sequence"),
            _("Time (UTC)"),
            _("User id"),
            _("Username"),
            _("IP address"),
            _("Action"),
            _("Model"),
            _("Object id"),
            _("Object"),
            _("Changes"),
            _("Note"),
            _("Path"),
            _("Previous hash"),
            _("Hash"),
        ]

        hidden = _("An entry about a record you may not see")

        def rows():
            yield "\ufeff" + writer.writerow(header)
            for entry in queryset.iterator(chunk_size=2000):
                if entry.masked:  # nothing that names the record: not its model, id, path or values
                    about = ["", "", hidden, "", "", ""]
                else:
                    about = [
                        _cell(entry.model_label),
                        _cell(entry.object_pk),
                        _cell(entry.object_repr),
                        _cell(json.dumps(entry.changes, ensure_ascii=False, sort_keys=True)),
                        _cell(entry.note),
                        _cell(entry.path),
                    ]
                yield writer.writerow(
                    [
                        entry.seq,
                        utc_iso(entry.timestamp),
                        "" if entry.user_id is None else entry.user_id,
                        _cell(entry.username),
                        entry.ip,
                        entry.action,
                        *about,
                        entry.prev_hash,
                        entry.entry_hash,
                    ]
                )

        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        response = StreamingHttpResponse(
            (row.encode("utf-8") for row in rows()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response
