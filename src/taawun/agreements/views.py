"""The follow-up's pages: one Crud per record type, plus the lifecycle, progress and overdue pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from taawun.agreements import forms, selectors, services
from taawun.agreements.lifecycle import allowed_next
from taawun.agreements.records import action_item, progress_form, understanding
from taawun.records.crud import add_service_errors

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
            add_service_errors(form, error)
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
    form = progress_form(item, request.POST or None)
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
            add_service_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, gettext("The update is recorded."))
                return HttpResponseRedirect(item.get_absolute_url())
            form = progress_form(item)
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


# --- who works on an action item, who follows it, its discussion ------------------------------


def _back_to(item, request, error: ValidationError | None = None, done: str = ""):
    """Back to the item's page with the service's refusal, or the confirmation, as a message."""
    if error is not None:
        for text in error.messages:
            messages.error(request, text)
    elif done:
        messages.success(request, done)
    return HttpResponseRedirect(item.get_absolute_url())


@login_required
@require_POST
def action_item_assign(request, pk: int):
    """Assign a user to the item, or take one off it (`remove`), for those who may change it."""
    item = action_item.get_for_user(request, pk, write=True)
    if request.POST.get("remove"):
        user = get_object_or_404(get_user_model(), pk=request.POST.get("remove"))
        try:
            services.action_item_unassign(item=item, user=user, actor=request.user, request=request)
        except ValidationError as error:
            return _back_to(item, request, error)
        return _back_to(item, request, done=gettext("The assignment is removed."))
    form = forms.AssignForm(request.POST, item=item)
    if not form.is_valid():
        return _back_to(item, request, ValidationError(gettext("Choose a user cleared for this item.")))
    try:
        services.action_item_assign(
            item=item, user=form.cleaned_data["user"], actor=request.user, request=request
        )
    except ValidationError as error:
        return _back_to(item, request, error)
    return _back_to(item, request, done=gettext("The item is assigned."))


@login_required
@require_POST
def action_item_watch(request, pk: int):
    """Watch the item, or stop watching it (`stop`), for oneself."""
    item = action_item.get_for_user(request, pk)
    watch = not request.POST.get("stop")
    try:
        services.action_item_watch(item=item, user=request.user, watch=watch, request=request)
    except ValidationError as error:
        return _back_to(item, request, error)
    done = gettext("You are watching this item.") if watch else gettext("You no longer watch this item.")
    return _back_to(item, request, done=done)


@login_required
@require_POST
def action_item_comment(request, pk: int):
    """Add a comment to the item's discussion (those who may change the item, and its assignees)."""
    item = action_item.get_for_user(request, pk)
    if not services.may_discuss(request.user, item):
        raise PermissionDenied
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _back_to(item, request, ValidationError(gettext("Write the comment.")))
    try:
        services.action_item_comment(
            item=item, actor=request.user, text=form.cleaned_data["text"], request=request
        )
    except ValidationError as error:
        return _back_to(item, request, error)
    return _back_to(item, request, done=gettext("The comment is added."))
