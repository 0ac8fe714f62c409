"""The reader an unattended import reads for, when no person is there to ask."""

from __future__ import annotations

from dataclasses import dataclass

from taawun.access.policy import Classification


@dataclass(frozen=True)
class SystemReader:
    """The operator at the console, running an unattended import (a feed, `taawun ingest`), who sees
    everything.

    Not an account: it logs in nowhere and is never an audit entry's actor (those imports are
    audited under the name they run as). It only answers the policy's questions as a reader cleared
    for every level would, so that matching names and finding a text already stored look through
    all of the registry."""

    is_authenticated: bool = True
    is_active: bool = True
    clearance: str = Classification.SECRET.value  # the highest level
    # accounts.User.Role.ADMINISTRATOR, spelled out: access sits below accounts.
    role: str = "administrator"


SYSTEM_READER = SystemReader()
