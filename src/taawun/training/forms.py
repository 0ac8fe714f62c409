from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.records.forms import RecordForm
from taawun.training.models import TrainingCohort, TrainingProgram


class TrainingProgramForm(RecordForm):
    class Meta:
        model = TrainingProgram
        fields = [
            "title_ar",
            "title_en",
            "provider",
            "recipient",
            "domain",
            "status",
            "start_date",
            "end_date",
            "trainees",
            "understanding",
            "committee",
            "engagement",
            "description",
            "classification",
        ]


class BaseCohortFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen: set[tuple] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            agency, domain = form.cleaned_data.get("agency"), form.cleaned_data.get("domain")
            if agency is None:
                continue
            if (agency.pk, getattr(domain, "pk", None)) in seen:
                raise forms.ValidationError(
                    _("Give each agency and domain once: add its trainees up in a single row.")
                )
            seen.add((agency.pk, getattr(domain, "pk", None)))


TrainingCohortFormSet = forms.inlineformset_factory(
    TrainingProgram,
    TrainingCohort,
    formset=BaseCohortFormSet,
    form=RecordForm,  # the agency among those the editor may see
    fields=["agency", "domain", "trainees"],
    extra=3,
    can_delete=True,
)
