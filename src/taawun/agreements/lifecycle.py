"""The lifecycle of an understanding: which status may follow which.

    draft        → negotiation, terminated
    negotiation  → signed, draft, terminated
    signed       → in force, terminated
    in force     → expiring, expired, renewed, terminated
    expiring     → expired, renewed, terminated
    expired      → renewed
    renewed      → in force, terminated
    terminated   → (final)

Decisions, written down:

* Negotiations can fall back to draft (a text goes back for internal review), nothing else goes
  backwards.
* An understanding in force may lapse straight to expired: nobody is obliged to mark it
  "expiring" first (the expiry warnings at 90, 60, 30 and 7 days tell the office in time).
* Renewal is possible while in force, while expiring and after expiry (a lapsed understanding is
  revived by a renewal protocol). A renewed understanding comes into force again (renewed →
  in force) or is terminated.
* Terminated is final, and an expired understanding is renewed or stays expired: reviving it
  under another status would hide that it lapsed.
"""

from __future__ import annotations

from taawun.agreements.models import Understanding

Status = Understanding.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.NEGOTIATION, Status.TERMINATED),
    Status.NEGOTIATION: (Status.SIGNED, Status.DRAFT, Status.TERMINATED),
    Status.SIGNED: (Status.IN_FORCE, Status.TERMINATED),
    Status.IN_FORCE: (Status.EXPIRING, Status.EXPIRED, Status.RENEWED, Status.TERMINATED),
    Status.EXPIRING: (Status.EXPIRED, Status.RENEWED, Status.TERMINATED),
    Status.EXPIRED: (Status.RENEWED,),
    Status.RENEWED: (Status.IN_FORCE, Status.TERMINATED),
    Status.TERMINATED: (),
}


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses an understanding in `status` may move to (none for an unknown status)."""
    return TRANSITIONS.get(status, ())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)
