"""Creating, revoking and reading calendar feed tokens, each change audited in its transaction."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from taawun.accounts.services import credential_revoke
from taawun.audit.models import Action
from taawun.audit.services import append
from taawun.registry.models import Party
from taawun.schedule.models import CalendarToken, token_hash


@transaction.atomic
def calendar_token_create(
    *, user, party: Party | None = None, label: str = "", request=None
) -> tuple[CalendarToken, str]:
    """A new feed token for the user; returns the record and the token itself (shown only once)."""
    token = secrets.token_urlsafe(32)
    record = CalendarToken.objects.create(
        user=user, party=party, label=label.strip(), token_hash=token_hash(token)
    )
    append(
        action=Action.CREATE,
        actor=user,
        request=request,
        record=record,
        changes={
            "party": {"old": None, "new": party.pk if party else None},
            "label": {"old": None, "new": record.label},
        },
        note="calendar feed created",
    )
    return record, token


@transaction.atomic
def calendar_token_revoke(*, token: CalendarToken, actor, request=None) -> CalendarToken:
    """Revoke a feed token; revoking a revoked one changes nothing."""
    return credential_revoke(token, actor=actor, request=request, note="calendar feed revoked")


def calendar_token_for_feed(token: str) -> CalendarToken | None:
    """The active token record of a feed address, with its user read afresh (so a changed clearance
    or a deactivated account takes effect on the next fetch); None for anything else."""
    if not token or len(token) > 100:
        return None
    record = (
        CalendarToken.objects.select_related("user", "party")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    return record


@transaction.atomic
def calendar_token_used(*, token: CalendarToken, request=None, note: str = "") -> None:
    """Remember when the feed was last read; write an export entry to the audit trail at most once
    per SCHEDULE_FEED_AUDIT_MINUTES for each feed."""
    now = timezone.now()
    fields = {"last_used_at": now}
    interval = dt.timedelta(minutes=settings.SCHEDULE_FEED_AUDIT_MINUTES)
    if token.last_audited_at is None or now - token.last_audited_at >= interval:
        fields["last_audited_at"] = now
        append(action=Action.EXPORT, actor=token.user, request=request, record=token, note=note)
    CalendarToken.objects.filter(pk=token.pk).update(**fields)
