"""Training programmes: who trains whom, in what, and how many."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified
from taawun.agreements.models import JointCommittee, Understanding
from taawun.core.models import BilingualTitled, TimeStamped
from taawun.registry.models import Agency, Domain, Engagement, Party


class TrainingProgram(Classified, TimeStamped, BilingualTitled):
    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        PLANNED = "planned", _("Planned")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="training_provided", verbose_name=_("provider")
    )
    recipient = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="training_received", verbose_name=_("recipient")
    )
    domain = models.ForeignKey(
        Domain,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_programs",
        verbose_name=_("domain"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("number of trainees"), default=0)
    understanding = models.ForeignKey(
        Understanding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_programs",
        verbose_name=_("pledged under understanding"),
    )
    committee = models.ForeignKey(
        JointCommittee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_programs",
        verbose_name=_("pledged by committee"),
    )
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_programs",
        verbose_name=_("engagement"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "-created_at"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def get_absolute_url(self) -> str:
        return reverse("training:trainingprogram_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if self.provider_id and self.provider_id == self.recipient_id:
            errors["recipient"] = _("The provider and the recipient must be different parties.")
        if errors:
            raise ValidationError(errors)


class TrainingCohort(models.Model):
    """A group of a programme's trainees: how many come from one agency, in one domain.

    Part of its programme (edited inline, seen by whoever may see the programme); the domain
    defaults to the programme's own when left empty."""

    program = models.ForeignKey(
        TrainingProgram,
        on_delete=models.CASCADE,
        related_name="cohorts",
        verbose_name=_("training programme"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="training_cohorts", verbose_name=_("agency")
    )
    domain = models.ForeignKey(
        Domain,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_cohorts",
        verbose_name=_("domain"),
    )
    trainees = models.PositiveIntegerField(_("number of trainees"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["program", "id"]
        verbose_name = _("trainee group")
        verbose_name_plural = _("trainee groups")

    def __str__(self) -> str:
        return f"{self.agency} ({self.trainees})"

    @property
    def effective_domain(self) -> Domain | None:
        return self.domain or self.program.domain
