"""Per-engine copy, check and install of the database, driven by `connections["default"]`.

Everything reads the live connection's settings_dict rather than settings.DATABASES, so the same
code serves `taawun backup` and the test database pytest-django creates (including SQLite's
in-memory one, which only the sqlite3 backup API can reach).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from taawun.ops.archive import DATABASE_MEMBERS, OpsError

ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def default_connection() -> BaseDatabaseWrapper:
    return connections["default"]


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise OpsError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def _refuse_inside_transaction(connection: BaseDatabaseWrapper) -> None:
    # A copy taken (or written) inside an open transaction would not be what other readers see.
    if connection.in_atomic_block:
        raise OpsError(_("Backup and restore cannot run inside a database transaction."))


# --- migration state ------------------------------------------------------------------------


def migration_state(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest applied migration of each app, by name (migration names are numbered)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    latest: dict[str, str] = {}
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def unknown_migrations(archived: dict[str, str]) -> list[str]:
    """Migrations the archive's database has applied but this code does not have.

    Restoring such a database would run newer schema under older code: refuse it.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    return [f"{app}.{name}" for app, name in sorted(archived.items()) if (app, name) not in known]


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_integrity_check(path: Path) -> None:
    """PRAGMA integrity_check on a database file; OpsError unless SQLite answers "ok"."""
    try:
        check = sqlite3.connect(path)
        try:
            rows = check.execute("PRAGMA integrity_check").fetchall()
        finally:
            check.close()
    except sqlite3.DatabaseError as error:
        raise OpsError(
            _("The database copy is not a valid SQLite database: %(error)s") % {"error": error}
        ) from error
    if rows != [("ok",)]:
        raise OpsError(
            _("The database copy failed PRAGMA integrity_check: %(problem)s") % {"problem": rows[0][0]}
        )


def sqlite_snapshot(connection: BaseDatabaseWrapper, target: Path) -> None:
    """Copy the live database with SQLite's online backup API, then check the copy.

    The backup API takes a consistent snapshot while the server keeps running (unlike copying
    the file, which can catch a half-written page or miss the -wal file), and it works from a
    connection, so the in-memory test database is copied the same way as a file.
    """
    connection.ensure_connection()
    _refuse_inside_transaction(connection)
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    sqlite_integrity_check(target)


def _checkpoint(path: Path) -> None:
    # Fold the old WAL into the old file and truncate it, so that if anything opens the database
    # between the swap and the removal of -wal below, it finds an empty WAL and not stale pages
    # that would be replayed onto the restored file. A broken old database is no reason to stop.
    with contextlib.suppress(sqlite3.Error):
        old = sqlite3.connect(path, timeout=20)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            old.close()


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sqlite_install(connection: BaseDatabaseWrapper, staged: Path) -> None:
    """Make the verified copy the live database."""
    if connection.is_in_memory_db():
        # Only test databases live in memory; there is no file to swap, so copy pages in.
        connection.ensure_connection()
        _refuse_inside_transaction(connection)
        source = sqlite3.connect(staged)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return

    db_path = Path(connection.settings_dict["NAME"])
    connections.close_all()
    # os.replace is atomic only within one file system: first put the copy beside the database.
    beside = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    try:
        try:
            os.replace(staged, beside)
        except OSError:
            shutil.copyfile(staged, beside)
        with beside.open("rb+") as handle:
            os.fsync(handle.fileno())
        if db_path.exists():
            os.chmod(beside, db_path.stat().st_mode & 0o7777)
            _checkpoint(db_path)
        os.replace(beside, db_path)
    finally:
        beside.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    _fsync_dir(db_path.parent)


# --- PostgreSQL -----------------------------------------------------------------------------

# libpq reads these from the environment; OPTIONS keys of the same meaning map onto them.
_PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise OpsError(
            _("%(tool)s was not found; install the PostgreSQL client tools (package postgresql-client).")
            % {"tool": name}
        )
    return path


def _pg_connection(connection: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    """Command-line arguments and environment for pg_dump/pg_restore.

    The password goes in PGPASSWORD, never on the command line, where `ps` would show it.
    """
    conf = connection.settings_dict
    args = ["--no-password"]  # fail instead of waiting for a password prompt nobody sees
    if conf.get("HOST"):
        args.append(f"--host={conf['HOST']}")
    if conf.get("PORT"):
        args.append(f"--port={conf['PORT']}")
    if conf.get("USER"):
        args.append(f"--username={conf['USER']}")
    args.append(f"--dbname={conf['NAME']}")
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    for option, variable in _PG_OPTION_ENV.items():
        value = (conf.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as error:
        raise OpsError(
            _("Could not run %(tool)s: %(error)s") % {"tool": command[0], "error": error}
        ) from error
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit status {result.returncode}"
        raise OpsError(_("%(tool)s failed: %(detail)s") % {"tool": Path(command[0]).name, "detail": detail})


def pg_snapshot(connection: BaseDatabaseWrapper, target: Path) -> None:
    """`pg_dump -Fc`: one consistent snapshot, in the format pg_restore can check and restore."""
    args, env = _pg_connection(connection)
    _run([_pg_tool("pg_dump"), "--format=custom", f"--file={target}", *args], env)
    pg_check(target)


def pg_check(path: Path) -> None:
    """`pg_restore --list` reads the whole table of contents: a truncated dump fails it."""
    _run([_pg_tool("pg_restore"), "--list", str(path)])


def pg_install(connection: BaseDatabaseWrapper, staged: Path) -> None:
    args, env = _pg_connection(connection)
    connections.close_all()  # our own idle connections would otherwise hold locks on the tables
    # --single-transaction: a restore that fails halfway rolls back and leaves the old data.
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(staged),
        ],
        env,
    )


SNAPSHOT = {"sqlite": sqlite_snapshot, "postgresql": pg_snapshot}
INSTALL = {"sqlite": sqlite_install, "postgresql": pg_install}


def check_copy(engine: str, path: Path) -> None:
    if engine == "sqlite":
        sqlite_integrity_check(path)
    else:
        pg_check(path)
