"""Each record type as the API sees it, derived from the same `Crud` the web pages use.

The web's ModelForms (with `restrict_choices`) validate what the API writes, the web's FilterSets
filter what it lists and `Crud.get_for_user` decides access, so the two interfaces cannot drift
apart. The OpenAPI schemas are built here from those forms, filters and models: a field added to a
form appears in the API (and its schema) without a change here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import django_filters
from django import forms
from django.conf import settings
from django.db import models
from django.forms import BaseInlineFormSet
from ninja import Schema
from pydantic import ConfigDict, Field, create_model

from taawun.access.policy import can_view, visible_levels
from taawun.records import catalog
from taawun.records.crud import Crud

INT64_MAX = 2**63 - 1

# Path segments of the record types, in the order the documentation lists them. A record type
# not named here is served under its model name.
PATHS: dict[str, str] = {
    "registry.party": "parties",
    "registry.agency": "agencies",
    "registry.person": "people",
    "registry.source": "sources",
    "registry.engagement": "engagements",
    "agreements.understanding": "understandings",
    "agreements.jointcommittee": "committees",
    "agreements.actionitem": "action-items",
    "agreements.committeesession": "committee-sessions",
    "programmes.programmeitem": "programme-items",
    "training.trainingprogram": "training-programmes",
    "knowledge.knowledgeitem": "knowledge-items",
}


class InputSchema(Schema):
    """Request bodies: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- types ------------------------------------------------------------------------------------


def is_integer_pk(model: type[models.Model]) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)


def key_type(model: type[models.Model]) -> Any:
    """The JSON type that names a record of `model` (its primary key)."""
    if is_integer_pk(model):
        return Annotated[int, Field(ge=1, le=INT64_MAX)]
    max_length = getattr(model._meta.pk, "max_length", None) or 200
    return Annotated[str, Field(min_length=1, max_length=max_length)]


def _choice_values(choices) -> list:
    values = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # an option group
            values += _choice_values(label)
        elif value not in ("", None):
            values.append(value if isinstance(value, bool | int) else str(value))
    return values


def form_field_type(form_field: forms.Field) -> Any | None:
    """The JSON type a form field accepts; None for a field the API does not take (files)."""
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return list[key_type(form_field.queryset.model)]
    if isinstance(form_field, forms.ModelChoiceField):
        return key_type(form_field.queryset.model)
    if isinstance(form_field, forms.FileField):
        return None
    if isinstance(form_field, forms.MultipleChoiceField):
        values = _choice_values(form_field.choices)
        return list[Literal[tuple(values)]] if values else list[str]
    if isinstance(form_field, forms.ChoiceField):
        values = _choice_values(form_field.choices)
        if not form_field.required:
            values.append("")  # blank: what an optional choice reads back as
        return Literal[tuple(values)] if values else str
    if isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
        return bool
    if isinstance(form_field, forms.IntegerField):
        low = form_field.min_value if form_field.min_value is not None else -INT64_MAX
        high = form_field.max_value if form_field.max_value is not None else INT64_MAX
        return Annotated[int, Field(ge=max(low, -INT64_MAX), le=min(high, INT64_MAX))]
    if isinstance(form_field, forms.DecimalField | forms.FloatField):
        return float
    if isinstance(form_field, forms.DateTimeField):
        return dt.datetime
    if isinstance(form_field, forms.DateField):
        return dt.date
    if isinstance(form_field, forms.TimeField):
        return dt.time
    if isinstance(form_field, forms.JSONField):
        return Any
    max_length = getattr(form_field, "max_length", None)
    return Annotated[str, Field(max_length=max_length)] if max_length else str


def model_field_type(model_field: models.Field) -> Any:
    """The JSON type of a stored field as the API returns it (links as keys, or null if hidden)."""
    if model_field.many_to_many:
        return list[key_type(model_field.related_model)]
    if model_field.is_relation:
        return key_type(model_field.related_model) | None
    if isinstance(model_field, models.BooleanField):
        kind: Any = bool
    elif isinstance(model_field, models.AutoField | models.BigAutoField | models.IntegerField):
        kind = int
    elif isinstance(model_field, models.DecimalField | models.FloatField):
        kind = float
    elif isinstance(model_field, models.DateTimeField):
        kind = dt.datetime
    elif isinstance(model_field, models.DateField):
        kind = dt.date
    elif isinstance(model_field, models.TimeField):
        kind = dt.time
    elif isinstance(model_field, models.JSONField):
        return Any
    elif isinstance(model_field, models.FileField):
        return str | None
    else:
        kind = str
    return kind | None if model_field.null else kind


def _schema(name: str, fields: dict[str, tuple], *, base: type[Schema] = Schema) -> type[Schema]:
    return create_model(name, __base__=base, **fields)


def input_fields(
    form_class: type[forms.BaseForm], *, partial: bool, defaults: bool = False
) -> dict[str, tuple]:
    """Pydantic field definitions for the fields of a form: all optional when `partial`; with
    `defaults`, a required field that a new record fills with a default is optional too."""
    fields = {}
    form = form_class()
    for name, form_field in form.fields.items():
        kind = form_field_type(form_field)
        if kind is None:
            continue
        has_default = defaults and form.get_initial_for_field(form_field, name) not in (None, "", [], ())
        if form_field.required and not partial and not has_default:
            fields[name] = (kind, Field(..., description=str(form_field.label or name)))
        else:
            fields[name] = (kind | None, Field(None, description=str(form_field.label or name)))
    return fields


def is_classified(model: type[models.Model]) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def visible(user, record: models.Model | None) -> bool:
    if record is None:
        return False
    return can_view(user, record) if is_classified(type(record)) else True


# --- inline rows (participants of an engagement) -----------------------------------------------


@dataclass
class Inline:
    """Rows edited with their parent through an inline formset (an engagement's participants)."""

    formset_class: type[BaseInlineFormSet]
    parent: type[models.Model]
    name: str = ""  # the API name: the parent's many-to-many "through" field, else the related name
    accessor: str = ""  # the parent's reverse accessor to the rows
    keys: list[str] = field(default_factory=list)  # the links that identify a row (person)
    fields: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    input_schema: Any = None
    output_schema: Any = None

    def __post_init__(self) -> None:
        formset = self.formset_class
        model = formset.model
        fk = formset.fk
        self.accessor = fk.remote_field.get_accessor_name()
        through = [f for f in self.parent._meta.many_to_many if f.remote_field.through is model]
        self.name = through[0].name if through else self.accessor
        form_fields = formset.form().fields
        self.fields = [name for name in form_fields if name not in {fk.name, "id", "DELETE"}]
        links = [name for name in self.fields if isinstance(form_fields[name], forms.ModelChoiceField)]
        # A formset may name the fields that identify its rows (a person's posts: the title and start).
        self.keys = list(getattr(formset, "api_keys", ())) or links or list(self.fields)
        for name in self.fields:
            model_field = model._meta.get_field(name)
            if model_field.has_default():
                self.defaults[name] = model_field.get_default()
        inputs = {}
        for name in self.fields:
            kind = form_field_type(form_fields[name])
            if kind is None:
                continue
            required = form_fields[name].required and name not in self.defaults
            inputs[name] = (kind, ...) if required else (kind | None, None)
        self.input_schema = _schema(f"{model.__name__}Input", inputs, base=InputSchema)
        self.output_schema = _schema(
            model.__name__,
            {name: (model_field_type(model._meta.get_field(name)), ...) for name in self.fields},
        )

    def link_fields(self) -> list[models.Field]:
        model = self.formset_class.model
        links = [model._meta.get_field(name) for name in self.fields]
        return [link for link in links if link.is_relation and is_classified(link.related_model)]

    def prefetch(self, user) -> models.Prefetch:
        """The rows, without those that link to a record the user may not see, nor those classified
        above the user's clearance themselves (the items of minutes)."""
        model = self.formset_class.model
        queryset = model._default_manager.all()
        if is_classified(model):
            queryset = queryset.visible_to(user)
        for link in self.link_fields():
            queryset = queryset.filter(
                models.Q(**{f"{link.name}__isnull": True})
                | models.Q(**{f"{link.name}__classification__in": visible_levels(user)})
            )
        return models.Prefetch(self.accessor, queryset=queryset)

    def serialize(self, record: models.Model) -> list[dict]:
        model = self.formset_class.model
        rows = []
        for row in getattr(record, self.accessor).all():
            rows.append({name: _value(row, model._meta.get_field(name), None) for name in self.fields})
        return rows

    def row_visible(self, row: models.Model, user) -> bool:
        if is_classified(type(row)) and not visible(user, row):
            return False
        return all(
            getattr(row, link.attname) is None or visible(user, getattr(row, link.name))
            for link in self.link_fields()
        )

    def formset_data(self, record: models.Model | None, rows: list[dict], user, prefix: str) -> tuple:
        """Formset POST data that makes the visible rows equal `rows` (matched on their links) and
        leaves rows that link to hidden records as they are. Returns (data, request index per form)."""
        model = self.formset_class.model
        attnames = {name: model._meta.get_field(name).attname for name in self.fields}
        existing = []
        if record is not None and record.pk is not None:
            existing = list(
                model._default_manager.filter(**{self.formset_class.fk.name: record.pk})
                .select_related(*[link.name for link in self.link_fields()])
                .order_by("pk")
            )
        unmatched = list(enumerate(rows))
        forms_data: list[tuple[dict, int | None]] = []
        for row in existing:
            current = {name: getattr(row, attnames[name]) for name in self.fields}
            entry = {"id": row.pk, **current}
            if not self.row_visible(row, user):
                forms_data.append((entry, None))  # not the user's to change
                continue
            match = next(
                (item for item in unmatched if all(item[1].get(key) == current[key] for key in self.keys)),
                None,
            )
            if match is None:
                forms_data.append(({**entry, "DELETE": True}, None))
                continue
            unmatched.remove(match)
            index, wanted = match
            given = {
                name: value for name, value in wanted.items() if name in self.fields and value is not None
            }
            forms_data.append(({**entry, **given}, index))
        initial = len(forms_data)
        for index, wanted in unmatched:
            given = {
                name: value for name, value in wanted.items() if name in self.fields and value is not None
            }
            forms_data.append(({**self.defaults, **given}, index))
        data = {
            f"{prefix}-TOTAL_FORMS": len(forms_data),
            f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for number, (values, _index) in enumerate(forms_data):
            for name, value in values.items():
                data[f"{prefix}-{number}-{name}"] = "" if value is None else value
        return data, [index for _values, index in forms_data]


# --- record types -------------------------------------------------------------------------------

# Fields a record type shows in the API without taking them in (kept by its services): a person's
# position, the posts held now (registry.services.person_position_sync).
READ_ONLY_FIELDS: dict[str, tuple[str, ...]] = {"registry.person": ("position",)}


def _person_contact_seen(record, user) -> bool:
    return can_view(user, record.contact_details)


# Fields shown only to a reader `seen(record, user)` allows (null for the others), with their own
# classification: a person's contact details (registry.models.ContactDetails).
GUARDED_FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "registry.person": (_person_contact_seen, ("phone", "email", "office", "contact_classification")),
}


@dataclass
class Resource:
    crud: Crud
    path: str = ""
    inlines: list[Inline] = field(default_factory=list)
    output_fields: list[models.Field] = field(default_factory=list)
    output_schema: Any = None
    page_schema: Any = None
    create_schema: Any = None
    update_schema: Any = None
    patch_schema: Any = None
    filter_schema: Any = None

    @property
    def model(self) -> type[models.Model]:
        return self.crud.model

    @property
    def name(self) -> str:
        return self.model.__name__

    @property
    def key(self) -> str:
        return self.crud.key

    @property
    def update_form_class(self) -> type[forms.ModelForm]:
        return self.crud.update_form_class or self.crud.form_class

    def __post_init__(self) -> None:
        model = self.model
        self.path = self.path or PATHS.get(model._meta.label_lower, model._meta.model_name)
        self.inlines = [Inline(formset_class=fs, parent=model) for fs in self.crud.formsets]
        names = [model._meta.pk.name]
        for form_class in (self.crud.form_class, self.update_form_class):
            names += [name for name in form_class.base_fields if name not in names]
        names += [name for name in READ_ONLY_FIELDS.get(model._meta.label_lower, ()) if name not in names]
        names += [name for name in ("created_at", "updated_at") if name not in names]
        concrete = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)}
        self.output_fields = [model._meta.get_field(name) for name in names if name in concrete]
        _seen, guarded = GUARDED_FIELDS.get(model._meta.label_lower, (None, ()))
        out = {
            f.name: (model_field_type(f) | None if f.name in guarded else model_field_type(f), ...)
            for f in self.output_fields
        }
        # Added to the record's own fields (which win, should a model ever have one of these names).
        out.setdefault(
            "display_name", (str, Field(..., description="The record's name in the language of the request"))
        )
        out.setdefault("web_url", (str, Field(..., description="The record's page in the web interface")))
        for inline in self.inlines:
            out[inline.name] = (list[inline.output_schema], ...)
        self.output_schema = _schema(self.name, out)
        self.page_schema = _schema(
            f"{self.name}Page",
            {
                "count": (int, Field(..., description="Matching records, over all pages")),
                "limit": (int, ...),
                "offset": (int, ...),
                "items": (list[self.output_schema], ...),
            },
        )
        inline_inputs = {
            inline.name: (list[inline.input_schema] | None, Field(None, description=inline.name))
            for inline in self.inlines
        }
        self.create_schema = _schema(
            f"{self.name}Create",
            {**input_fields(self.crud.form_class, partial=False, defaults=True), **inline_inputs},
            base=InputSchema,
        )
        self.update_schema = _schema(
            f"{self.name}Update",
            {**input_fields(self.update_form_class, partial=False), **inline_inputs},
            base=InputSchema,
        )
        self.patch_schema = _schema(
            f"{self.name}Patch",
            {**input_fields(self.update_form_class, partial=True), **inline_inputs},
            base=InputSchema,
        )
        self.filter_schema = filter_schema(self)

    # --- reading ---

    def queryset(self, user) -> models.QuerySet:
        """The records the user may see, in a stable order, with what serializing them needs."""
        model = self.model
        queryset = self.crud.get_queryset(user).prefetch_related(None)
        links = [f.name for f in self.output_fields if f.is_relation and not f.many_to_many]
        prefetches: list[Any] = []
        for f in self.output_fields:
            if f.many_to_many:
                target = f.related_model._default_manager.all()
                if is_classified(f.related_model):
                    target = target.visible_to(user)
                prefetches.append(models.Prefetch(f.name, queryset=target.only("pk")))
        prefetches += [inline.prefetch(user) for inline in self.inlines]
        ordering = [*(queryset.query.order_by or model._meta.ordering), "pk"]
        return queryset.select_related(*links).prefetch_related(*prefetches).order_by(*ordering)

    def serialize(self, record: models.Model, user) -> dict:
        data = {
            "display_name": str(record),
            "web_url": record.get_absolute_url() if hasattr(record, "get_absolute_url") else "",
        }
        data.update({f.name: _value(record, f, user) for f in self.output_fields})
        seen, guarded = GUARDED_FIELDS.get(self.model._meta.label_lower, (None, ()))
        if guarded and not seen(record, user):
            data.update(dict.fromkeys(guarded))
        for inline in self.inlines:
            data[inline.name] = inline.serialize(record)
        return data


def _value(record: models.Model, model_field: models.Field, user):
    if model_field.many_to_many:
        return [related.pk for related in getattr(record, model_field.name).all()]
    if model_field.is_relation and user is None:
        # An inline row's link: the rows linking to hidden records were left out by the prefetch,
        # so only the key is needed, not the record (one query per row).
        return getattr(record, model_field.attname)
    if model_field.is_relation:
        related = getattr(record, model_field.name)
        if related is None or (user is not None and not visible(user, related)):
            return None
        return related.pk
    return model_field.value_from_object(record)


# --- filters ------------------------------------------------------------------------------------


def filter_type(list_filter: django_filters.Filter) -> Any:
    if isinstance(list_filter, django_filters.ModelMultipleChoiceFilter):
        return list[key_type(list_filter.queryset.model)]
    if isinstance(list_filter, django_filters.ModelChoiceFilter):
        return key_type(list_filter.queryset.model)
    if isinstance(list_filter, django_filters.ChoiceFilter):
        values = _choice_values(list_filter.extra.get("choices") or [])
        return Literal[tuple(values)] if values else str
    if isinstance(list_filter, django_filters.BooleanFilter):
        return bool
    if isinstance(list_filter, django_filters.DateTimeFilter):
        return dt.datetime
    if isinstance(list_filter, django_filters.DateFilter):
        return dt.date
    if isinstance(list_filter, django_filters.NumberFilter):
        return float
    return Annotated[str, Field(max_length=200)]


def filter_schema(resource: Resource):
    fields: dict[str, tuple] = {}
    for name, list_filter in resource.crud.filterset_class.base_filters.items():
        fields[name] = (
            filter_type(list_filter) | None,
            Field(None, description=str(list_filter.label or name)),
        )
    fields["limit"] = (
        int,
        Field(settings.TAAWUN_API_PAGE_SIZE, ge=1, le=settings.TAAWUN_API_MAX_PAGE_SIZE),
    )
    fields["offset"] = (int, Field(0, ge=0, le=2**31 - 1))
    return _schema(f"{resource.name}Filters", fields)


def filter_data(values: dict) -> dict:
    """Validated query values as the FilterSet's form reads them."""
    data = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            data[name] = "true" if value else "false"
        elif isinstance(value, dt.date | dt.datetime):
            data[name] = value.isoformat()
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    return data


def resources() -> list[Resource]:
    return [Resource(crud=crud) for crud in catalog.all_records()]
