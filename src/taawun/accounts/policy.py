"""The access policy: who may see and change which record.

One place decides. A record carries a classification; a user has a clearance and a role.
A record above the user's clearance does not exist for that user (views answer 404).
Decisions fail closed: an unknown classification or clearance denies.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.core.i18n import in_reading_order


class Classification(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential")
    SECRET = "secret", _("Secret")


# Order matters: each level sees its own and every lower one.
LEVELS: dict[str, int] = {value: rank for rank, value in enumerate(Classification.values)}


class UnknownClassification(ValueError):
    """A classification value outside the scheme: treated as a denial, never as a default."""


def level(classification: str) -> int:
    try:
        return LEVELS[classification]
    except KeyError:
        raise UnknownClassification(classification) from None


def visible_levels(user) -> list[str]:
    """The classifications a user may read; none for an anonymous, inactive or uncleared user."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    try:
        ceiling = level(user.clearance)
    except UnknownClassification:
        return []
    return [value for value, rank in LEVELS.items() if rank <= ceiling]


def can_view(user, record) -> bool:
    try:
        return level(record.classification) <= level(user.clearance) and user.is_active
    except (UnknownClassification, AttributeError):
        return False


def can_edit(user, record=None) -> bool:
    """Officers and administrators change records they can see."""
    if not getattr(user, "is_authenticated", False) or not user.has_role_to_edit():
        return False
    return record is None or can_view(user, record)


def is_sensitive(record) -> bool:
    """Views of restricted-or-higher records are written to the audit trail."""
    try:
        return level(record.classification) >= level(Classification.RESTRICTED)
    except (UnknownClassification, AttributeError):
        return True


class ClassifiedQuerySet(models.QuerySet):
    def visible_to(self, user) -> ClassifiedQuerySet:
        return self.filter(classification__in=visible_levels(user))


class Classified(models.Model):
    """Mixin: every record carries a classification and is filtered by the reader's clearance."""

    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        abstract = True


def restrict_choices(form, user) -> None:
    """Limit every record choice in a form to what the user may see, and the classification
    choice to the user's clearance, so a form never lists (or accepts) a record above it.

    Links the user cannot see are kept as they are, never silently dropped: a single link to a
    hidden record takes its field out of the form, and hidden members of a many-to-many link are
    remembered in `form.hidden_related` for the form to add back when it saves.
    """
    instance = getattr(form, "instance", None)
    form.hidden_related = {}
    for name, field in list(form.fields.items()):
        queryset = getattr(field, "queryset", None)
        if queryset is None or not isinstance(queryset, ClassifiedQuerySet):
            continue
        # The choices are listed by the name the reader sees (an Arabic list in Arabic order).
        field.queryset = in_reading_order(queryset.visible_to(user))
        if instance is None or instance.pk is None or not hasattr(instance, name):
            continue
        current = getattr(instance, name)
        if isinstance(current, models.Model):
            if not can_view(user, current):
                del form.fields[name]
        elif hasattr(current, "exclude"):
            hidden = list(current.exclude(pk__in=field.queryset.values("pk")))
            if hidden:
                form.hidden_related[name] = hidden
    if "classification" in form.fields:
        allowed = set(visible_levels(user))
        form.fields["classification"].choices = [
            (value, label) for value, label in form.fields["classification"].choices if value in allowed
        ]


def visible_related(user, value):
    """A related record or list of records as the user may see it (hidden ones left out)."""
    if isinstance(value, models.Model):
        if hasattr(value, "classification") and not can_view(user, value):
            return None
        return value
    if isinstance(value, list | tuple):
        return [item for item in value if visible_related(user, item) is not None]
    return value
