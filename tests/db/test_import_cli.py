"""`python -m pora_dash import`: exit codes, Indonesian messages, dry runs that write nothing,
`--as` scope, and a process killed in the middle of its transaction leaving the database
exactly as it was (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import ImportRecord, Movement, Person
from tests import import_world as world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world_db(any_db: str) -> str:
    world.build(any_db)
    return any_db


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORA_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "pora_dash", "import", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def counts(url: str) -> tuple[int, int, int]:
    with db.session_scope(url) as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Person, Movement, ImportRecord)
        )


def test_import_dry_run_and_exit_codes(world_db: str, tmp_path: Path) -> None:
    good = tmp_path / "unhcr-oktober.csv"
    good.write_bytes(world.csv_bytes(world.PERSONS))
    dry = cli(world_db, str(good), "--kind", "persons", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "akan ditambah 3" in dry.stdout and "Tidak ada yang disimpan" in dry.stdout
    assert counts(world_db) == (0, 0, 0)

    done = cli(world_db, str(good), "--kind", "persons")
    assert done.returncode == 0, done.stderr
    assert "Impor selesai: 3 baris; ditambah 3, diperbarui 0, tetap 0" in done.stdout
    assert counts(world_db) == (3, 3, 1)

    again = cli(world_db, str(good), "--kind", "persons")
    assert again.returncode == 0 and "ditambah 0, diperbarui 0, tetap 3" in again.stdout

    rows = [r[:] for r in world.PERSONS]
    rows[2][4] = "Atlantis"
    bad = tmp_path / "rusak.csv"
    bad.write_bytes(world.csv_bytes(rows))
    refused = cli(world_db, str(bad), "--kind", "persons")
    assert refused.returncode == 2
    assert (
        "- Baris 4, kolom Kewarganegaraan: kewarganegaraan Atlantis tidak dikenal" in refused.stderr
    )
    assert "Ditolak: tidak ada yang disimpan." in refused.stderr
    assert counts(world_db)[:2] == (3, 3)

    missing = cli(world_db, str(tmp_path / "tidak-ada.csv"), "--kind", "persons")
    assert missing.returncode == 1 and "Berkas tidak dapat dibaca" in missing.stderr


def test_agency_option_and_user_scope(world_db: str, tmp_path: Path) -> None:
    header = world.PERSON_HEADER[1:]  # no agency column: --agency says whose list it is
    path = tmp_path / "simkim.csv"
    path.write_bytes(world.csv_bytes([r[1:] for r in world.PERSONS], header))
    no_agency = cli(world_db, str(path), "--kind", "persons")
    assert no_agency.returncode == 2 and "kolom Instansi sumber: wajib diisi" in no_agency.stderr
    scoped = cli(
        world_db, str(path), "--kind", "persons", "--agency", "SIMKIM", "--as", "op.brebes"
    )
    assert scoped.returncode == 2 and "di luar cakupan Anda" in scoped.stderr
    viewer = cli(world_db, str(path), "--kind", "persons", "--agency", "SIMKIM", "--as", "pemirsa")
    assert viewer.returncode == 2 and "tidak berhak mengimpor" in viewer.stderr
    ok = cli(world_db, str(path), "--kind", "persons", "--agency", "SIMKIM", "--as", "admin.uji")
    assert ok.returncode == 0, ok.stderr
    with db.session_scope(world_db) as session:
        record = session.scalars(
            select(ImportRecord).where(ImportRecord.status == "committed")
        ).one()
        assert record.username == "admin.uji"


def test_killing_an_import_mid_transaction_leaves_the_database_as_before(
    world_db: str, tmp_path: Path
) -> None:
    seed = tmp_path / "awal.csv"
    seed.write_bytes(world.csv_bytes(world.PERSONS))
    assert cli(world_db, str(seed), "--kind", "persons").returncode == 0
    with db.session_scope(world_db) as session:
        before_version = db.data_version(session)
    before = counts(world_db)

    big = tmp_path / "besar.csv"
    big.write_bytes(world.many_persons(25_000))
    env = {**os.environ, "PORA_DATABASE_URL": world_db}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pora_dash", "import", str(big), "--kind", "persons"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    deadline = time.monotonic() + 240
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen.append(line)
        if line.startswith("Menulis ke basis data:"):
            break  # the transaction is open and rows are being written
        assert line or proc.poll() is None, "".join(seen)
    else:
        proc.kill()
        pytest.fail("the import never started writing")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL  # killed, not finished
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()
    db._engine.cache_clear()  # a fresh connection, as the next program would open
    db._sessionmaker_for.cache_clear()
    assert counts(world_db) == before
    with db.session_scope(world_db) as session:
        assert db.data_version(session) == before_version
        refs = session.scalars(select(Person.source_ref).where(Person.source_ref.like("BIG-%")))
        assert list(refs) == []
