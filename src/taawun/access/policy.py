"""The access policy: who may see and change which record.

One place decides. A record carries a classification; a user has a clearance and a role.
A record above the user's clearance does not exist for that user (views answer 404).
Decisions fail closed: an unknown classification or clearance denies.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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


def clearance_within(user, clearance: str) -> bool:
    """Whether `clearance` is no higher than the user's own (what an administrator may grant)."""
    try:
        return level(clearance) <= level(user.clearance)
    except (UnknownClassification, AttributeError):
        return False


def can_manage_user(actor, target) -> bool:
    """Administrators manage users cleared no higher than themselves: resetting the password of a
    user cleared above you would be a way to read what they read."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return actor.role == actor.Role.ADMINISTRATOR and clearance_within(actor, target.clearance)


def requires_second_factor(user) -> bool:
    """Who must confirm each log-in with an authenticator: everyone who changes records, and
    everyone who may read restricted or higher records (auditors and viewers included)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role in {user.Role.ADMINISTRATOR, user.Role.OFFICER}:
        return True
    try:
        return level(user.clearance) >= level(Classification.RESTRICTED)
    except UnknownClassification:
        return True  # fail closed


def is_sensitive(record) -> bool:
    """Views of restricted-or-higher records are written to the audit trail."""
    try:
        return level(record.classification) >= level(Classification.RESTRICTED)
    except (UnknownClassification, AttributeError):
        return True
