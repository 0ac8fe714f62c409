"""The user's notifications, and (for administrators) who each user is in the registry."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taawun.agreements.models import ActionItem
from taawun.agreements.records import committee as committee_crud
from taawun.notifications import selectors, services
from taawun.notifications.forms import ContactForm, ReminderRuleForm
from taawun.notifications.models import Contact, ReminderRule
from taawun.notifications.wording import PLACEHOLDERS
from taawun.records.services import record_save
from taawun.records.visibility import restrict_choices


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    notifications = selectors.with_visibility(request.user, page.object_list)
    language = get_language()
    # Addresses are stored in the default language (no prefix); resolve them in it, give the reader's.
    with translation.override(settings.LANGUAGE_CODE):
        for notification in notifications:
            notification.link = translate_url(notification.url, language) if notification.url else ""
    context = {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "notifications": notifications,
        "unread": selectors.unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one of the user's notifications read; someone else's is not found (404)."""
    if not selectors.notifications_of(request.user).filter(pk=pk).exists():
        raise Http404
    services.notifications_mark_read(user=request.user, pks=[pk])
    if request.htmx:
        return render(request, "notifications/read_done.html")
    return HttpResponseRedirect(reverse("notifications:list"))


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return HttpResponseRedirect(reverse("notifications:list"))


# --- contacts: administrators only -----------------------------------------------------------


def _administrator_only(request) -> None:
    """Pages that decide who is told about what: other users do not see them exist (404)."""
    if getattr(request.user, "role", None) != "administrator" or not request.user.is_active:
        raise Http404


@login_required
def contact_list(request):
    _administrator_only(request)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("contact__person", "contact__agency")
        .order_by("username")
    )
    return render(request, "notifications/contact_list.html", {"users": users})


@login_required
@require_http_methods(["GET", "POST"])
def contact_update(request, user_pk: int):
    _administrator_only(request)
    target = get_user_model().objects.filter(pk=user_pk).first()
    if target is None:
        raise Http404
    contact = Contact.objects.filter(user=target).first() or Contact(user=target)
    form = ContactForm(request.POST or None, instance=contact, prefix="record")
    restrict_choices(form, request.user)
    if request.method == "POST" and form.is_valid():
        record_save(form=form, actor=request.user, request=request)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("notifications:contact_list"))
    if form.errors:
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    context = {"form": form, "target": target}
    return render(request, "notifications/contact_form.html", context, status=400 if form.errors else 200)


@login_required
def my_items(request):
    """The action items the user is assigned to, watches or owns (through the person or agency
    they are), within their clearance: open ones first, overdue ones flagged."""
    scope = request.GET.get("scope", "all")
    status = request.GET.get("status", "")
    if status not in ActionItem.Status.values:
        status = ""
    items = selectors.my_items(request.user, scope=scope, status=status)
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    scopes = [
        ("all", _("All my items")),
        ("assigned", _("Assigned to me")),
        ("watching", _("Watching")),
        ("owned", _("Owned by my person or agency")),
    ]
    context = {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "items": page.object_list,
        "scope": scope if scope in selectors.MY_ITEMS_SCOPES else "all",
        "scopes": scopes,
        "status": status,
        "statuses": ActionItem.Status.choices,
    }
    return render(request, "notifications/my_items.html", context)


# --- a committee's reminder rule: its organisers -----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reminder_rule(request, committee_pk: int):
    """When a committee's action items are reminded, in what words, and when they are escalated;
    for those who may change the committee (404 for a hidden one, 403 for a read-only reader)."""
    committee = committee_crud.get_for_user(request, committee_pk, write=True)
    rule = ReminderRule.objects.filter(committee=committee).first() or ReminderRule(committee=committee)
    form = ReminderRuleForm(request.POST or None, instance=rule, prefix="record")
    if request.method == "POST" and form.is_valid():
        record_save(form=form, actor=request.user, request=request)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(committee.get_absolute_url())
    if form.errors:
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    context = {"form": form, "committee": committee, "placeholders": PLACEHOLDERS}
    return render(
        request, "notifications/reminder_rule_form.html", context, status=400 if form.errors else 200
    )
