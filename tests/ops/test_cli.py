"""The real `taawun` command against a file-based SQLite database in WAL mode.

The other tests use pytest-django's test database, which for SQLite lives in memory; this one
runs the installed command in a subprocess with TAAWUN_VAR_DIR in tmp_path, so it covers what
an operator gets: the database file swapped with os.replace, stale -wal/-shm files removed,
MEDIA_ROOT swapped by renames, one-line errors and exit status 1 without a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

PEOPLE = "from taawun.registry.models import Person; print(sorted(Person.objects.values_list('name_ar', flat=True)))"


@pytest.fixture
def taawun(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["TAAWUN_VAR_DIR"] = str(tmp_path / "var")
    env["DJANGO_SETTINGS_MODULE"] = "taawun.settings"

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "taawun", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


def shell(taawun, code: str) -> str:
    return taawun("shell", "-v", "0", "-c", code).stdout.strip()


def test_file_database_round_trip_through_the_command(taawun, tmp_path):
    var = tmp_path / "var"
    db_path = var / "taawun.sqlite3"
    taawun("migrate", "-v", "0")
    shell(
        taawun,
        "from taawun.registry.models import Person; Person.objects.create(party_id='SY', name_ar='سامي')",
    )
    (var / "media" / "uploads").mkdir(parents=True)
    (var / "media" / "uploads" / "scan.pdf").write_bytes(b"%PDF-1.7 original")

    backup = taawun("backup", str(tmp_path / "backups") + os.sep)
    archive = next((tmp_path / "backups").glob("*.tar.gz"))
    assert str(archive) in backup.stdout

    shell(taawun, "from taawun.registry.models import Person; Person.objects.all().delete()")
    (var / "media" / "uploads" / "scan.pdf").write_bytes(b"defaced")
    # Leave a WAL full of newer pages behind, as a server killed mid-flight would. SQLite folds
    # the WAL into the file when the last connection closes, so copy it aside while one is open.
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("UPDATE registry_party SET name_en = 'Changed' WHERE code = 'QA'")
    holder.commit()
    wal = db_path.with_name(db_path.name + "-wal")
    stale = wal.read_bytes()
    holder.close()
    wal.write_bytes(stale)
    assert len(stale) > 0

    refused = taawun("restore", str(archive), check=False)
    assert refused.returncode == 1
    assert "--yes" in refused.stderr and "Traceback" not in refused.stderr

    taawun("restore", "--yes", str(archive))

    assert shell(taawun, PEOPLE) == "['سامي']"
    assert (
        shell(taawun, "from taawun.registry.models import Party; print(Party.objects.get(code='QA').name_en)")
        != "Changed"
    )
    assert (var / "media" / "uploads" / "scan.pdf").read_bytes() == b"%PDF-1.7 original"
    assert not wal.exists() or wal.stat().st_size == 0
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()
    leftovers = sorted(p.name for p in var.iterdir() if p.name.startswith("."))
    assert leftovers == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["restore", "--check", "missing.tar.gz"], "Archive not found"),
        (["restore", "--check", "junk.tar.gz"], "Not a readable backup archive"),
        (["backup", "backup.zip"], "DEST must be a directory"),
    ],
)
def test_errors_are_one_line_and_exit_nonzero(taawun, tmp_path, args, message):
    (tmp_path / "junk.tar.gz").write_bytes(b"junk")
    result = taawun(*args, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("CommandError: ") and message in lines[0]


def test_backup_without_pg_dump_is_a_clear_error(taawun, tmp_path, monkeypatch):
    # Only meaningful for PostgreSQL; exercised directly on the helper so no server is needed.
    from taawun.ops.archive import OpsError
    from taawun.ops.databases import _pg_tool

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(OpsError, match="pg_dump was not found"):
        _pg_tool("pg_dump")


def test_the_password_never_reaches_the_command_line():
    from taawun.ops.databases import _pg_connection

    class Connection:
        settings_dict = {
            "NAME": "taawun",
            "USER": "app",
            "PASSWORD": "s3cret",
            "HOST": "db",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        }

    args, env = _pg_connection(Connection())  # type: ignore[arg-type]
    assert not any("s3cret" in arg for arg in args)
    assert env["PGPASSWORD"] == "s3cret" and env["PGSSLMODE"] == "require"
    assert {"--host=db", "--port=5433", "--username=app", "--dbname=taawun", "--no-password"} <= set(args)
