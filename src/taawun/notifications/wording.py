"""The wording of a committee's reminders: a subject and a text the organiser writes, with
placeholders in braces filled for each item ({title}, {due_on} ...).

Only the names below are accepted, bare: no attribute, index, conversion or format ("{title.x}",
"{0}", "{title!r}" are refused), so a template can never reach into the objects it is filled from.
"""

from __future__ import annotations

from string import Formatter

from django.utils.translation import gettext as _

PLACEHOLDERS = ("title", "due_on", "days", "committee", "session_on")


def wording_errors(text: str) -> list[str]:
    """What is wrong with a template, in the reader's language (empty when it is sound)."""
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    try:
        fields = list(Formatter().parse(text or ""))
    except ValueError:
        return [_("A brace is not closed: write placeholders as {title}; double a brace to show one ({{).")]
    errors = []
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            errors.append(
                _("Unknown placeholder %(placeholder)s: use only %(allowed)s.")
                % {"placeholder": shown, "allowed": allowed}
            )
    return errors


def fill(text: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled (validated templates only)."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
