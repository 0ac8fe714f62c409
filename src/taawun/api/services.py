"""Creating, revoking and checking API tokens; each change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from taawun.accounts.services import credential_revoke
from taawun.api.models import ApiToken
from taawun.audit.models import Action
from taawun.audit.services import append

TOKEN_PREFIX = "tw_"
# How often a token's "last used" time is written: not on every request, which would make every
# read a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def max_token_days() -> int:
    return max(1, settings.TAAWUN_API_TOKEN_DAYS)


@transaction.atomic
def api_token_create(
    *, user, name: str, days: int | None = None, actor=None, request=None
) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` (at most TAAWUN_API_TOKEN_DAYS, the default); returns
    (token, raw token). The raw token is never stored."""
    days = min(days or max_token_days(), max_token_days())
    if days < 1:
        raise ValueError("A token is valid for at least one day.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        token_hash=token_hash(raw),
        prefix=raw[:10],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    append(
        action=Action.CREATE,
        actor=actor,
        request=request,
        record=token,
        changes={
            "user": {"old": None, "new": user.pk},
            "name": {"old": None, "new": token.name},
            "expires_at": {"old": None, "new": token.expires_at.astimezone(dt.UTC).isoformat()},
        },
        note="" if actor is not None else "from the command line",
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor=None, request=None) -> ApiToken:
    """Revoke a token (at once; a revoked token is kept for the record, never reactivated)."""
    note = "" if actor is not None else "from the command line"
    return credential_revoke(token, actor=actor, request=request, note=note)


@transaction.atomic
def api_tokens_revoke_all(*, user, actor=None, request=None) -> int:
    """Revoke every token of a user still unrevoked (the user was deactivated): each is audited."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        api_token_revoke(token=token, actor=actor, request=request)
    return len(tokens)


def revoke_tokens_of_deactivated_user(sender, *, user, actor=None, request=None, **kwargs) -> None:
    """Receiver of accounts.services.user_deactivated (connected in ApiConfig.ready)."""
    api_tokens_revoke_all(user=user, actor=actor, request=request)


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
