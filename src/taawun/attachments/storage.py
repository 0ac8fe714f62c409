"""Where attachments' bytes are kept: MEDIA_ROOT/attachments/<first two hex digits>/<SHA-256>.

Under MEDIA_ROOT, so `taawun backup` archives them with the database and `taawun restore` brings
them back together (taawun.ops). Named by their content: the same file attached twice is stored
once, and a file is removed only when no attachment refers to it any more. A file is written
under a temporary name, flushed, then renamed into place; every read compares the bytes with the
checksum and refuses a file that differs (`Damaged`), never serving it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

SUBDIRECTORY = "attachments"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Damaged(Exception):
    """The stored file is missing or its bytes no longer match its checksum."""


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / SUBDIRECTORY


def path_of(sha256: str) -> Path:
    if not _SHA256.match(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return root() / sha256[:2] / sha256


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def holds(sha256: str) -> bool:
    """Whether the file is stored, whole."""
    try:
        read(sha256)
    except Damaged:
        return False
    return True


def put(data: bytes, sha256: str) -> Path:
    """Store the bytes under their checksum (kept as they are when already stored whole; a damaged
    copy is replaced)."""
    if _digest(data) != sha256:
        raise ValueError("the data does not match its checksum")
    final = path_of(sha256)
    if holds(sha256):
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=".partial-", dir=final.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    return final


def read(sha256: str) -> bytes:
    """The stored bytes, checked against their checksum; raises Damaged."""
    try:
        data = path_of(sha256).read_bytes()
    except (OSError, ValueError) as error:
        raise Damaged(sha256) from error
    if _digest(data) != sha256:
        raise Damaged(sha256)
    return data


def remove(sha256: str) -> None:
    with contextlib.suppress(FileNotFoundError, ValueError):
        path_of(sha256).unlink()
