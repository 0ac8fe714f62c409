"""Password rules beyond Django's own validators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterVarietyValidator:
    """At least three of: lower-case letters, upper-case letters, digits, other characters.

    Arabic letters have no case, so any letter outside ASCII counts as a letter class of its own.
    """

    def validate(self, password: str, user=None) -> None:
        classes = {
            "lower": any(c.islower() for c in password),
            "upper": any(c.isupper() for c in password),
            "digit": any(c.isdigit() for c in password),
            "other": any(not c.isalnum() for c in password),
            "uncased": any(c.isalpha() and not c.islower() and not c.isupper() for c in password),
        }
        if sum(classes.values()) < 3:
            raise ValidationError(
                _("Use at least three kinds of characters: letters, capitals, digits, symbols."),
                code="password_too_plain",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least three kinds of characters: letters, capitals, digits, symbols."
        )
