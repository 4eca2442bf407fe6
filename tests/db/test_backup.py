"""`python -m pora_dash backup` and `restore` on a real SQLite database with the demo data (and
pg_dump on a real PostgreSQL database): a consistent copy while a writer is busy, a restore
that gives back exactly what was saved, and every refusal leaving the database untouched."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from pora_dash import cli
from pora_dash.store import backup, db

COUNTED = ("regions", "persons", "meetings", "actions", "users", "audit_log")


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}  # noqa: S608
    finally:
        conn.close()


def version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version FROM data_version WHERE key='data'").fetchone()[0]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Writer(threading.Thread):
    """Commits, as fast as it can, one audit entry plus one data-version bump per transaction,
    like the app does on every write."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.stop, self.commits = path, threading.Event(), 0

    def run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("INSERT OR IGNORE INTO data_version (key, version) VALUES ('data', 0)")
        while not self.stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO audit_log (at, username, event, detail) "
                "VALUES (CURRENT_TIMESTAMP, 'writer', 'test.write', '{}')"
            )
            conn.execute("UPDATE data_version SET version = version + 1 WHERE key = 'data'")
            conn.execute("COMMIT")
            self.commits += 1
        conn.close()


def run_cli(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.fixture
def live(demo_copy: str, use_db) -> Path:  # type: ignore[no-untyped-def]
    """The demo copy as the app's configured database; returns its file."""
    use_db(demo_copy)
    return Path(demo_copy.removeprefix("sqlite:///"))


def test_backup_while_writing_is_a_consistent_checked_copy(
    live: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    before = counts(live)
    start_version = version(live)
    writer = Writer(live)
    writer.start()
    while writer.commits < 20:  # the writer is really going
        threading.Event().wait(0.01)
    out = tmp_path / "copy.db"
    try:
        code = run_cli("backup", "--out", str(out))
        during = writer.commits
    finally:
        writer.stop.set()
        writer.join(10)
    assert code == 0, capsys.readouterr().err
    assert writer.commits > during  # the backup did not stop the writer for good
    printed = capsys.readouterr().out
    assert f"Cadangan dibuat: {out}" in printed and "integritas diperiksa" in printed

    copy = counts(out)
    after = counts(live)
    # the tables nobody wrote are identical; the audit log is the database of one instant
    assert {t: copy[t] for t in COUNTED if t != "audit_log"} == {
        t: before[t] for t in COUNTED if t != "audit_log"
    }
    assert before["audit_log"] + 20 <= copy["audit_log"] <= after["audit_log"]
    # each writer transaction added one entry and one version: both or neither are in the copy
    assert version(out) - start_version == copy["audit_log"] - before["audit_log"]
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no -wal
    conn.close()
    assert not Path(f"{out}-wal").exists() and not out.with_name("copy.db.partial").exists()


def test_default_name_is_timestamped_beside_the_database(live: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("backup") == 0
    made = sorted((live.parent / "backups").glob("pora-*.db"))
    assert len(made) == 1 and re.fullmatch(r"pora-\d{8}-\d{6}\.db", made[0].name)
    assert str(made[0]) in capsys.readouterr().out
    assert counts(made[0]) == counts(live)


def test_restore_gives_back_the_saved_data_and_keeps_the_replaced_one(
    live: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "saved.db"
    assert run_cli("backup", "--out", str(saved)) == 0
    saved_counts = counts(saved)
    writer = Writer(live)  # changes after the backup, which the restore must undo
    writer.start()
    while writer.commits < 50:
        threading.Event().wait(0.01)
    writer.stop.set()
    writer.join(10)
    changed = counts(live)
    version_before = version(live)
    assert changed["audit_log"] == saved_counts["audit_log"] + writer.commits
    capsys.readouterr()

    assert run_cli("restore", str(saved), "--yes") == 0
    out = capsys.readouterr().out
    assert counts(live) == saved_counts
    # cached reads of every app process are keyed by the version: it moves past both
    assert version(live) == max(version_before, version(saved)) + backup.VERSION_MARGIN
    aside = Path(re.search(r"disimpan di (\S+)\.$", out, re.M).group(1))  # type: ignore[union-attr]
    assert aside.parent == live.parent / "backups" and aside.name.startswith("pora-before-restore-")
    assert counts(aside) == changed
    assert db.current_revision(f"sqlite:///{live}") == max(backup.known_revisions())


def test_restore_asks_for_yes_and_changes_nothing(live: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "saved.db"
    assert run_cli("backup", "--out", str(saved)) == 0
    writer = Writer(live)
    writer.start()
    while writer.commits < 5:
        threading.Event().wait(0.01)
    writer.stop.set()
    writer.join(10)
    before, aside_dir = counts(live), live.parent / "backups"
    capsys.readouterr()
    assert run_cli("restore", str(saved)) == 2
    err = capsys.readouterr().err
    assert "--yes" in err and "Tidak ada yang diubah" in err
    assert counts(live) == before
    assert not aside_dir.exists() or not list(aside_dir.glob("pora-before-restore-*"))


def _not_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("id,name\n1,not a database\n")
    return path


def _other_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    return path


def _unknown_revision(tmp_path: Path, live: Path) -> Path:
    path = tmp_path / "future.db"
    assert backup.backup_sqlite(live, path).path == path
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return path


def _damaged(tmp_path: Path, live: Path) -> Path:
    path = tmp_path / "damaged.db"
    backup.backup_sqlite(live, path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4096] = b"\xff" * 4096  # one page of garbage
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp, live: tmp / "missing.db", "Berkas tidak ditemukan"),
        (lambda tmp, live: _not_sqlite(tmp), "bukan basis data SQLite"),
        (lambda tmp, live: _other_sqlite(tmp), "bukan basis data Dasbor PORA"),
        (_unknown_revision, "versi skema 9999 yang tidak dikenal"),
        (_damaged, "rusak"),
    ],
    ids=["missing", "not-sqlite", "not-pora", "unknown-revision", "damaged"],
)
def test_restore_refuses_what_is_not_a_known_pora_database(
    live: Path, tmp_path: Path, capsys, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    source = make(tmp_path, live)
    before = digest(live)
    capsys.readouterr()
    assert run_cli("restore", str(source), "--yes") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert digest(live) == before
    assert not (live.parent / "backups").exists()


def test_restore_refuses_a_postgresql_app_database(use_db, live: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    saved = backup.backup_sqlite(live, live.parent / "saved.db").path
    use_db("postgresql+psycopg://pora_app:s3cret@db.internal:5432/pora")
    assert run_cli("restore", str(saved), "--yes") == 2
    err = capsys.readouterr().err
    assert "hanya memulihkan SQLite" in err
    assert "pg_restore" in err and "--dbname=postgresql://pora_app@db.internal:5432/pora" in err
    assert "s3cret" not in err  # the guidance never prints the password


def test_backup_never_overwrites(live: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"keep me")
    assert run_cli("backup", "--out", str(taken)) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert taken.read_bytes() == b"keep me"


def test_backup_into_a_folder_gets_a_timestamped_name(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nightly"
    folder.mkdir()
    assert run_cli("backup", "--out", str(folder)) == 0
    (made,) = folder.iterdir()
    assert re.fullmatch(r"pora-\d{8}-\d{6}\.db", made.name)


@pytest.mark.postgres
def test_postgresql_backup_is_a_pg_dump_that_restores(
    pg_url: str, use_db, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from sqlalchemy import func, select, text

    from pora_dash.store.bootstrap import ensure_database
    from pora_dash.store.models import Region
    from tests.conftest import _pg_admin, fresh_pg_database

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    ensure_database(pg_url)
    use_db(pg_url)
    out = tmp_path / "pora.dump"
    assert run_cli("backup", "--out", str(out)) == 0, capsys.readouterr().err
    assert "Cadangan dibuat" in capsys.readouterr().out
    # the documented restore: pg_restore into an empty database gives the same data back
    target = fresh_pg_database(pg_url.rsplit("/", 1)[1] + "_restored")
    conninfo, _ = backup.libpq_url(target)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
         f"--dbname={conninfo}", str(out)],
        check=True,
        timeout=300,
    )  # fmt: skip
    try:
        with db.session_scope(pg_url) as a, db.session_scope(target) as b:
            n = select(func.count()).select_from(Region)
            assert a.scalar(n) == b.scalar(n) > 90_000
        assert db.current_revision(target) == db.current_revision(pg_url)
    finally:
        db.get_engine(target).dispose()
        with _pg_admin().connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.rsplit("/", 1)[1]}" WITH (FORCE)'))


def test_restore_onto_a_machine_without_a_database(
    live: Path, tmp_path: Path, use_db, capsys
) -> None:  # type: ignore[no-untyped-def]
    saved = backup.backup_sqlite(live, tmp_path / "saved.db").path
    fresh = tmp_path / "new-laptop" / "data" / "pora.db"
    use_db(f"sqlite:///{fresh}")
    assert run_cli("restore", str(saved), "--yes") == 0
    assert counts(fresh) == counts(saved)
    out = capsys.readouterr().out
    assert "dipulihkan" in out and "sebelumnya disimpan" not in out  # nothing to keep aside
    conn = sqlite3.connect(fresh)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()
