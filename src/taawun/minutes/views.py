"""The minutes' own pages besides the record pages: approving, printing and sending them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taawun.audit.services import audit_export
from taawun.minutes import forms, services
from taawun.minutes.records import minutes as minutes_crud
from taawun.records.crud import add_service_errors


@login_required
@require_POST
def minutes_approve(request, pk: int):
    """Approve draft minutes: the text's hash is recorded and each commitment becomes an action item."""
    record = minutes_crud.get_for_user(request, pk, write=True)
    try:
        services.minutes_approve(minutes=record, actor=request.user, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The minutes are approved; their commitments are action items now."))
    return HttpResponseRedirect(record.get_absolute_url())


@login_required
def minutes_pdf(request, pk: int):
    """The minutes as a PDF in Arabic and English, with the items up to the classification chosen
    (never above the reader's clearance). Audited as an export."""
    record = minutes_crud.get_for_user(request, pk)
    form = forms.PdfForm(request.GET or None, user=request.user, minutes=record)
    if request.GET and not form.is_valid():
        return render(request, "minutes/pdf_form.html", {"record": record, "form": form}, status=400)
    cap = form.cleaned_data["cap"] if request.GET else form.initial["cap"]
    first = (form.cleaned_data.get("first") if request.GET else "") or "ar"
    pdf = services.minutes_pdf(record, reader=request.user, cap=cap, first=first)
    audit_export(
        actor=request.user, request=request, record=record, note=f"minutes {record.pk} pdf up to {cap}"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{record.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def minutes_send(request, pk: int):
    """Who the minutes would reach, up to the classification chosen, and the sending itself."""
    record = minutes_crud.get_for_user(request, pk, write=True)
    form = forms.SendForm(request.POST or request.GET or None, user=request.user, minutes=record)
    cap = form.cleaned_data["cap"] if form.is_bound and form.is_valid() else form.initial.get("cap")
    if request.method == "POST" and form.is_valid():
        try:
            sending = services.minutes_send(minutes=record, actor=request.user, cap=cap, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The minutes were sent to %(count)s participants.") % {"count": sending.deliveries.count()},
            )
            return HttpResponseRedirect(record.get_absolute_url() + "#sendings")
    found = services.recipients(record, cap) if cap else []
    context = {"record": record, "form": form, "recipients": found}
    return render(request, "minutes/send.html", context, status=400 if form.errors else 200)
