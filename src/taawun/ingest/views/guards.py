"""Who may reach the ingestion pages: editors only, and a draft the reader may see."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from taawun.access.policy import can_edit
from taawun.audit.services import audit_denied
from taawun.ingest import selectors
from taawun.ingest.models import Draft


def editors_only(view):
    """Logged in, with a role that edits: officers and administrators; the rest get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_edit(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_draft_for_user(request, pk: int) -> Draft:
    """A draft the user may see, else 404 (a refusal of a hidden one goes to the audit trail)."""
    draft = selectors.drafts_visible_to(request.user).filter(pk=pk).first()
    if draft is None:
        if Draft.objects.filter(pk=pk).exists():
            audit_denied(request=request, model_label=Draft._meta.label, object_pk=pk, note="hidden")
        raise Http404
    return draft
