"""Training's record type."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawun.records import catalog
from taawun.records.crud import Column, Crud
from taawun.training import selectors
from taawun.training.filters import TrainingProgramFilter
from taawun.training.forms import TrainingCohortFormSet, TrainingProgramForm
from taawun.training.models import TrainingProgram

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

catalog.register(training_program)
