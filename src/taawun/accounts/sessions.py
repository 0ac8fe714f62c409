"""Session bookkeeping: when the user logged in and last confirmed their identity."""

from __future__ import annotations

import time

from django.conf import settings

LOGIN_AT = "taawun_login_at"
REAUTH_AT = "taawun_reauth_at"
SEEN_AT = "taawun_seen_at"
# How often activity pushes the idle limit on: the session then ends between SESSION_COOKIE_AGE
# minus this and SESSION_COOKIE_AGE after the last request.
KEEP_ALIVE_EVERY = 60


def mark_login(session) -> None:
    now = int(time.time())
    session[LOGIN_AT] = now
    session[REAUTH_AT] = now


def mark_reauthenticated(session) -> None:
    session[REAUTH_AT] = int(time.time())


def keep_alive(session) -> None:
    """Mark the session changed (saved, its idle limit moved on) if a minute has passed since."""
    now = int(time.time())
    if now - session.get(SEEN_AT, 0) >= KEEP_ALIVE_EVERY:
        session[SEEN_AT] = now


def is_expired(session) -> bool:
    """Past the absolute session lifetime, however active the user has been."""
    started = session.get(LOGIN_AT)
    return started is None or time.time() - started > settings.TAAWUN_SESSION_MAX_AGE


def recently_authenticated(session) -> bool:
    confirmed = session.get(REAUTH_AT)
    return confirmed is not None and time.time() - confirmed <= settings.TAAWUN_REAUTH_MAX_AGE
