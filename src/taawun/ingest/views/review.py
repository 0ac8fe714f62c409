"""The review desk (GET) and its four decisions, one view each: accept the draft into the
registry, save the officer's edits, attach the report to an engagement already recorded, reject;
and reading the article again with another home party (which replaces the proposal).

Each decision binds its form, calls one service (ingest/services.py) and redirects; refused (an
invalid form, or a DraftError from the service) it shows the desk again with the errors and the
officer's edits as typed, status 400, having written nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taawun.access.policy import is_sensitive
from taawun.audit.services import audit_view
from taawun.ingest import services
from taawun.ingest.forms import AttachForm, HomeForm, RejectForm, ReviewForms
from taawun.ingest.views.desk import render_review
from taawun.ingest.views.guards import editors_only, get_draft_for_user


@editors_only
@require_GET
def draft_review(request, pk: int):
    draft = get_draft_for_user(request, pk)
    if is_sensitive(draft):
        audit_view(record=draft, actor=request.user, request=request)
    return render_review(request, draft)


def _refused(request, draft, error: services.DraftError, *, forms: ReviewForms | None = None):
    """The service refused (the draft decided meanwhile, say): the desk again, as the draft now is,
    with the officer's edits if the decision carried any."""
    messages.error(request, str(error))
    draft.refresh_from_db()
    if forms is not None:
        forms = ReviewForms(request.POST, draft=draft, user=request.user)
    return render_review(request, draft, forms=forms, status=400)


def _invalid_review(request, draft, forms: ReviewForms):
    messages.error(request, _("Nothing was saved: correct the fields marked below."))
    return render_review(request, draft, forms=forms, status=400)


@editors_only
@require_POST
def draft_accept(request, pk: int):
    """File the engagement as reviewed, with its participants and follow-ups."""
    draft = get_draft_for_user(request, pk)
    forms = ReviewForms(request.POST, draft=draft, user=request.user)
    if not forms.is_valid():
        return _invalid_review(request, draft, forms)
    try:
        engagement = services.draft_accept(
            draft=draft,
            record=forms.reviewed(),
            actor=request.user,
            request=request,
            classification=forms.classification,
        )
    except services.DraftError as error:
        return _refused(request, draft, error, forms=forms)
    messages.success(request, _("Accepted: the engagement is now in the registry."))
    return HttpResponseRedirect(engagement.get_absolute_url())


@editors_only
@require_POST
def draft_save(request, pk: int):
    """Keep the officer's edits without deciding yet."""
    draft = get_draft_for_user(request, pk)
    forms = ReviewForms(request.POST, draft=draft, user=request.user)
    if not forms.is_valid():
        return _invalid_review(request, draft, forms)
    try:
        services.draft_save(draft=draft, record=forms.reviewed(), actor=request.user, request=request)
    except services.DraftError as error:
        return _refused(request, draft, error, forms=forms)
    messages.success(request, _("The draft was saved."))
    return HttpResponseRedirect(draft.get_absolute_url())


@editors_only
@require_POST
def draft_attach(request, pk: int):
    """The report is another source of an engagement already recorded: the fields it lacks are
    filled from the draft as last saved, the contested ones ticked are taken from it. An engagement
    that is not there, or not the officer's to see, is a 404."""
    draft = get_draft_for_user(request, pk)
    form = AttachForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404
    engagement = form.cleaned_data["engagement"]
    try:
        services.draft_attach(
            draft=draft,
            engagement=engagement,
            record=services.review_record(draft, request.user),
            take=set(form.cleaned_data["take"]),
            actor=request.user,
            request=request,
        )
    except services.DraftError as error:
        return _refused(request, draft, error)
    messages.success(request, _("The source was added to the existing engagement."))
    return HttpResponseRedirect(engagement.get_absolute_url())


@editors_only
@require_POST
def draft_reject(request, pk: int):
    """Close the draft with the reason given; nothing is added to the registry."""
    draft = get_draft_for_user(request, pk)
    reject_form = RejectForm(request.POST, prefix="reject")
    if not reject_form.is_valid():
        messages.error(request, _("Give the reason for rejecting the draft."))
        return render_review(request, draft, reject_form=reject_form, status=400)
    try:
        services.draft_reject(
            draft=draft, reason=reject_form.cleaned_data["reason"], actor=request.user, request=request
        )
    except services.DraftError as error:
        return _refused(request, draft, error)
    messages.success(request, _("The draft was rejected; nothing was added to the registry."))
    return HttpResponseRedirect(reverse("ingest:draft_list"))


@editors_only
@require_POST
def draft_reextract(request, pk: int):
    """Read the article again with the home party the officer chose (or none): the engine's new
    proposal replaces the old one, and any edits saved with it."""
    draft = get_draft_for_user(request, pk)
    home_form = HomeForm(request.POST, user=request.user, prefix="home")
    if not home_form.is_valid():
        messages.error(request, _("Choose a home party from the list, or none."))
        return render_review(request, draft, home_form=home_form, status=400)
    party = home_form.cleaned_data["home"]
    try:
        services.draft_reextract(
            draft=draft, home=party.code if party else "", actor=request.user, request=request
        )
    except services.DraftError as error:
        return _refused(request, draft, error)
    messages.success(request, _("The article was read again; the proposal below is the new one."))
    return HttpResponseRedirect(draft.get_absolute_url())
