"""The audit key: what anchors the trail outside the database.

A SHA-256 chain proves only that entries follow one another: whoever can write to the database can
edit an entry and re-hash every later one. Each entry therefore also carries an HMAC-SHA256 of its
hash under a key the database never holds (TAAWUN_AUDIT_KEY, or a file named by
TAAWUN_AUDIT_KEY_FILE), and checkpoints (`taawun audit checkpoint`) are signed with the same key.

Without a configured key (development, `make run`) the key is derived from SECRET_KEY under a
label of its own, so it is stable across restarts; production sets its own key, kept apart from
the database and its backups, and never changes it (entries written under another key no longer
verify).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

DERIVATION_LABEL = b"taawun audit trail MAC key, derived from SECRET_KEY (development only)"
ENTRY_PURPOSE = b"taawun-audit-entry\x00"
CHECKPOINT_PURPOSE = b"taawun-audit-checkpoint\x00"


def is_configured() -> bool:
    return bool(getattr(settings, "TAAWUN_AUDIT_KEY", ""))


def audit_key() -> bytes:
    configured = getattr(settings, "TAAWUN_AUDIT_KEY", "")
    if configured:
        return configured.encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), DERIVATION_LABEL, hashlib.sha256).digest()


def _mac(purpose: bytes, message: bytes) -> str:
    return hmac.new(audit_key(), purpose + message, hashlib.sha256).hexdigest()


def entry_mac(entry_hash: str) -> str:
    """The MAC of an entry: over its hash, which covers its content and its predecessor's hash."""
    return _mac(ENTRY_PURPOSE, entry_hash.encode("ascii"))


def checkpoint_signature(payload: bytes) -> str:
    return _mac(CHECKPOINT_PURPOSE, payload)


def matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), (given or "").encode("ascii", "replace"))
