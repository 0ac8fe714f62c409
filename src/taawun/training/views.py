from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter, date_from, date_to
from taawun.records.crud import Column, Crud
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Domain, Party
from taawun.training import selectors
from taawun.training.charts import bar_chart_svg
from taawun.training.forms import TrainingCohortFormSet, TrainingProgramForm
from taawun.training.models import TrainingProgram


class TrainingProgramFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "description"])
    provider = RecordChoiceFilter(model=Party, label=_("Provider"))
    recipient = RecordChoiceFilter(model=Party, label=_("Recipient"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Domain"))
    status = django_filters.ChoiceFilter(choices=TrainingProgram.Status.choices, label=_("Status"))
    start_after = date_from("start_date", _("From"))
    start_before = date_to("start_date", _("Until"))

    class Meta:
        model = TrainingProgram
        fields = []


training_program = Crud(
    model=TrainingProgram,
    form_class=TrainingProgramForm,
    filterset_class=TrainingProgramFilter,
    formsets=[TrainingCohortFormSet],
    queryset=lambda: TrainingProgram.objects.select_related("provider", "recipient", "domain"),
    columns=[
        Column(_("Title"), lambda t: t.title, link=True),
        Column(_("Provider"), lambda t: t.provider),
        Column(_("Recipient"), lambda t: t.recipient),
        Column(_("Domain"), lambda t: t.domain),
        Column(_("Status"), lambda t: t.get_status_display()),
        Column(_("Trainees"), lambda t: t.trainees),
        Column(_("Start"), lambda t: t.start_date),
    ],
    detail_context=selectors.program_detail,
)

CRUDS = [training_program]


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
