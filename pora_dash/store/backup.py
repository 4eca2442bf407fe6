"""Backups: a consistent online copy of the SQLite database, and its restore; pg_dump for
PostgreSQL.

SQLite is copied with SQLite's own backup API, inside one read transaction, so the copy is the
database as of one instant even while the app writes (WAL mode lets the writers go on). The
copy is checked with ``PRAGMA integrity_check`` and must be a PORA database at a schema
revision this code knows before it gets its final name; a restore checks the same and keeps
the database it replaces aside. PostgreSQL is dumped with ``pg_dump --format=custom`` (and the
dump listed back with ``pg_restore --list``); restoring it is an operator's job with
``pg_restore`` (docs/deployment.md), never done behind a running app by this command.

Every refusal is a :class:`BackupError` with an i18n key, like the other command-line errors.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from pora_dash.clock import TZ
from pora_dash.i18n import fmt_int, t
from pora_dash.store import db
from pora_dash.store.db import MIGRATIONS_DIR

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables a PORA database has at every revision; a file without them is something else.
PORA_TABLES = ("alembic_version", "regions", "persons", "data_version")
VERSION_MARGIN = 1000


class BackupError(ValueError):
    """A refused or failed backup or restore; `key` is the i18n key of the message."""

    def __init__(self, key: str, *, exit_code: int = 2, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
        self.exit_code = exit_code  # 2: refused input, 1: the operation failed


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    revision: str


@dataclass(frozen=True)
class Restored:
    revision: str
    aside: Path | None
    data_version: int


def stamp(now: dt.datetime | None = None) -> str:
    """`20261122-154501`: Jakarta wall-clock time, sorts by age."""
    return (now or dt.datetime.now(TZ)).astimezone(TZ).strftime("%Y%m%d-%H%M%S")


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for any other database (or in-memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def known_revisions() -> set[str]:
    """Every schema revision of this code's migrations."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    return {script.revision for script in scripts.walk_revisions()}


def _target(out: Path | None, default_dir: Path, prefix: str, suffix: str) -> Path:
    if out is None or out.is_dir():
        return (out or default_dir) / f"{prefix}-{stamp()}{suffix}"
    return out


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}{'?mode=ro' if readonly else ''}"
    conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def inspect_sqlite(path: Path) -> str:
    """The schema revision of the PORA database in `path`; BackupError when the file is not
    one (not SQLite, damaged, another application's database, or a revision unknown here)."""
    if not path.is_file():
        raise BackupError("backup.not_found", path=path)
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError("backup.not_sqlite", path=path)
    conn = _connect(path, readonly=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError("backup.damaged", path=path)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not set(PORA_TABLES) <= tables:
            raise BackupError("backup.not_pora", path=path)
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup.damaged", path=path) from exc
    finally:
        conn.close()
    revision = rows[0][0] if len(rows) == 1 else None
    if revision not in known_revisions():
        raise BackupError("backup.unknown_revision", path=path, revision=revision)
    return str(revision)


def backup_sqlite(db_file: Path, out: Path | None = None) -> Backup:
    """Copy the live database `db_file` to `out` (default: a timestamped file in a `backups`
    folder beside the database; a folder: a timestamped file in it). Never overwrites."""
    if not db_file.is_file():
        raise BackupError("backup.not_found", path=db_file)
    target = _target(out, db_file.parent / "backups", "pora", ".db")
    if target.exists():
        raise BackupError("backup.exists", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source, copy = _connect(db_file), sqlite3.connect(partial)
    try:
        source.backup(copy)  # all pages in one step: one read transaction, one instant
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        copy.commit()
    finally:
        copy.close()
        source.close()
    try:
        revision = inspect_sqlite(partial)
    except BackupError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError("backup.copy_failed", exit_code=1, path=db_file, reason=exc.key) from exc
    os.replace(partial, target)
    return Backup(path=target, size=target.stat().st_size, revision=revision)


def _data_version(path: Path) -> int:
    conn = _connect(path)
    try:
        row = conn.execute("SELECT version FROM data_version WHERE key = 'data'").fetchone()
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()
    return int(row[0]) if row else 0


def restore_sqlite(backup: Path, db_file: Path, *, yes: bool) -> Restored:
    """Replace the content of `db_file` with the PORA database in `backup`.

    Refuses unless `yes`. The current database is first backed up beside it (its path is
    returned), the copy is written through SQLite's backup API (running app processes see the
    restored data at their next transaction), the schema is upgraded when the backup is from
    an older revision, and the data version moves VERSION_MARGIN past the larger of the
    replaced database's and the backup's, so no app process serves a cached result keyed by a
    version it saw before (app writes landing between the last read of the version and the
    copy, a fraction of a second, would each have to be one of VERSION_MARGIN to collide).
    """
    revision = inspect_sqlite(backup)
    if not yes:
        raise BackupError("backup.confirm", path=backup, target=db_file)
    aside = None
    before = 0
    if db_file.is_file():
        before = _data_version(db_file)
        aside = backup_sqlite(
            db_file, db_file.parent / "backups" / f"pora-before-restore-{stamp()}.db"
        ).path
    db_file.parent.mkdir(parents=True, exist_ok=True)
    restored = _data_version(backup)
    if db_file.is_file():  # again, just before: the app may have written since the aside copy
        before = max(before, _data_version(db_file))
    source, target = _connect(backup, readonly=True), _connect(db_file)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
        source.close()

    url = f"sqlite:///{db_file}"
    db.upgrade(url)
    version = max(before, restored) + VERSION_MARGIN
    conn = _connect(db_file)
    try:
        # 'global' too: a view of one province is keyed by it (db.bump_data_version); it never
        # exceeds 'data', so the new value is past every one seen before
        for key in (db.ALL, db.EVERYWHERE):
            conn.execute(
                "INSERT INTO data_version (key, version) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET version = excluded.version",
                (key, version),
            )
    finally:
        conn.close()
    return Restored(revision=revision, aside=aside, data_version=version)


# ----------------------------------------------------------------------------- PostgreSQL


def libpq_url(url: str) -> tuple[str, dict[str, str]]:
    """The URL as pg_dump takes it, without the password (passed in PGPASSWORD instead, so it
    never shows in the process list)."""
    parsed = make_url(url)
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    bare = URL.create(  # URL.set(password=None) would keep the password
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False), env


def pg_dump_command(url: str, out: Path | str) -> list[str]:
    conninfo, _ = libpq_url(url)
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={out}", f"--dbname={conninfo}"]


def backup_postgres(url: str, out: Path | None = None) -> Backup:
    """`pg_dump --format=custom` of the database, listed back with `pg_restore --list`."""
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        raise BackupError("backup.pg_missing", exit_code=1)
    target = _target(out, Path.cwd() / "backups", "pora", ".dump")
    if target.exists():
        raise BackupError("backup.exists", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    _, secret = libpq_url(url)
    env = {**os.environ, **secret}
    done = subprocess.run(
        pg_dump_command(url, partial), env=env, capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError("backup.pg_failed", exit_code=1, detail=done.stderr.strip()[-500:])
    listing = subprocess.run(
        ["pg_restore", "--list", str(partial)], capture_output=True, text=True, timeout=600
    )
    if listing.returncode != 0 or "TABLE DATA public alembic_version" not in listing.stdout:
        partial.unlink(missing_ok=True)
        raise BackupError("backup.pg_failed", exit_code=1, detail=listing.stderr.strip()[-500:])
    os.replace(partial, target)

    return Backup(path=target, size=target.stat().st_size, revision=db.current_revision(url) or "")


def pg_guidance(url: str) -> str:
    """The pg_dump and pg_restore commands for this database (password left out)."""

    conninfo, _ = libpq_url(url)
    dump = " ".join(pg_dump_command(url, f"pora-{stamp()}.dump"))
    restore = f"pg_restore --no-owner --exit-on-error --single-transaction --dbname={conninfo} FILE"
    return t("backup.pg_guidance", "id", dump=dump, restore=restore)


# ----------------------------------------------------------------------------- commands


def command_backup(url: str, out: Path | None) -> int:
    """`python -m pora_dash backup [--out FILE]`: prints what was written, or why not."""

    path = sqlite_file(url)
    try:
        if path is not None:
            done = backup_sqlite(path, out)
        elif make_url(url).get_backend_name() == "sqlite":
            raise BackupError("backup.memory")
        else:
            done = backup_postgres(url, out)
    except BackupError as exc:
        print(t(exc.key, "id", **exc.values), file=sys.stderr)
        if path is None and exc.key.startswith("backup.pg_"):
            print(pg_guidance(url), file=sys.stderr)
        return exc.exit_code
    print(t("backup.done", "id", path=done.path, size=fmt_int(done.size), revision=done.revision))
    return 0


def command_restore(url: str, source: Path, *, yes: bool) -> int:
    """`python -m pora_dash restore FILE [--yes]` (SQLite only)."""

    path = sqlite_file(url)
    if path is None:
        key = "backup.restore_memory" if make_url(url).get_backend_name() == "sqlite" else None
        print(t(key or "backup.restore_pg", "id"), file=sys.stderr)
        if key is None:
            print(pg_guidance(url), file=sys.stderr)
        return 2
    try:
        done = restore_sqlite(source, path, yes=yes)
    except BackupError as exc:
        print(t(exc.key, "id", **exc.values), file=sys.stderr)
        return exc.exit_code
    print(t("backup.restored", "id", path=source, target=path, revision=done.revision))
    if done.aside:
        print(t("backup.aside", "id", path=done.aside))
    return 0
