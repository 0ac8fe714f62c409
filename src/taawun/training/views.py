from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.core.crud import Column, Crud
from taawun.core.filters import TextFilter, date_from, date_to
from taawun.registry.models import Domain, Party
from taawun.training.forms import TrainingProgramForm
from taawun.training.models import TrainingProgram


class TrainingProgramFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "description"])
    provider = django_filters.ModelChoiceFilter(queryset=Party.objects.all(), label=_("Provider"))
    recipient = django_filters.ModelChoiceFilter(queryset=Party.objects.all(), label=_("Recipient"))
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
)

CRUDS = [training_program]
