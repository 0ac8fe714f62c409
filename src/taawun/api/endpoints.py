"""The REST API: list, read, create, change and delete every record type, with an API token.

Thin handlers: access goes through `Crud.get_for_user` and `visible_to` (the web's own rules),
writes through the web's forms, `restrict_choices` and the record type's save and delete services
(`Crud.save`, `Crud.delete`: audited), reads through `Resource.queryset`. Every refusal is JSON (see taawun.api.errors).

No `from __future__ import annotations` here: ninja reads the handlers' annotations, which are
built at run time from each record type's forms.
"""

from functools import wraps
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as RefusedByService
from django.db import models
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params.functions import Path, Query
from ninja.security import HttpBearer

from taawun.access.policy import can_edit
from taawun.api.errors import Error, FormInvalid, form_errors, formset_errors, pydantic_errors
from taawun.api.resources import INT64_MAX, Resource, filter_data, is_integer_pk, resources
from taawun.api.services import api_token_user
from taawun.audit.services import audit_denied, audit_view_many
from taawun.records.services import RecordInUse
from taawun.records.visibility import restrict_choices

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the request then acts as the token's user.

    A user whose role cannot change records is refused every write here (403), before the body is
    read: the same answer whether the record exists, is hidden or the body is malformed."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token.strip())
        if user is None:
            return None
        request.user = user
        if request.method not in SAFE_METHODS and not can_edit(user):
            audit_denied(request=request, actor=user, note="read-only")
            raise PermissionDenied
        return user


def schema_access(view):
    """The schema is for signed-in users (the web session) and token holders, as the API is."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or api_token_user(raw.strip()) is None:
                return unauthorized(request)
        return view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="Taawun",
    version="1",
    description=(
        "The records of the international cooperation office. Every request carries an API token "
        "(`Authorization: Bearer <token>`, created on the API tokens page) and acts with its user's "
        "role and clearance: a record above the clearance does not exist (404), only officers and "
        "administrators change records (403), and every change is written to the audit trail. "
        "Messages are in the language of `Accept-Language` (Arabic or English)."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    openapi_url="/openapi.json",
    docs_url=None,
    docs_decorator=schema_access,
)

# --- refusals ---------------------------------------------------------------------------------


def error_response(request, status: int, detail: str, errors: dict | None = None):
    body: dict[str, Any] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def unauthorized(request):
    response = JsonResponse(
        {"detail": _("Authentication required: send a valid API token as “Authorization: Bearer <token>”.")},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="taawun"'
    return response


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return unauthorized(request)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return error_response(
        request,
        422,
        _("The request was not accepted: correct the fields listed in “errors”."),
        pydantic_errors(exc.errors),
    )


@api.exception_handler(FormInvalid)
def _form_invalid(request, exc):
    detail = (
        _("Nothing was saved: correct the fields listed in “errors”.")
        if exc.saving
        else _("The request was not accepted: correct the fields listed in “errors”.")
    )
    return error_response(request, 422, detail, exc.errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(request, 403, _("Your role does not allow changing records."))


@api.exception_handler(RecordInUse)
def _in_use(request, exc):
    # The same answer whether the referrers are visible or not: no names, the hidden ones counted.
    body = {
        "detail": _("This record is still referenced by others; nothing was deleted."),
        "hidden_referrers": exc.hidden,
    }
    return api.create_response(request, body, status=409)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 400:
        return error_response(request, 400, _("The request body is not valid JSON."))
    return error_response(request, exc.status_code, str(exc))


# --- writing through the web's forms ------------------------------------------------------------


def current_data(form) -> dict:
    """The values a form starts from (the record's, or a new record's defaults), as form data;
    links to records the user may not see are left out (the form keeps them itself)."""
    data = {}
    for name, form_field in form.fields.items():
        value = form.get_initial_for_field(form_field, name)
        if isinstance(form_field, ModelMultipleChoiceField):
            hidden = {record.pk for record in form.hidden_related.get(name, [])}
            keys = [item.pk if isinstance(item, models.Model) else item for item in value or []]
            value = [key for key in keys if key not in hidden]
        elif isinstance(form_field, ModelChoiceField) and isinstance(value, models.Model):
            value = value.pk
        data[name] = value
    return data


def save(resource: Resource, request, record, payload, *, keep_unsent: bool, form_class) -> models.Model:
    """Validate the payload with the record type's form (and inline rows), then save it audited.

    keep_unsent: fields the payload leaves out keep their current (or default) value (POST and
    PATCH); otherwise they are emptied (PUT)."""
    user = request.auth
    values = payload.model_dump(mode="json", exclude_unset=True)
    inline_rows = {inline.name: values.pop(inline.name, None) for inline in resource.inlines}
    data = {}
    if keep_unsent:
        start = form_class(instance=record)
        restrict_choices(start, user)
        data = current_data(start)
    data.update(values)
    form = form_class(data=data, instance=record)
    restrict_choices(form, user)

    formsets, indexes = [], []
    for number, inline in enumerate(resource.inlines):
        rows = inline_rows[inline.name]
        if rows is None:
            continue  # the rows stay as they are
        prefix = f"inline{number}"
        formset_data, row_indexes = inline.formset_data(record, rows, user, prefix)
        formset = inline.formset_class(data=formset_data, instance=record or resource.model(), prefix=prefix)
        for subform in formset.forms:
            restrict_choices(subform, user)
        formsets.append((inline, formset))
        indexes.append(row_indexes)

    # Every part is validated (no short cut), so that every error is reported at once.
    outcomes = [form.is_valid()] + [formset.is_valid() for _inline, formset in formsets]
    if not all(outcomes):
        errors = form_errors(form)
        for (inline, formset), row_indexes in zip(formsets, indexes, strict=True):
            errors.update(formset_errors(formset, inline.name, row_indexes))
        raise FormInvalid(errors)
    try:
        return resource.crud.save(
            form=form, formsets=[formset for _inline, formset in formsets], actor=user, request=request
        )
    except RefusedByService as error:
        # A rule the record's service checks beyond its form (the items of minutes): nothing saved.
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise FormInvalid({name: [str(m) for m in messages] for name, messages in errors.items()}) from error


# --- operations ---------------------------------------------------------------------------------

ERRORS_READ = frozenset({401, 404, 422})
ERRORS_WRITE = frozenset({400, 401, 403, 404, 422})  # 400: a body that is not JSON


def key_parameter(resource: Resource) -> Any:
    if is_integer_pk(resource.model):
        return Annotated[int, Path(..., ge=1, le=INT64_MAX, description="The record's id")]
    max_length = getattr(resource.model._meta.pk, "max_length", None) or 200
    return Annotated[
        str,
        Path(..., pattern=rf"^[A-Za-z0-9_-]{{1,{max_length}}}$", description="The record's code"),
    ]


def register(resource: Resource) -> None:
    crud, model, key = resource.crud, resource.model, resource.key
    collection = f"/{resource.path}"
    item = f"/{resource.path}/{{int:pk}}" if is_integer_pk(model) else f"/{resource.path}/{{pk}}"
    tags = [resource.path]
    # The handlers' parameter types, built from this record type's forms; ninja reads them from the
    # annotations, evaluated here (this module has no `from __future__ import annotations`).
    Key = key_parameter(resource)
    Filters = Annotated[resource.filter_schema, Query(...)]
    Create, Replace, Change = resource.create_schema, resource.update_schema, resource.patch_schema

    def fetch(request, pk, *, write: bool = False) -> models.Model:
        return crud.get_for_user(request, pk, write=write)

    def answer(request, record) -> dict:
        user = request.auth
        return resource.serialize(resource.queryset(user).get(pk=record.pk), user)

    def list_records(request, filters: Filters):
        user = request.auth
        values = filters.model_dump()
        limit, offset = values.pop("limit"), values.pop("offset")
        filterset = crud.filterset_class(
            data=filter_data(values), queryset=resource.queryset(user), request=request
        )
        restrict_choices(filterset.form, user)
        if not filterset.is_valid():
            raise FormInvalid(form_errors(filterset.form), saving=False)
        records = crud.known_pages(user, filterset.form.cleaned_data, resource.queryset(user))
        records = filterset.qs if records is None else records
        shown = list(records[offset : offset + limit])
        items = [resource.serialize(record, user) for record in shown]
        # Reading restricted-or-higher records is audited, in bulk as one by one: one entry per page.
        audit_view_many(records=shown, actor=user, request=request, note="API list")
        count = crud.known_total(user, filterset.form.cleaned_data)
        count = records.count() if count is None else count
        return {"count": count, "limit": limit, "offset": offset, "items": items}

    def read_record(request, pk: Key):
        return answer(request, fetch(request, pk))

    def create_record(request, payload: Create):
        user = request.auth
        if not can_edit(user):
            audit_denied(request=request, model_label=model._meta.label, note="read-only")
            raise PermissionDenied
        record = save(resource, request, None, payload, keep_unsent=True, form_class=crud.form_class)
        return Status(201, answer(request, record))

    def replace_record(request, pk: Key, payload: Replace):
        record = fetch(request, pk, write=True)
        record = save(
            resource, request, record, payload, keep_unsent=False, form_class=resource.update_form_class
        )
        return answer(request, record)

    def change_record(request, pk: Key, payload: Change):
        record = fetch(request, pk, write=True)
        record = save(
            resource, request, record, payload, keep_unsent=True, form_class=resource.update_form_class
        )
        return answer(request, record)

    def delete_record(request, pk: Key):
        record = fetch(request, pk, write=True)
        resource.crud.delete(record=record, actor=request.auth, request=request)
        return Status(204, None)

    api.get(
        collection,
        response={200: resource.page_schema, frozenset({401, 422}): Error},
        operation_id=f"{key}_list",
        url_name=f"{key}_list",
        summary=f"List the {model._meta.verbose_name_plural}",
        description=(
            "The records the token's user may see, filtered, in a stable order, `limit` at a time "
            "from `offset`; `count` is the number of matching records over all pages."
        ),
        tags=tags,
    )(list_records)
    api.post(
        collection,
        response={201: resource.output_schema, frozenset({400, 401, 403, 422}): Error},
        operation_id=f"{key}_create",
        url_name=f"{key}_create",
        summary=f"Create one of the {model._meta.verbose_name_plural}",
        description="Fields left out take their default value. Officers and administrators only.",
        tags=tags,
    )(create_record)
    api.get(
        item,
        response={200: resource.output_schema, ERRORS_READ: Error},
        operation_id=f"{key}_detail",
        url_name=f"{key}_detail",
        summary=f"Read one of the {model._meta.verbose_name_plural}",
        description="Links to records above the user's clearance are given as null (or left out of lists).",
        tags=tags,
    )(read_record)
    api.put(
        item,
        response={200: resource.output_schema, ERRORS_WRITE: Error},
        operation_id=f"{key}_update",
        url_name=f"{key}_update",
        summary=f"Replace one of the {model._meta.verbose_name_plural}",
        description="Fields left out are emptied; inline rows are replaced only when given.",
        tags=tags,
    )(replace_record)
    api.patch(
        item,
        response={200: resource.output_schema, ERRORS_WRITE: Error},
        operation_id=f"{key}_partial_update",
        url_name=f"{key}_partial_update",
        summary=f"Change fields of one of the {model._meta.verbose_name_plural}",
        description="Fields left out keep their value; inline rows are replaced only when given.",
        tags=tags,
    )(change_record)
    api.delete(
        item,
        response={204: None, frozenset({401, 403, 404, 409, 422}): Error},
        operation_id=f"{key}_delete",
        url_name=f"{key}_delete",
        summary=f"Delete one of the {model._meta.verbose_name_plural}",
        description="Refused (409) while other records refer to it.",
        tags=tags,
    )(delete_record)


# The schema is written in English whatever the language of the request that first loads it.
with translation.override("en"):
    RESOURCES = resources()
    for _resource in RESOURCES:
        register(_resource)
