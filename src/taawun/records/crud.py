"""Generic list, detail, create, edit and delete pages, configured once per record type.

Each app declares a `Crud` per model (its form, its filters, its list columns, the services that
save and delete it) in `<app>/records.py` and registers it in the catalogue
(taawun.records.catalog), whose `urls(app)` the app's urls.py includes; views stay thin and call
the record's services (by default taawun.records.services).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import select_template
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters import FilterSet
from django_filters.views import FilterView

from taawun.access.policy import can_edit, is_sensitive
from taawun.audit.services import audit_denied, audit_export, audit_view
from taawun.core import exports, merges
from taawun.records import lookup
from taawun.records.pickers import RecordChoicesView
from taawun.records.services import RecordInUse, record_delete, record_save
from taawun.records.visibility import restrict_choices, visible_related


@dataclass(frozen=True)
class Column:
    label: Any  # a lazy translated string
    value: Callable[[Any], Any]
    link: bool = False


def _filtering(value) -> bool:
    """Whether a filter form's cleaned value narrows the list (False does; None, "" and nothing chosen do not)."""
    if value is None or value == "":
        return False
    if isinstance(value, list | tuple | set | models.QuerySet):
        return len(value) > 0  # an empty choice is the form's `none()`: no query
    return True


@dataclass
class Crud:
    model: type[models.Model]
    form_class: type[ModelForm]
    filterset_class: type[FilterSet]
    columns: list[Column]
    formsets: list[type[BaseInlineFormSet]] = field(default_factory=list)
    update_form_class: type[ModelForm] | None = None
    queryset: Callable[[], models.QuerySet] | None = None
    detail_context: Callable[[models.Model, Any], dict] | None = None  # (record, user) -> context
    # (user, the list filters in use) -> how many records the list holds, known without counting
    # them (a million-row table takes tens of milliseconds to count), or None where it is not known.
    total: Callable[[Any, dict], int | None] | None = None
    # (user, the list filters in use, the records the list starts from) -> the filtered list as a
    # sequence that fetches only the slice it is asked for, where one is faster than filtering the
    # records (a busy partner's page), or None.
    pages: Callable[[Any, dict, models.QuerySet], Sequence | None] | None = None
    pk_converter: str = "int"
    # Columns the exported files add after the list's own (typed dates, what an office sorts by).
    export_columns: list[Column] = field(default_factory=list)
    # Columns another app adds to the list (catalog.provide), and what computes their values:
    # (user, the records of one page or export) -> None, setting what the columns read on each
    # record in a few queries for them all, instead of a few per record.
    extra_columns: list[Column] = field(default_factory=list)
    annotate_page: Callable[[Any, list], None] | None = None
    # The services that write the record: (form=, formsets=, actor=, request=) -> the record saved,
    # raising ValidationError for what the form cannot check; (record=, actor=, request=) -> None.
    save: Callable[..., models.Model] = record_save
    delete: Callable[..., None] = record_delete
    # How a form offers this record type (taawun.records.pickers): "search", found by typing and
    # answered by the type's choices address; "list", every record listed (a few hundred at most).
    picker: str = "search"
    # (record, user) -> the text a picker shows for a record (by default its name). Found records
    # are offered in the type's own order (`queryset`: people holding a post now first), matched
    # on its name fields (lookup.SearchFields.of).
    choice_label: Callable[[models.Model, Any], str] | None = None
    # (user, words typed) -> the records found, where an index finds them faster than the name
    # fields' scan (a million engagements: given by taawun.search through catalog.provide).
    find: Callable[[Any, str], list] | None = None

    @property
    def list_columns(self) -> list[Column]:
        return [*self.columns, *self.extra_columns]

    def annotated(self, user, records) -> list:
        """Records of one page (or one export batch) with what the extra columns show."""
        records = list(records)
        if self.annotate_page is not None and records:
            self.annotate_page(user, records)
        return records

    def known_total(self, user, filters: dict) -> int | None:
        """The number of records of a list with these filters (a form's cleaned data), when
        `total` knows it; else None, and the list counts them."""
        if self.total is None:
            return None
        return self.total(user, {name: value for name, value in filters.items() if _filtering(value)})

    def known_pages(self, user, filters: dict, records: models.QuerySet) -> Sequence | None:
        """The list with these filters (a form's cleaned data) as `pages` gives it, from `records`;
        else None, and the list filters the records."""
        if self.pages is None:
            return None
        return self.pages(
            user, {name: value for name, value in filters.items() if _filtering(value)}, records
        )

    @property
    def key(self) -> str:
        return self.model._meta.model_name

    @property
    def namespace(self) -> str:
        return self.model._meta.app_label

    def url_name(self, action: str) -> str:
        return f"{self.namespace}:{self.key}_{action}"

    def get_queryset(self, user) -> models.QuerySet:
        """The records this user may see: every page of this record type starts here."""
        queryset = self.queryset() if self.queryset else self.model._default_manager.all()
        return queryset.visible_to(user)

    def get_for_user(self, request, pk, *, write: bool = False) -> models.Model:
        """A record the user may see, or 404 (never revealing that it exists); for a change,
        one the user may edit, or 403. Refusals, and every view of a restricted-or-higher
        record, go to the audit trail."""
        user = request.user
        record = self.get_queryset(user).filter(pk=pk).first()
        if record is None:
            if self.model._default_manager.filter(pk=pk).exists():
                audit_denied(request=request, model_label=self.model._meta.label, object_pk=pk, note="hidden")
            raise Http404
        if write and not can_edit(user, record):
            audit_denied(request=request, record=record, note="read-only")
            raise PermissionDenied
        if not write and is_sensitive(record):
            audit_view(record=record, actor=user, request=request)
        return record

    def find_choices(self, user, query: str) -> list:
        """The records the user may see that a picker offers for the words typed."""
        if self.find is not None:
            return self.find(user, query)
        return lookup.matching(self.get_queryset(user), query, lookup.SearchFields.of(self.model))

    def choice_text(self, record, user) -> str:
        return self.choice_label(record, user) if self.choice_label else str(record)

    def templates(self, page: str) -> list[str]:
        return [f"{self.namespace}/{self.key}_{page}.html", f"records/{page}.html"]

    def urls(self) -> list:
        pk = f"<{self.pk_converter}:pk>"
        return [
            path(f"{self.key}/", RecordListView.as_view(crud=self), name=f"{self.key}_list"),
            path(f"{self.key}/new/", RecordCreateView.as_view(crud=self), name=f"{self.key}_create"),
            path(f"{self.key}/choices/", RecordChoicesView.as_view(crud=self), name=f"{self.key}_choices"),
            path(f"{self.key}/{pk}/", RecordDetailView.as_view(crud=self), name=f"{self.key}_detail"),
            path(f"{self.key}/{pk}/edit/", RecordUpdateView.as_view(crud=self), name=f"{self.key}_update"),
            path(f"{self.key}/{pk}/delete/", RecordDeleteView.as_view(crud=self), name=f"{self.key}_delete"),
        ]


class CrudMixin(LoginRequiredMixin):
    crud: Crud = None  # set by as_view(crud=...)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.crud.model._meta
        context.update(
            crud=self.crud,
            can_edit=can_edit(self.request.user),
            verbose_name=meta.verbose_name,
            verbose_name_plural=meta.verbose_name_plural,
            list_url=reverse(self.crud.url_name("list")),
            create_url=reverse(self.crud.url_name("create")),
        )
        return context


# An export reads the records this many at a time (and annotates them together).
EXPORT_BATCH = 500


def in_batches(records: models.QuerySet, size: int):
    """The records as lists of `size`, read from the database `size` at a time."""
    batch = []
    for record in records.iterator(chunk_size=size):
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class KnownCountPaginator(Paginator):
    """A paginator told how many records there are (a million-row list is not counted again)."""

    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return super().count if self.known_count is None else self.known_count


class RecordListView(CrudMixin, FilterView):
    EXPORT_FORMATS = ("csv", "xlsx")

    def get_queryset(self):
        return self.crud.get_queryset(self.request.user)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in self.EXPORT_FORMATS:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, file_format: str) -> HttpResponse:
        """The whole filtered list (every page), as CSV or XLSX: each record's id, the list's columns
        and the export's own, and its address; the export is audited."""
        filterset = self.get_filterset(self.get_filterset_class())
        records = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        columns = [*self.crud.list_columns, *self.crud.export_columns]
        header = [_("Id"), *(str(column.label) for column in columns), _("Address")]
        user = self.request.user
        rows = (
            [
                record.pk,
                *(visible_related(user, column.value(record)) for column in columns),
                self.request.build_absolute_uri(record.get_absolute_url()),
            ]
            for batch in in_batches(records, EXPORT_BATCH)
            for record in self.crud.annotated(user, batch)
        )
        name = f"{self.crud.key}-{timezone.localdate().isoformat()}"
        if file_format == "csv":
            content, content_type = exports.to_csv(header, rows), exports.CSV_TYPE
        else:
            title = str(self.crud.model._meta.verbose_name_plural)
            content = exports.to_xlsx(title, header, rows, rtl=get_language_bidi())
            content_type = exports.XLSX_TYPE
        audit_export(
            actor=self.request.user, request=self.request, note=f"{self.crud.model._meta.label} {file_format}"
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        restrict_choices(filterset.form, self.request.user)
        return filterset

    def get_filterset_class(self):
        return self.crud.filterset_class

    def get_paginate_by(self, queryset):
        return settings.PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        filterset = getattr(self, "filterset", None)
        if filterset is not None and filterset.is_bound and filterset.is_valid():  # else no filters
            pages = self.crud.known_pages(self.request.user, filterset.form.cleaned_data, self.get_queryset())
            queryset = queryset if pages is None else pages
        return super().paginate_queryset(queryset, page_size)

    def get_paginator(self, queryset, *args, **kwargs):
        return KnownCountPaginator(queryset, *args, count=self.known_total(), **kwargs)

    def known_total(self) -> int | None:
        """How many records the filtered list holds, where the record type knows it without counting."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or (filterset.is_bound and not filterset.is_valid()):
            return None
        filters = filterset.form.cleaned_data if filterset.is_bound else {}  # unbound: no query string
        return self.crud.known_total(self.request.user, filters)

    def get_template_names(self):
        page = "list_results" if self.request.htmx and not self.request.htmx.boosted else "list"
        return [select_template(self.crud.templates(page)).template.name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        page = context.get("page_obj")
        if page is not None:  # the page's records, with what the extra columns show
            page.object_list = context["object_list"] = self.crud.annotated(
                self.request.user, page.object_list
            )
        context.update(columns=self.crud.list_columns, query_without_page=query.urlencode())
        return context


class RecordDetailView(CrudMixin, DetailView):
    context_object_name = "record"

    def get_object(self, queryset=None):
        return self.crud.get_for_user(self.request, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A record merged into another: its address leads to the one kept, if the reader may
            # see it (otherwise the same "not found" as any missing record).
            kept = merges.survivor_pk(self.crud.model, kwargs["pk"])
            survivor = self.crud.get_queryset(request.user).filter(pk=kept).first() if kept else None
            if survivor is None:
                raise
            return HttpResponseRedirect(reverse(self.crud.url_name("detail"), args=[survivor.pk]))

    def get_template_names(self):
        return [select_template(self.crud.templates("detail")).template.name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Called by the template only where it shows the generic field list: pages that lay the
        # record out themselves do not load every link (an engagement's sources, guests ...) twice.
        context["fields"] = partial(describe, self.object, self.request.user)
        if self.crud.detail_context:
            context.update(self.crud.detail_context(self.object, self.request.user))
        return context


class RecordFormView(CrudMixin, TemplateView):
    """Create or edit a record and its inline formsets, saved together or not at all."""

    record = None

    def get_template_names(self):
        return [select_template(self.crud.templates("form")).template.name]

    def form_class(self):
        if self.record is not None and self.crud.update_form_class:
            return self.crud.update_form_class
        return self.crud.form_class

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_edit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def build(self, data=None):
        user = self.request.user
        form = self.form_class()(data=data, instance=self.record, prefix="record", user=user)
        formsets = [
            formset_class(
                data=data,
                instance=self.record or self.crud.model(),
                prefix=f"fs{index}",
                form_kwargs={"user": user},
            )
            for index, formset_class in enumerate(self.crud.formsets)
        ]
        for formset in formsets:
            formset.verbose_name_plural = formset.model._meta.verbose_name_plural
        return form, formsets

    def get(self, request, *args, **kwargs):
        form, formsets = self.build()
        if self.record is None:
            prefill(form, request.GET)
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def post(self, request, *args, **kwargs):
        form, formsets = self.build(request.POST)
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            try:
                record = self.crud.save(form=form, formsets=formsets, actor=request.user, request=request)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(record.get_absolute_url())
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        return context


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class RecordCreateView(RecordFormView):
    pass


def prefill(form, query) -> None:
    """A new record's fields given in the address: "Add an action item" on a committee's page opens
    the form with the committee chosen (?committee=3). Only a starting value: what is sent is
    validated as any input, and a record choice offers only what the user may see."""
    for name in query:
        field = form.fields.get(name)
        if field is not None:
            multiple = getattr(field.widget, "allow_multiple_selected", False)
            form.initial[name] = query.getlist(name) if multiple else query.get(name)


class RecordUpdateView(RecordFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.record = self.crud.get_for_user(request, kwargs["pk"], write=True)
        return super().dispatch(request, *args, **kwargs)


class RecordDeleteView(CrudMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.record = self.crud.get_for_user(request, kwargs["pk"], write=True)
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [select_template(self.crud.templates("confirm_delete")).template.name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        return context

    def post(self, request, *args, **kwargs):
        try:
            self.crud.delete(record=self.record, actor=request.user, request=request)
        except RecordInUse as in_use:
            context = self.get_context_data(blockers=in_use.blockers, hidden_referrers=in_use.hidden)
            messages.error(request, _("This record is still referenced by others; nothing was deleted."))
            return self.render_to_response(context, status=409)
        messages.success(request, _("Deleted."))
        return HttpResponseRedirect(reverse(self.crud.url_name("list")))


def describe(record: models.Model, user) -> list[tuple[Any, Any]]:
    """(label, value) pairs of a record's editable fields, for the generic detail page.

    Related records above the user's clearance are left out."""
    rows = []
    for model_field in record._meta.get_fields():
        if (
            not getattr(model_field, "editable", False)
            or model_field.auto_created
            or model_field.name == "id"
        ):
            continue
        if isinstance(model_field, models.ManyToManyField):
            value = list(getattr(record, model_field.name).all())
        elif getattr(model_field, "choices", None):
            value = getattr(record, f"get_{model_field.name}_display")()
        else:
            value = getattr(record, model_field.name)
        if isinstance(model_field, models.DateTimeField | models.AutoField):
            continue
        rows.append((model_field.verbose_name, visible_related(user, value)))
    return rows
