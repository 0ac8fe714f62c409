"""Signed checkpoints of the chain's end, for the operator to keep off the machine.

A checkpoint names the last entry (number and hash) at a moment, the first entry that carries a
MAC, and is signed (HMAC-SHA256) with the audit key. Kept where the database's writers cannot
reach it (a daily `taawun audit checkpoint > /media/approved/audit-$(date +%F).json`), it proves
later that the trail still holds that entry, unchanged: `taawun audit verify --against FILE`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from taawun.audit import keys
from taawun.audit.models import canonical_json

KIND = "taawun-audit-checkpoint"
VERSION = 1


class CheckpointInvalid(ValueError):
    """A file that is not a checkpoint, or whose signature does not match the audit key."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    entry_hash: str
    time: str  # ISO 8601, UTC
    keyed_from: int | None

    def payload(self) -> dict:
        return {"kind": KIND, "version": VERSION, **asdict(self)}

    def signed(self) -> str:
        """The checkpoint as a JSON document, with its signature."""
        payload = self.payload()
        document = {**payload, "signature": keys.checkpoint_signature(canonical_json(payload))}
        return json.dumps(document, indent=2, sort_keys=True) + "\n"

    @classmethod
    def of_head(cls, seq: int, entry_hash: str, keyed_from: int | None) -> Checkpoint:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return cls(seq=seq, entry_hash=entry_hash, time=now, keyed_from=keyed_from)

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """The checkpoint a signed document holds; CheckpointInvalid when it is not one, was altered,
        or was signed with another key."""
        try:
            document = json.loads(text)
            signature = document.pop("signature")
            if document.get("kind") != KIND or document.get("version") != VERSION:
                raise CheckpointInvalid("This is not a Taawun audit checkpoint.")
            checkpoint = cls(
                seq=int(document["seq"]),
                entry_hash=str(document["entry_hash"]),
                time=str(document["time"]),
                keyed_from=None if document["keyed_from"] is None else int(document["keyed_from"]),
            )
        except CheckpointInvalid:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise CheckpointInvalid(f"This is not a Taawun audit checkpoint ({error}).") from None
        if checkpoint.payload() != document or not keys.matches(
            keys.checkpoint_signature(canonical_json(document)), str(signature)
        ):
            raise CheckpointInvalid(
                "The checkpoint's signature does not match: the file was altered, or it was signed with "
                "another audit key than this installation's TAAWUN_AUDIT_KEY."
            )
        return checkpoint
