"""Creating, revoking and checking API tokens; each change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from taawun.api.models import ApiToken
from taawun.audit.models import Action
from taawun.audit.services import append

TOKEN_PREFIX = "tw_"
# How often a token's "last used" time is written: not on every request, which would make every
# read a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, actor=None, request=None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns (token, raw token). The raw token is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], token_hash=token_hash(raw), prefix=raw[:10]
    )
    append(
        action=Action.CREATE,
        actor=actor,
        request=request,
        record=token,
        changes={"user": {"old": None, "new": user.pk}, "name": {"old": None, "new": token.name}},
        note="" if actor is not None else "from the command line",
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor=None, request=None) -> ApiToken:
    """Revoke a token (at once; a revoked token is kept for the record, never reactivated)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        append(
            action=Action.UPDATE,
            actor=actor,
            request=request,
            record=token,
            changes={"revoked_at": {"old": None, "new": token.revoked_at.astimezone(dt.UTC).isoformat()}},
            note="" if actor is not None else "from the command line",
        )
    return token


def api_token_user(raw: str):
    """The active user a raw token belongs to, or None (unknown, revoked, or user deactivated)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.active().select_related("user").filter(token_hash=token_hash(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
