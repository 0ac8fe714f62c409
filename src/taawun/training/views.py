from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from taawun.training import selectors
from taawun.training.charts import bar_chart_svg


class SideForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Partner"),
        required=False,
        choices=[("recipient", _("Recipient of the training")), ("provider", _("Provider of the training"))],
    )


@login_required
def pledged_vs_delivered(request):
    """Per partner: training pledged (every programme) against training delivered."""
    form = SideForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    side = (form.cleaned_data.get("side") if valid and form.is_bound else "") or "recipient"
    rows, totals = selectors.pledged_vs_delivered(request.user, side=side)
    context = {
        "form": form,
        "side": side,
        "rows": rows,
        "totals": totals,
        "chart": bar_chart_svg(rows, rtl=get_language_bidi()),
        "cohorts": selectors.trainees_by_agency_and_domain(request.user),
    }
    return render(request, "training/pledged_vs_delivered.html", context, status=200 if valid else 400)
