"""The calendar pages (month, agenda), the feeds and their tokens, and action plan timelines."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taawun.schedule import ical, selectors
from taawun.schedule.forms import CalendarFilterForm, CalendarTokenForm
from taawun.schedule.gantt import gantt_svg
from taawun.schedule.models import CalendarToken
from taawun.schedule.services import (
    calendar_token_create,
    calendar_token_for_feed,
    calendar_token_revoke,
    calendar_token_used,
)


def _filters(request):
    """The filter form, bound to the query; with bad input, a message and the unfiltered view."""
    form = CalendarFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        form.cleaned_data = {}
        return form, True
    valid = form.is_valid()
    if not valid:
        messages.error(request, _("Some filters were not understood; they are shown below."))
        form.cleaned_data = {}
    return form, valid


def _query(form, **overrides) -> str:
    values = {"party": form.cleaned_data.get("party"), "kinds": form.cleaned_data.get("kinds") or []}
    values.update(overrides)
    pairs = [(key, value.pk if hasattr(value, "pk") else value) for key, value in values.items() if value]
    flat = []
    for key, value in pairs:
        flat += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
    return urlencode(flat)


@login_required
@require_GET
def month(request):
    form, valid = _filters(request)
    today = timezone.localdate()
    year = form.cleaned_data.get("year") or today.year
    month_number = form.cleaned_data.get("month") or today.month
    grid = selectors.month_grid(
        request.user,
        year=year,
        month=month_number,
        today=today,
        party=form.cleaned_data.get("party"),
        kinds=form.selected_kinds() if valid and form.is_bound else list(selectors.KINDS),
    )
    previous, following = grid.previous, grid.next
    context = {
        "grid": grid,
        "form": form,
        "today": today,
        "previous_query": _query(form, year=previous[0], month=previous[1]),
        "next_query": _query(form, year=following[0], month=following[1]),
        "today_query": _query(form),
    }
    return render(request, "schedule/month.html", context, status=200 if valid else 400)


@login_required
@require_GET
def agenda(request):
    form, valid = _filters(request)
    today = timezone.localdate()
    groups = selectors.agenda(
        request.user,
        today=today,
        party=form.cleaned_data.get("party"),
        kinds=form.selected_kinds() if valid and form.is_bound else list(selectors.KINDS),
    )
    context = {"groups": groups, "form": form, "today": today, "days": settings.SCHEDULE_AGENDA_DAYS}
    return render(request, "schedule/agenda.html", context, status=200 if valid else 400)


# --- feeds --------------------------------------------------------------------------------------

FEED_FUTURE_DAYS = 5 * 366  # due dates and expiries years ahead still belong in a calendar


def _feed_urls(request, token: str) -> dict[str, str]:
    """The feed's full address in each language (the language of the events' titles)."""
    urls = {}
    for language in ("ar", "en"):
        with translation.override(language):
            urls[language] = request.build_absolute_uri(reverse("schedule:feed", args=[token]))
    return urls


@login_required
def tokens(request):
    """The user's feed addresses: create one (its address is shown once), see and revoke them."""
    created_urls = None
    status = 200
    if request.method == "POST":
        form = CalendarTokenForm(request.POST, user=request.user)
        if form.is_valid():
            record, token = calendar_token_create(
                user=request.user,
                party=form.cleaned_data["party"],
                label=form.cleaned_data["label"],
                request=request,
            )
            created_urls = _feed_urls(request, token)
            form = CalendarTokenForm(user=request.user)
        else:
            messages.error(request, _("Nothing was saved: correct the fields marked below."))
            status = 400
    else:
        form = CalendarTokenForm(user=request.user)
    context = {
        "form": form,
        "created_urls": created_urls,
        "tokens": request.user.calendar_tokens.select_related("party"),
    }
    return render(request, "schedule/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(CalendarToken, pk=pk, user=request.user)
    calendar_token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, _("The feed is revoked: its address no longer works."))
    return HttpResponseRedirect(reverse("schedule:tokens"))


@require_GET
def feed(request, token: str):
    """A calendar feed: no session (calendar apps cannot log in), only a valid, unrevoked token;
    unknown, revoked or otherwise unusable tokens get 404. The events are those the token's user
    may see now, partner included."""
    record = calendar_token_for_feed(token)
    if record is None:
        raise Http404
    user = record.user
    party = record.party
    if party is not None and not type(party).objects.visible_to(user).filter(pk=party.pk).exists():
        raise Http404
    language = request.GET.get("lang") or translation.get_language()
    if language not in ("ar", "en"):
        return HttpResponse(
            _("Unknown language: use lang=ar or lang=en."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    now = timezone.now()
    today = timezone.localdate()
    with translation.override(language):
        events = selectors.events_visible_to(
            user,
            start=today - dt.timedelta(days=settings.SCHEDULE_FEED_PAST_DAYS),
            end=today + dt.timedelta(days=FEED_FUTURE_DAYS),
            party=party,
            today=today,
            ceiling=settings.SCHEDULE_FEED_CEILING,
        )
        name = _("Taawun: %(partner)s") % {"partner": party} if party else _("Taawun")
        body = ical.feed(events, name=name, absolute_url=request.build_absolute_uri, stamp=now)
    calendar_token_used(token=record, request=request, note=f"calendar feed, {len(events)} events")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="taawun.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- timelines ----------------------------------------------------------------------------------


def _timeline(request, record, kind_label):
    items = list(selectors.timeline_items(record, request.user))
    context = {
        "record": record,
        "kind_label": kind_label,
        "items": items,
        "chart": gantt_svg(items, today=timezone.localdate(), rtl=get_language_bidi()),
    }
    return render(request, "schedule/timeline.html", context)


@login_required
@require_GET
def committee_timeline(request, pk: int):
    committee = selectors.committee_for_user(request, pk)
    return _timeline(request, committee, _("Joint committee"))


@login_required
@require_GET
def understanding_timeline(request, pk: int):
    understanding = selectors.understanding_for_user(request, pk)
    return _timeline(request, understanding, _("Understanding"))
