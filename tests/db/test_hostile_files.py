"""Hostile imports (issue 18): each refused with its Indonesian message, in bounded memory and
time, nothing written, and the CLI never prints a traceback. Headers that match nothing,
status synonyms."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select

from pora_dash.importing import Actor, ImportInputError, prepare
from pora_dash.importing.problems import render
from pora_dash.importing.reading import read_table
from pora_dash.importing.rows import Status
from pora_dash.store import db
from pora_dash.store.models import ImportRecord
from tests import hostile
from tests import import_world as world
from tests.db.test_import_cli import cli, counts


def _refusal(data: bytes, name: str) -> list[str]:
    with pytest.raises(ImportInputError) as refused:
        read_table(data, name)
    return [render(p, "id") for p in refused.value.problems]


def test_the_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = hostile.xlsx_bomb()
    assert len(bomb) < 2 * 1024 * 1024  # ~1 MB on disk, 1 GiB unpacked
    tracemalloc.start()
    started = time.perf_counter()
    messages = _refusal(bomb, "bomb.xlsx")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert messages == [
        "Berkas Excel ditolak: isinya setelah dibuka lebih dari 200 MB (batas isi berkas "
        ".xlsx). Pecah berkas menjadi beberapa bagian atau simpan sebagai CSV."
    ]
    assert elapsed < 5 and peak < 50 * 1024 * 1024


def test_a_huge_string_under_the_unpacked_limit_is_refused_while_streaming() -> None:
    """A zip that declares less than the limit is still read in steps: the first text run
    longer than a cell can hold stops it, before openpyxl holds 100 MB of one string."""
    tracemalloc.start()
    messages = _refusal(hostile.xlsx_bomb(100), "besar.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "ada sel yang lebih panjang dari 32.767 karakter" in messages[0]
    assert peak < 50 * 1024 * 1024


def test_a_10_mb_line_names_its_row() -> None:
    data = hostile.HEADER + b"Ahmad;AFG;L;1990\r\n" + b"A" * (10 * 1024 * 1024) + b"\r\n"
    assert _refusal(data, "x.csv") == [
        "Baris 3: Sel lebih panjang dari 32.767 karakter (batas Excel): periksa baris ini, "
        "mungkin berkas rusak atau tanda kutipnya tidak tertutup."
    ]


def test_a_cell_over_excels_limit_in_a_csv_names_its_row() -> None:
    data = hostile.HEADER + b"Ahmad;AFG;L;1990\r\n" + b"B" * 40_000 + b";AFG;L;1990\r\n"
    assert _refusal(data, "x.csv")[0].startswith("Baris 3: Sel lebih panjang")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("unregistered", "not_registered"),
        ("Belum terdaftar", "not_registered"),
        ("tidak terdaftar", "not_registered"),
        ("Pending", "registered_pending"),
        ("Pencari suaka", "asylum_seeker"),
    ],
)
def test_status_synonyms(value: str, code: str) -> None:
    from pydantic import TypeAdapter

    assert TypeAdapter(Status).validate_python(value) == code


def test_headers_that_match_nothing_are_listed(any_db: str) -> None:
    world.build(any_db)
    raw = b"kolom_1;kolom_2;keterangan_x;nilai_y\r\n1;A;AFG;L\r\n"
    with db.session_scope(any_db) as session, pytest.raises(ImportInputError) as refused:
        prepare(session, raw, kind="persons", file_name="mentah.csv", actor=Actor("admin.uji"))
    (message,) = [render(p, "id") for p in refused.value.problems]
    assert message.startswith("Baris 1: Tidak ada judul kolom yang dikenal")
    assert "(tidak dikenal): kolom_1; kolom_2; keterangan_x; nilai_y." in message
    assert "Kolom wajib yang tidak ada: " in message and "Nama lengkap" in message
    assert "Baris judul templat: Instansi sumber;No. referensi;Nama lengkap;" in message


def test_the_hostile_set_in_the_cli(any_db: str, tmp_path: Path) -> None:
    world.build(any_db)
    before = counts(any_db)
    for name, (path, phrase) in hostile.files(tmp_path).items():
        started = time.perf_counter()
        run = cli(any_db, str(path), "--kind", "persons", "--as", "admin.uji")
        assert run.returncode == 2, (name, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr + run.stdout, name
        assert phrase in run.stderr, (name, run.stderr)
        assert "Ditolak: tidak ada yang disimpan." in run.stderr
        assert time.perf_counter() - started < 30, name
    persons, movements, logged = counts(any_db)
    assert (persons, movements) == before[:2]  # no data; each refusal is in the import log
    with db.session_scope(any_db) as session:
        statuses = session.scalars(select(ImportRecord.status).order_by(ImportRecord.id)).all()
    assert len(statuses) == logged and set(statuses[before[2] :]) <= {"refused"}
