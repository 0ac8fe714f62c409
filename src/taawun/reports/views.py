"""The dashboard and the country brief."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from taawun.audit.services import audit_export, audit_view
from taawun.core.pdf import render_pdf
from taawun.registry.models import Domain, Party
from taawun.reports import brief, charts, selectors
from taawun.reports.brief_docx import DOCX_TYPE, brief_docx


class DashboardFilter(forms.Form):
    domain = forms.ModelChoiceField(Domain.objects.all(), required=False, label=gettext_lazy("Domain"))
    year_from = forms.IntegerField(
        required=False, min_value=1900, max_value=2200, label=gettext_lazy("From year")
    )
    year_to = forms.IntegerField(
        required=False, min_value=1900, max_value=2200, label=gettext_lazy("To year")
    )


@login_required
def dashboard(request):
    form = DashboardFilter(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    domain = chosen.get("domain")
    data = selectors.dashboard(
        request.user,
        domain=domain.code if domain else None,
        year_from=chosen.get("year_from"),
        year_to=chosen.get("year_to"),
    )
    rtl = get_language_bidi()
    party_url = lambda party: reverse("registry:party_detail", args=[party.code])  # noqa: E731
    data["charts"] = {
        "by_party": charts.bar_chart(
            [charts.Bar(str(party), count, party_url(party)) for party, count in data["by_party"]],
            rtl=rtl,
            title=_("Engagements by partner"),
        ),
        "by_domain": charts.bar_chart(
            [charts.Bar(str(domain), domain.count) for domain in data["by_domain"]],
            rtl=rtl,
            title=_("Engagements by domain"),
        ),
        "by_year": charts.bar_chart(
            [charts.Bar(str(year), count) for year, count in data["by_year"]],
            rtl=rtl,
            title=_("Engagements by year"),
        ),
        "network": charts.network_graph(
            [
                charts.Node(code, str(party), data["party_weights"][code], party_url(party))
                for code, party in data["party_names"].items()
            ],
            data["edges"],
            title=_("Cooperation network"),
        ),
    }
    return render(request, "reports/dashboard.html", {"form": form, **data})


def _brief_party(request, code: str) -> Party:
    party = Party.objects.visible_to(request.user).filter(code=code).first()
    if party is None:
        raise Http404
    return party


@login_required
def country_brief(request, code: str):
    """The brief on screen, read before the PDF is printed: the same content, its records linked.
    Viewing is audited as the partner's page is; the downloads as exports."""
    party = _brief_party(request, code)
    audit_view(record=party, actor=request.user, request=request, note=f"country brief {party.code}")
    return render(request, "reports/brief_page.html", brief.country_brief(party, request.user))


@login_required
def country_brief_pdf(request, code: str):
    """A PDF for the reader's eyes only: it holds nothing above their clearance."""
    party = _brief_party(request, code)
    pdf = render_pdf("reports/brief.html", brief.country_brief(party, request.user), request)
    audit_export(actor=request.user, request=request, record=party, note=f"country brief {party.code}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brief-{party.code}.pdf"'
    return response


@login_required
def country_brief_docx(request, code: str):
    """The same brief as an editable Word document, for the minister's office to edit before printing."""
    party = _brief_party(request, code)
    content = brief_docx(brief.country_brief(party, request.user), request.user, rtl=get_language_bidi())
    audit_export(actor=request.user, request=request, record=party, note=f"country brief {party.code} docx")
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="brief-{party.code}.docx"'
    return response
