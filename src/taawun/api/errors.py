"""Every refusal of the API as JSON, {"detail": "...", "errors": {field: [messages]}}, in the language
of the request (Accept-Language)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(..., description="What went wrong, in the language of the request")
    errors: dict[str, list[str]] | None = Field(
        None, description="Field name (or __all__) to messages, when the request data was refused"
    )
    hidden_referrers: int | None = Field(
        None, description="A refused deletion (409): how many records you may not see still refer to it"
    )


class FormInvalid(Exception):
    """A form (or its inline rows) refused the data: answered 422 with the messages by field."""

    def __init__(self, errors: dict[str, list[str]], *, saving: bool = True):
        super().__init__(errors)
        self.errors = errors
        self.saving = saving


def form_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def formset_errors(formset, name: str, indexes: list[int | None]) -> dict[str, list[str]]:
    """Errors of inline rows, named after the row's position in the request ("participants.0.person")."""
    errors: dict[str, list[str]] = {}
    for number, row_errors in enumerate(formset.errors):
        index = indexes[number] if number < len(indexes) else None
        for field_name, messages in row_errors.items():
            key = name if index is None else f"{name}.{index}"
            key = key if field_name == "__all__" else f"{key}.{field_name}"
            errors.setdefault(key, []).extend(str(message) for message in messages)
    non_form = [str(message) for message in formset.non_form_errors()]
    if non_form:
        errors.setdefault(name, []).extend(non_form)
    return errors


def pydantic_message(error: dict) -> str:
    """A pydantic error as a message in the request's language (pydantic's own are English only)."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind.startswith("float_") or kind.startswith("decimal_"):
        return _("Enter a number.")
    if kind.startswith("bool_"):
        return _("Enter true or false.")
    if kind.startswith("datetime_"):
        return _("Enter a valid date/time.")
    if kind.startswith("date_"):
        return _("Enter a valid date.")
    if kind == "string_too_long":
        return _("Ensure this value has at most %(max)s characters.") % {"max": context.get("max_length")}
    if kind == "string_too_short":
        return _("Ensure this value has at least %(min)s characters.") % {"min": context.get("min_length")}
    if kind in {"greater_than_equal", "greater_than"}:
        limit = context.get("ge", context.get("gt"))
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": limit}
    if kind in {"less_than_equal", "less_than"}:
        limit = context.get("le", context.get("lt"))
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {"limit_value": limit}
    if kind in {"literal_error", "enum"}:
        return _("Select a valid choice. That choice is not one of the available choices.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Enter a list of values.")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("Enter an object with named fields.")
    if kind == "string_type":
        return _("Enter a text.")
    return _("Enter a valid value.")


# Parameter names of the operations, left out of the field names reported to the client.
PARAMETER_NAMES = {"payload", "filters"}


def pydantic_errors(errors: list[dict]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())][1:]  # drop "body", "query", "path"
        if location and location[0] in PARAMETER_NAMES:
            location = location[1:]
        key = ".".join(location) or "__all__"
        result.setdefault(key, []).append(pydantic_message(error))
    return result
