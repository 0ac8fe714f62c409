"""The programme of an engagement: what happens when, where, with whom, and what it needs.

A programme item is a slot of a visit, meeting, workshop or committee session (a committee
session's programme is that of its engagement): a day and a time in the office's time zone, a
place, the people of each side, the officer who answers for it and its logistics. Each item has
a classification of its own, never below its engagement's: a reader not cleared for an item
does not see it anywhere (ProgrammeItemQuerySet.visible_to).

The delegation list of an engagement is its people of each side in precedence order: an order
the office sets (DelegationPlace), else their rank's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified, ClassifiedQuerySet
from taawun.access.policy import UnknownClassification, level, visible_levels
from taawun.core.dates import Precision
from taawun.core.links import record_url
from taawun.core.models import BilingualTitled, TimeStamped
from taawun.registry.models import Engagement, Person


def engagement_days(engagement: Engagement) -> tuple[dt.date, dt.date] | None:
    """The first and last day an engagement may hold programme items, where its dates say so:
    None when its start is not known to the day (a month or a year is no programme's frame)."""
    if engagement.start_date is None or engagement.start_precision != Precision.DAY:
        return None
    last = engagement.end_date if engagement.end_date and engagement.end_precision == Precision.DAY else None
    return engagement.start_date, max(last or engagement.start_date, engagement.start_date)


class ProgrammeItemQuerySet(ClassifiedQuerySet):
    def visible_to(self, user) -> ProgrammeItemQuerySet:
        # The engagement's clearance too: an item stored below an engagement classified higher
        # later must not show the reader a slot of a visit hidden from them.
        levels = visible_levels(user)
        return self.filter(classification__in=levels, engagement__classification__in=levels)


class ProgrammeItem(Classified, TimeStamped, BilingualTitled):
    """One slot of an engagement's programme."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        FIELD_VISIT = "field_visit", _("Field visit")
        WORKSHOP = "workshop", _("Workshop")
        BRIEFING = "briefing", _("Briefing")
        CEREMONY = "ceremony", _("Ceremony")
        MEAL = "meal", _("Meal")
        TRANSFER = "transfer", _("Transfer")
        FREE = "free", _("Free time")
        OTHER = "other", _("Other")

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="programme_items", verbose_name=_("engagement")
    )
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("starts at"), help_text=_("In the office's time zone."))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MEETING)
    place = models.CharField(_("place"), max_length=300, blank=True)
    our_participants = models.ManyToManyField(
        Person, blank=True, related_name="programme_items_for_us", verbose_name=_("our participants")
    )
    their_participants = models.ManyToManyField(
        Person, blank=True, related_name="programme_items_for_them", verbose_name=_("their participants")
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_items",
        verbose_name=_("responsible officer"),
    )
    transport = models.TextField(_("transport"), blank=True)
    interpreters = models.TextField(_("interpreters"), blank=True)
    gifts_given = models.TextField(_("gifts given"), blank=True)
    gifts_received = models.TextField(_("gifts received"), blank=True)
    protocol_notes = models.TextField(_("protocol notes"), blank=True)

    objects = ProgrammeItemQuerySet.as_manager()

    LOGISTICS = ("transport", "interpreters", "gifts_given", "gifts_received", "protocol_notes")

    class Meta:
        ordering = ["engagement", "day", "start_time", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        indexes = [
            models.Index(fields=["engagement", "day", "start_time"], name="programmes_item_order"),
            # The calendar and its feeds read the items of a period.
            models.Index(fields=["day", "start_time"], name="programmes_item_day"),
        ]

    def get_absolute_url(self) -> str:
        return record_url("programmes:programmeitem_detail", self.pk)

    @property
    def starts(self) -> dt.datetime:
        """When it starts, in the office's time zone (the stored day and time are the office's)."""
        return dt.datetime.combine(self.day, self.start_time, tzinfo=office_zone())

    @property
    def ends(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.day, self.end_time, tzinfo=office_zone())

    def has_logistics(self) -> bool:
        return any(getattr(self, name).strip() for name in self.LOGISTICS)

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("An item ends after it starts.")
        engagement = self.engagement if self.engagement_id else None
        if engagement is not None and self.day:
            days = engagement_days(engagement)
            if days and not days[0] <= self.day <= days[1]:
                errors["day"] = _("The day is outside the engagement's dates (%(first)s – %(last)s).") % {
                    "first": days[0].isoformat(),
                    "last": days[1].isoformat(),
                }
        try:
            below = engagement is not None and level(self.classification) < level(engagement.classification)
        except UnknownClassification:
            below = False  # the field's own choices refuse it
        if below:
            errors["classification"] = _("An item is classified at least as its engagement (%(level)s).") % {
                "level": engagement.get_classification_display()
            }
        officer = self.responsible_officer if self.responsible_officer_id else None
        if officer is not None:
            if not officer.has_role_to_edit():
                errors["responsible_officer"] = _("The responsible officer is an active officer of Taawun.")
            else:
                try:
                    uncleared = level(officer.clearance) < level(self.classification)
                except UnknownClassification:
                    uncleared = True
                if uncleared:
                    errors["responsible_officer"] = _("The responsible officer is not cleared for this item.")
        if errors:
            raise ValidationError(errors)


def office_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class DelegationPlace(models.Model):
    """A person's place in an engagement's order of precedence, where the office set one (people
    without one follow, by rank). Shown with the engagement and the person: no classification of
    its own."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="delegation_places", verbose_name=_("engagement")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="delegation_places", verbose_name=_("person")
    )
    precedence = models.PositiveSmallIntegerField(_("order of precedence"))

    class Meta:
        ordering = ["engagement", "precedence", "pk"]
        verbose_name = _("place in the delegation")
        verbose_name_plural = _("places in the delegation")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "person"], name="programmes_one_place_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.precedence})"
