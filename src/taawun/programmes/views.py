"""An engagement's programme: its page, its bilingual PDF and the delegation's order of precedence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taawun.access.policy import can_edit
from taawun.core.pdf import render_pdf
from taawun.programmes import selectors, services
from taawun.programmes.forms import DelegationOrderForm
from taawun.records import catalog
from taawun.registry.models import Engagement


def _engagement(request, pk: int, *, write: bool = False) -> Engagement:
    """The engagement as its own page would give it: 404 hidden, 403 read-only, both audited."""
    return catalog.get(Engagement).get_for_user(request, pk, write=write)


@login_required
@require_GET
def programme(request, pk: int):
    engagement = _engagement(request, pk)
    context = {
        **selectors.programme(engagement, request.user),
        "can_edit": can_edit(request.user, engagement),
    }
    return render(request, "programmes/programme.html", context)


@login_required
@require_GET
def programme_pdf(request, pk: int):
    """The programme as a bilingual document for the reader: only the items they may see, marked
    with the highest classification among them; audited as an export at that level."""
    engagement = _engagement(request, pk)
    data = selectors.programme(engagement, request.user)
    context = {**data, "printed_on": timezone.localdate()}
    pdf = render_pdf("programmes/programme_pdf.html", context, request)
    services.programme_printed(
        engagement=engagement,
        marking=data["marking"],
        items=data["item_count"],
        actor=request.user,
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="programme-{engagement.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delegation_order(request, pk: int):
    """Set the order of precedence of the engagement's people, side by side."""
    engagement = _engagement(request, pk, write=True)
    if not can_edit(request.user, engagement):
        raise PermissionDenied
    sides = selectors.delegation(engagement, request.user)
    people = [member.person for side in sides.values() for member in side]
    form = DelegationOrderForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        services.delegation_order_save(
            engagement=engagement, order=form.order(), actor=request.user, request=request
        )
        messages.success(request, _("The order of precedence is saved."))
        return HttpResponseRedirect(reverse("programmes:programme", args=[engagement.pk]))
    status = 400 if form.errors else 200
    rows = {
        side: [(member, form[f"person_{member.person.pk}"]) for member in members]
        for side, members in sides.items()
    }
    context = {"engagement": engagement, "form": form, "rows": rows}
    return render(request, "programmes/delegation_order.html", context, status=status)
