"""The follow-up's pages: one Crud per record type, plus the lifecycle, progress and overdue pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from taawun.agreements import filters, forms, selectors, services
from taawun.agreements.lifecycle import allowed_next
from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.records.crud import Column, Crud, RecordCreateView, RecordUpdateView


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- action items: edits go through action_item_save, so the update log sees them ------------


class ActionItemSaveMixin:
    def post(self, request, *args, **kwargs):
        form, formsets = self.build(request.POST)
        if form.is_valid():
            try:
                record = services.action_item_save(form=form, actor=request.user, request=request)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, gettext("Saved."))
                return HttpResponseRedirect(record.get_absolute_url())
        messages.error(request, gettext("Nothing was saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=400)


class ActionItemCreateView(ActionItemSaveMixin, RecordCreateView):
    pass


class ActionItemUpdateView(ActionItemSaveMixin, RecordUpdateView):
    pass


@dataclass
class ActionItemCrud(Crud):
    def urls(self) -> list:
        views = {
            f"{self.key}_create": ActionItemCreateView.as_view(crud=self),
            f"{self.key}_update": ActionItemUpdateView.as_view(crud=self),
        }
        return [
            path(str(url.pattern), views[url.name], name=url.name) if url.name in views else url
            for url in super().urls()
        ]


def _progress_form(item: ActionItem, data=None) -> forms.ActionItemProgressForm:
    return forms.ActionItemProgressForm(data, initial={"status": item.status, "progress": item.progress})


# --- the record types ------------------------------------------------------------------------

understanding = Crud(
    model=Understanding,
    form_class=forms.UnderstandingForm,
    update_form_class=forms.UnderstandingUpdateForm,
    filterset_class=filters.UnderstandingFilter,
    queryset=lambda: Understanding.objects.prefetch_related("parties"),
    columns=[
        Column(_("Title"), lambda u: u.title, link=True),
        Column(_("Kind"), lambda u: u.get_kind_display()),
        Column(_("Parties"), lambda u: list(u.parties.all())),
        Column(_("Status"), lambda u: u.get_status_display()),
        Column(_("Signed on"), lambda u: u.signed_on),
        Column(_("Expires on"), lambda u: u.expires_on),
    ],
    detail_context=lambda record, user: {
        **selectors.understanding_detail(record, user),
        "transition_form": forms.UnderstandingTransitionForm(understanding=record),
    },
)

committee = Crud(
    model=JointCommittee,
    form_class=forms.JointCommitteeForm,
    filterset_class=filters.JointCommitteeFilter,
    queryset=lambda: JointCommittee.objects.select_related("chair").prefetch_related("parties"),
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Parties"), lambda c: list(c.parties.all())),
        Column(_("Chair"), lambda c: c.chair),
        Column(_("Established on"), lambda c: c.established_on),
    ],
    detail_context=selectors.committee_detail,
)

action_item = ActionItemCrud(
    model=ActionItem,
    form_class=forms.ActionItemForm,
    filterset_class=filters.ActionItemFilter,
    queryset=lambda: ActionItem.objects.select_related(
        "owner_party", "owner_person", "owner_agency", "committee"
    ),
    columns=[
        Column(_("Title"), str, link=True),
        Column(_("Responsible side"), lambda a: a.owner_party),
        Column(_("Owner"), lambda a: a.owner_person or a.owner_agency),
        Column(_("Due on"), lambda a: a.due_on),
        Column(_("Status"), lambda a: a.get_status_display()),
        Column(_("Progress"), lambda a: f"{a.progress}%"),
    ],
    detail_context=lambda record, user: {
        **selectors.action_item_detail(record, user),
        "form": _progress_form(record),
    },
)

CRUDS = [understanding, committee, action_item]


# --- the lifecycle of an understanding -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def understanding_transition(request, pk: int):
    """Move an understanding to one of the statuses its lifecycle allows next."""
    record = understanding.get_for_user(request, pk, write=True)
    form = forms.UnderstandingTransitionForm(request.POST or None, understanding=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.understanding_transition(
                understanding=record,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                expires_on=form.cleaned_data["expires_on"],
                request=request,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, gettext("The status is now “%(status)s”.") % {"status": record.get_status_display()}
            )
            return HttpResponseRedirect(record.get_absolute_url())
    status = 400 if form.errors else 200
    if form.errors:
        messages.error(request, gettext("The status was not changed: correct the fields marked below."))
    context = {"record": record, "form": form, "next_statuses": allowed_next(record.status)}
    return render(request, "agreements/understanding_transition.html", context, status=status)


# --- progress of an action item --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_item_progress(request, pk: int):
    """Record a status, a percentage and a comment on an action item (in place with htmx)."""
    item = action_item.get_for_user(request, pk, write=True)
    form = _progress_form(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_item_update(
                item=item,
                actor=request.user,
                # Unchanged values are not passed: "done" alone then means 100%.
                status=data["status"] if data["status"] != item.status else None,
                progress=data["progress"] if data["progress"] != item.progress else None,
                comment=data["comment"],
                request=request,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, gettext("The update is recorded."))
                return HttpResponseRedirect(item.get_absolute_url())
            form = _progress_form(item)
    context = {
        "record": item,
        "form": form,
        "can_edit": True,
        **selectors.action_item_detail(item, request.user),
    }
    if request.htmx:
        # 200 even with errors: htmx swaps in only successful answers, and the panel shows them.
        return render(request, "agreements/action_item_progress_panel.html", context)
    status = 400 if form.errors else 200
    return render(request, "agreements/action_item_progress.html", context, status=status)


# --- overdue and expiring --------------------------------------------------------------------


@login_required
def overdue(request):
    """Overdue action items by age, and understandings about to expire, as the reader may see them."""
    today = timezone.localdate()
    groups = selectors.overdue_items_visible_to(request.user, today)
    context = {
        "today": today,
        "overdue_groups": groups,
        "overdue_count": sum(len(group.items) for group in groups),
        "expiring": selectors.understandings_expiring(request.user, today),
    }
    return render(request, "agreements/overdue.html", context)
