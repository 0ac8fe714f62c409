"""The backup archive format: one tar file with a manifest, a database copy and the media files.

Layout (format version 1)::

    database.sqlite3 | database.pgdump   the database, as SQLite file or `pg_dump -Fc` output
    media/<path>                          every regular file under MEDIA_ROOT
    manifest.json                         what the archive holds, with SHA-256 and size per member

The manifest is written last, on purpose: each member is hashed while its bytes go into the tar,
so the recorded checksum is of exactly what was archived, even if a file changes during backup.

Reading never trusts the archive: members are checked against a strict allow-list of names and
types (no links, devices, absolute paths or `..`) and copied out by hand, never with
`TarFile.extract`, so a crafted archive cannot write outside the staging directory.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext as _

FORMAT_NAME = "taawun-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
# The manifest is small; refuse a huge one instead of reading it into memory.
MANIFEST_MAX_BYTES = 64 * 1024 * 1024


class OpsError(Exception):
    """A failure the operator can act on; commands show its message on one line."""


def one_line(error: BaseException) -> str:
    """An exception's message on one line: some (tarfile, libpq) span several."""
    return " ".join(str(error).split()) or error.__class__.__name__


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """A read-only file wrapper that hashes and counts the bytes tarfile pulls through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


@dataclass
class Member:
    name: str
    sha256: str
    size: int

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


@dataclass
class Manifest:
    created_at: str
    taawun_version: str
    django_version: str
    engine: str
    migrations: dict[str, str]
    members: list[Member] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    format_version: int = FORMAT_VERSION

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.engine]

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "taawun_version": self.taawun_version,
            "django_version": self.django_version,
            "database": {"engine": self.engine, "member": self.database_member},
            "migrations": self.migrations,
            "members": [member.as_dict() for member in self.members],
            "skipped": self.skipped,
        }
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT_NAME:
                raise ValueError("format")
            if data.get("format_version") != FORMAT_VERSION:
                raise OpsError(
                    _("Unsupported backup format version %(version)s (this Taawun reads version %(ours)s).")
                    % {"version": data.get("format_version"), "ours": FORMAT_VERSION}
                )
            engine = data["database"]["engine"]
            if engine not in DATABASE_MEMBERS:
                raise ValueError("engine")
            members = [
                Member(str(m["name"]), str(m["sha256"]).lower(), int(m["size"])) for m in data["members"]
            ]
            return cls(
                created_at=str(data["created_at"]),
                taawun_version=str(data.get("taawun_version", "")),
                django_version=str(data.get("django_version", "")),
                engine=engine,
                migrations={str(k): str(v) for k, v in dict(data.get("migrations", {})).items()},
                members=members,
                skipped=[str(s) for s in data.get("skipped", [])],
            )
        except OpsError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise OpsError(_("The archive's manifest is unreadable or malformed.")) from error


# --- writing --------------------------------------------------------------------------------


class ArchiveWriter:
    """Adds members to an open tar file, recording each one's SHA-256 and size for the manifest."""

    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.members: list[Member] = []

    def add_file(self, path: Path, name: str) -> None:
        with path.open("rb") as handle:
            info = tarfile.TarInfo(name)
            stat = os.fstat(handle.fileno())
            info.size = stat.st_size
            info.mtime = int(stat.st_mtime)
            info.mode = 0o600
            reader = _HashingReader(handle)
            # tarfile copies exactly info.size bytes and fails if the file shrank meanwhile.
            self.tar.addfile(info, reader)  # type: ignore[arg-type]
        self.members.append(Member(name, reader.digest.hexdigest(), reader.size))

    def add_manifest(self, manifest: Manifest) -> None:
        manifest.members = list(self.members)
        raw = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size = len(raw)
        info.mode = 0o600
        info.mtime = int(time.time())
        self.tar.addfile(info, io.BytesIO(raw))


def iter_media(media_root: Path) -> Iterator[tuple[Path | None, str]]:
    """(path, archive name) for each regular file under media_root; (None, name) for skipped ones.

    Symbolic links and special files are skipped, not followed: following them could pull files
    from outside MEDIA_ROOT into the archive.
    """
    if not media_root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        base = Path(directory)
        for entry in sorted(filenames) + [d for d in dirnames if (base / d).is_symlink()]:
            path = base / entry
            name = str(PurePosixPath(MEDIA_PREFIX, *path.relative_to(media_root).parts))
            if path.is_symlink() or not path.is_file():
                yield None, name
            else:
                yield path, name


# --- reading --------------------------------------------------------------------------------


def _check_name(name: str) -> None:
    """Reject member names that could land outside the staging directory or are not ours."""
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or any(part in {"..", ""} for part in name.split("/"))
        or name != str(path)
    ):
        raise OpsError(_("Unsafe path in archive: %(name)s") % {"name": name})
    allowed = name == MANIFEST_NAME or name in DATABASE_MEMBERS.values() or path.parts[0] == MEDIA_PREFIX
    if not allowed or (path.parts[0] == MEDIA_PREFIX and len(path.parts) < 2):
        raise OpsError(_("Unexpected member in archive: %(name)s") % {"name": name})


def open_tar(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:*")
    except FileNotFoundError as error:
        raise OpsError(_("Archive not found: %(path)s") % {"path": path}) from error
    except (tarfile.TarError, EOFError, OSError) as error:
        raise OpsError(
            _("Not a readable backup archive: %(path)s (%(error)s)")
            % {"path": path, "error": one_line(error)}
        ) from error


def extract_verified(archive: Path, staging: Path) -> Manifest:
    """Copy every member into staging and prove it matches the manifest, or raise OpsError.

    Checks: safe names and types only, no duplicates, every manifest entry present, nothing that
    the manifest does not list, and size and SHA-256 of each member equal to the manifest's.
    """
    seen: dict[str, Member] = {}
    manifest_raw: bytes | None = None
    tar = open_tar(archive)
    try:
        with tar:
            for info in tar:
                _check_name(info.name)
                if info.isdir() and info.name.startswith(MEDIA_PREFIX + "/"):
                    continue
                if not info.isreg():
                    raise OpsError(
                        _("Archive member is a link or special file, refused: %(name)s") % {"name": info.name}
                    )
                if info.name in seen or (info.name == MANIFEST_NAME and manifest_raw is not None):
                    raise OpsError(_("Duplicate member in archive: %(name)s") % {"name": info.name})
                source = tar.extractfile(info)
                assert source is not None  # a regular file always has data
                if info.name == MANIFEST_NAME:
                    if info.size > MANIFEST_MAX_BYTES:
                        raise OpsError(_("The archive's manifest is too large."))
                    manifest_raw = source.read()
                    continue
                target = staging.joinpath(*PurePosixPath(info.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[info.name] = Member(info.name, digest.hexdigest(), size)
    except (tarfile.TarError, EOFError, OSError, UnicodeError) as error:
        raise OpsError(
            _("The archive is damaged or truncated: %(error)s") % {"error": one_line(error)}
        ) from error

    if manifest_raw is None:
        raise OpsError(_("The archive has no manifest.json; it is not a Taawun backup."))
    manifest = Manifest.from_json(manifest_raw)
    listed = {member.name: member for member in manifest.members}
    for name in listed:
        _check_name(name)
    missing = sorted(set(listed) - set(seen))
    extra = sorted(set(seen) - set(listed))
    if missing:
        raise OpsError(_("Archive member missing: %(name)s") % {"name": missing[0]})
    if extra:
        raise OpsError(_("Archive member not listed in the manifest: %(name)s") % {"name": extra[0]})
    for name, member in listed.items():
        actual = seen[name]
        if actual.size != member.size or actual.sha256 != member.sha256:
            raise OpsError(
                _("Checksum mismatch for %(name)s: the archive is corrupt or was altered.") % {"name": name}
            )
    if manifest.database_member not in seen:
        raise OpsError(_("The archive holds no database copy."))
    return manifest


def read_sidecar(archive: Path) -> str | None:
    """The SHA-256 recorded in `<archive>.sha256`, or None when there is no such file."""
    sidecar = archive.with_name(archive.name + ".sha256")
    if not sidecar.exists():
        return None
    words = sidecar.read_text(encoding="utf-8").split()
    if not words or len(words[0]) != 64:
        raise OpsError(_("Unreadable checksum file: %(path)s") % {"path": sidecar})
    return words[0].lower()
