"""Watched feeds: subscribe, edit, stop watching, and poll now (in the background)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taawun.audit.models import Action
from taawun.audit.services import append, audit_denied
from taawun.ingest import selectors
from taawun.ingest.forms import FeedForm
from taawun.ingest.models import FeedSubscription
from taawun.ingest.tasks import poll_feed
from taawun.ingest.views.guards import editors_only
from taawun.records.services import record_delete, record_save


def _feed_conflict(form) -> None:
    """The address is taken. The message is the same whether the feed holding it is one the user
    may see or one above their clearance, and names neither: it must not reveal a hidden feed."""
    form.add_error("url", _("This address cannot be watched: it may already be watched."))


@editors_only
@require_http_methods(["GET", "POST"])
def feed_list(request):
    form = FeedForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                feed = form.save(commit=False)
                feed.created_by = request.user
                feed.save()
                append(action=Action.CREATE, actor=request.user, request=request, record=feed)
        except IntegrityError:
            _feed_conflict(form)
        else:
            messages.success(request, _("The feed is now watched."))
            return HttpResponseRedirect(reverse("ingest:feed_list"))
    status = 400 if request.method == "POST" else 200
    feeds = selectors.feeds_visible_to(request.user)
    return render(request, "ingest/feed_list.html", {"form": form, "feeds": feeds}, status=status)


def get_feed_for_user(request, pk: int) -> FeedSubscription:
    """A feed the user may see, else 404 (a refusal of a hidden one goes to the audit trail)."""
    feed = selectors.feeds_visible_to(request.user).filter(pk=pk).first()
    if feed is None:
        if FeedSubscription.objects.filter(pk=pk).exists():
            audit_denied(
                request=request, model_label=FeedSubscription._meta.label, object_pk=pk, note="hidden"
            )
        raise Http404
    return feed


@editors_only
def feed_detail(request, pk: int):
    """The feed, its last poll ("polling…" while one is queued or running) and the items skipped."""
    feed = get_feed_for_user(request, pk)
    context = {"feed": feed, "skipped": feed.entries.exclude(reason="").order_by("-seen_at", "-pk")[:50]}
    if request.htmx:
        return render(request, "ingest/_feed_status.html", context)
    return render(request, "ingest/feed_detail.html", context)


@editors_only
@require_http_methods(["GET", "POST"])
def feed_update(request, pk: int):
    feed = get_feed_for_user(request, pk)
    form = FeedForm(request.POST or None, instance=feed, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record_save(form=form, actor=request.user, request=request)
        except IntegrityError:
            _feed_conflict(form)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(feed.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "ingest/feed_form.html", {"form": form, "feed": feed}, status=status)


@editors_only
@require_http_methods(["GET", "POST"])
def feed_delete(request, pk: int):
    """Stop watching a feed. The drafts its items became stay in the review queue; only the
    memory of which items were taken goes with it."""
    feed = get_feed_for_user(request, pk)
    if request.method == "POST":
        record_delete(record=feed, actor=request.user, request=request)
        messages.success(request, _("The feed is no longer watched."))
        return HttpResponseRedirect(reverse("ingest:feed_list"))
    return render(request, "ingest/feed_confirm_delete.html", {"feed": feed})


# A poll asked for longer ago than this without an answer (no worker running?) may be asked again.
POLL_REQUEST_EXPIRES = dt.timedelta(minutes=10)


@editors_only
@require_http_methods(["POST"])
def feed_poll(request, pk: int):
    """Queue a poll of the feed for the task worker; the web request never waits for the feed.
    A poll already queued is not queued again (clicking twice would only fill the queue)."""
    feed = get_feed_for_user(request, pk)
    now = timezone.now()
    queued = (
        FeedSubscription.objects.filter(pk=feed.pk)
        .filter(Q(poll_requested_at__isnull=True) | Q(poll_requested_at__lt=now - POLL_REQUEST_EXPIRES))
        .update(poll_requested_at=now)
    )
    if queued:
        poll_feed.enqueue(feed.pk)
    messages.info(request, _("The feed is being polled in the background; this page shows the result."))
    return HttpResponseRedirect(feed.get_absolute_url())
