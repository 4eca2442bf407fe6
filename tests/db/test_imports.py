"""Imports: a valid file imports exactly; one bad row refuses the whole file and names the row
and column; the same file twice changes nothing; an updated file updates and records a
movement; scope, encodings, separators, Excel sheets, size limit, templates round trip.
Database-touching behaviour runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from pora_dash.access.scope import Scope
from pora_dash.importing import Actor, ImportInputError, entry, import_file, prepare, render
from pora_dash.importing.matching import match_nationality, match_region
from pora_dash.importing.plan import CHUNK
from pora_dash.importing.templates import template_csv, template_xlsx
from pora_dash.store import db
from pora_dash.store.models import (
    Action,
    ActionUpdate,
    AuditEntry,
    ImportRecord,
    Incident,
    Meeting,
    Movement,
    Person,
    Site,
)
from tests import import_world as world

ADMIN = Actor("admin.uji")
BREBES = Actor("op.brebes", Scope.of(["33.29"]))


@pytest.fixture
def world_db(any_db: str) -> str:
    world.build(any_db)
    return any_db


@pytest.fixture
def sqlite_world(sqlite_db: str) -> str:
    world.build(sqlite_db)
    return sqlite_db


def run(url: str, data: bytes, kind: str = "persons", actor: Actor = ADMIN, **kw):  # type: ignore[no-untyped-def]
    return import_file(data, kind=kind, file_name=f"{kind}.csv", actor=actor, url=url, **kw)


def count(url: str, model: type) -> int:
    with db.session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def persons(url: str) -> dict[str, Person]:
    with db.session_scope(url) as session:
        return {p.source_ref: p for p in session.scalars(select(Person))}


def snapshot(url: str) -> dict[str, int]:
    with db.session_scope(url) as session:
        return {
            m.__tablename__: int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Person, Movement, Site, Incident, Meeting, Action, ImportRecord)
        } | {"version": db.data_version(session)}


def refused(url: str, data: bytes, kind: str = "persons", **kw) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportInputError) as info:
        run(url, data, kind, **kw)
    return [render(p, "id") for p in info.value.problems]


# ------------------------------------------------------------------- persons, both databases


def test_valid_file_imports_exactly(world_db: str) -> None:
    before = snapshot(world_db)
    outcome = run(world_db, world.csv_bytes(world.PERSONS))
    assert (outcome.added, outcome.updated, outcome.unchanged) == (3, 0, 0)
    got = persons(world_db)
    assert set(got) == {"UNHCR-IDN-1", "UNHCR-IDN-2", "UNHCR-IDN-3"}
    first, second, third = got["UNHCR-IDN-1"], got["UNHCR-IDN-2"], got["UNHCR-IDN-3"]
    assert (first.nationality, first.sex, first.unhcr_status) == ("PSE", "M", "refugee")
    assert (second.nationality, second.sex, second.full_name) == ("PSE", "F", "Fatima Hassan")
    assert first.arrival_date == second.arrival_date == dt.date(2019, 7, 17)
    assert first.region_code == "33.29.05" and first.kabkota_code == "33.29"
    assert first.accommodation == "independent" and first.lifecycle == "active"
    assert (third.nationality, third.unhcr_status, third.kecamatan_code) == (
        "AFG",
        "asylum_seeker",
        "31.75.04",
    )
    assert third.arrival_date == dt.date(2023, 3, 3)
    assert third.accommodation == "community_housing"
    with db.session_scope(world_db) as session:
        moves = session.scalars(select(Movement).order_by(Movement.person_id)).all()
        assert [(m.from_region_code, m.to_region_code) for m in moves] == [
            (None, "33.29.05"),
            (None, "33.29.05"),
            (None, "31.75.04"),
        ]
        assert moves[2].moved_on == dt.date(2023, 3, 3)
        record = session.scalars(select(ImportRecord)).one()
        assert (record.username, record.kind, record.status) == (
            "admin.uji",
            "persons",
            "committed",
        )
        assert (record.added, record.updated, record.unchanged, record.refused) == (3, 0, 0, 0)
        assert len(record.sha256) == 64
        audit = session.scalars(select(AuditEntry).where(AuditEntry.event == "import")).one()
        assert audit.username == "admin.uji" and '"added": 3' in (audit.detail or "")
        assert db.data_version(session) == before["version"] + 1


def test_one_bad_row_imports_nothing_and_names_row_and_column(world_db: str) -> None:
    rows = [r[:] for r in world.PERSONS]
    rows[1][8] = "31/02/2019"  # the file's row 3
    before = snapshot(world_db)
    problems = refused(world_db, world.csv_bytes(rows))
    assert problems == [
        "Baris 3, kolom Tanggal tiba: 31/02/2019 bukan tanggal yang ada "
        "(tulis DD/MM/YYYY atau YYYY-MM-DD)."
    ]
    after = snapshot(world_db)
    assert after["imports"] == before["imports"] + 1  # the refusal is logged ...
    assert {k: v for k, v in after.items() if k != "imports"} == {
        k: v for k, v in before.items() if k != "imports"
    }  # ... and nothing else changed
    with db.session_scope(world_db) as session:
        log = session.scalars(select(ImportRecord)).one()
        assert (log.status, log.refused, log.added) == ("refused", 1, 0)


def test_second_import_of_the_same_file_is_a_no_op(world_db: str) -> None:
    data = world.csv_bytes(world.PERSONS)
    run(world_db, data)
    before = snapshot(world_db)
    stamps = {k: p.updated_at for k, p in persons(world_db).items()}
    outcome = run(world_db, data)
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 0, 3)
    after = snapshot(world_db)
    assert after["persons"] == before["persons"] and after["movements"] == before["movements"]
    assert after["version"] == before["version"]  # nothing changed: caches stay valid
    assert {k: p.updated_at for k, p in persons(world_db).items()} == stamps


def test_updated_file_updates_and_records_a_movement(world_db: str) -> None:
    run(world_db, world.csv_bytes(world.PERSONS))
    rows = [r[:] for r in world.PERSONS]
    rows[0][10] = "Tonjong"  # moved within Brebes
    rows[1][5] = "Ditolak / ditutup"
    header = [*world.PERSON_HEADER, "Tanggal pindah"]
    rows = [[*r, "01/10/2026" if i == 0 else ""] for i, r in enumerate(rows)]
    outcome = run(world_db, world.csv_bytes(rows, header))
    assert (outcome.added, outcome.updated, outcome.unchanged, outcome.movements) == (0, 2, 1, 1)
    got = persons(world_db)
    assert got["UNHCR-IDN-1"].kecamatan_code == "33.29.06"
    assert got["UNHCR-IDN-2"].unhcr_status == "rejected"
    with db.session_scope(world_db) as session:
        moved = session.scalars(
            select(Movement)
            .where(Movement.person_id == got["UNHCR-IDN-1"].id)
            .order_by(Movement.moved_on)
        ).all()
    assert [(m.from_region_code, m.to_region_code, m.moved_on) for m in moved] == [
        (None, "33.29.05", dt.date(2019, 7, 17)),
        ("33.29.05", "33.29.06", dt.date(2026, 10, 1)),
    ]


def test_a_long_updated_list_updates_every_row_and_records_each_movement(
    world_db: str,
) -> None:
    """More rows than one write batch (core.CHUNK), each changing its status and every fifth
    its kecamatan: the batched updates land on the right records, one movement each."""
    n = 2 * CHUNK + 7
    run(world_db, world.many_persons(n))
    outcome = run(world_db, world.many_persons(n, updated=True))
    movers = (n + 4) // 5
    assert (outcome.added, outcome.updated, outcome.unchanged, outcome.movements) == (
        0,
        n,
        0,
        movers,
    )
    kecamatan = ["33.29.05", "33.29.06", "31.75.04"]  # Sirampog, Tonjong, Kramat Jati
    got = persons(world_db)
    for i in (0, 1, 4, 5, 6, CHUNK - 1, CHUNK, CHUNK + 5, n - 1):
        person = got[f"BIG-{i:07d}"]
        moved = i % 5 == 0
        assert person.kecamatan_code == kecamatan[(i + moved) % 3], i
        assert person.kabkota_code == person.kecamatan_code[:5], i
        assert person.unhcr_status == ("asylum_seeker" if i % 10 < 7 else "refugee"), i
    with db.session_scope(world_db) as session:
        moves = session.execute(
            select(Person.source_ref, Movement.from_region_code, Movement.to_region_code)
            .join(Movement, Movement.person_id == Person.id)
            .where(Movement.from_region_code.is_not(None))
        ).all()
    assert len(moves) == movers
    assert all(int(ref[-7:]) % 5 == 0 for ref, _, _ in moves)
    assert all(kecamatan.index(b) == (kecamatan.index(a) + 1) % 3 for _, a, b in moves)
    again = run(world_db, world.many_persons(n, updated=True))
    assert (again.updated, again.unchanged, again.movements) == (0, n, 0)


def test_rows_outside_the_users_scope_are_refused(world_db: str) -> None:
    problems = refused(world_db, world.csv_bytes(world.PERSONS), actor=BREBES)
    assert problems == [
        "Baris 4, kolom Kabupaten/Kota: wilayah Kramatjati — Kota Adm. Jakarta Timur, "
        "Daerah Khusus Ibukota Jakarta di luar cakupan Anda."
    ]
    assert count(world_db, Person) == 0
    run(world_db, world.csv_bytes(world.PERSONS[:2]), actor=BREBES)
    assert count(world_db, Person) == 2


def test_an_existing_record_outside_scope_cannot_be_moved_in(sqlite_world: str) -> None:
    run(sqlite_world, world.csv_bytes(world.PERSONS))
    rows = [world.PERSONS[2][:]]
    rows[0][9:11] = ["Kab. Brebes", "Sirampog"]  # a Jakarta record, "moved" by a Brebes user
    problems = refused(sqlite_world, world.csv_bytes(rows), actor=BREBES)
    assert "di luar cakupan Anda" in problems[0] and "UNHCR-IDN-3" in problems[0]
    assert persons(sqlite_world)["UNHCR-IDN-3"].kabkota_code == "31.75"


# --------------------------------------------------------------------------- row problems


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (8, "17/13/2019", "Baris 2, kolom Tanggal tiba: 17/13/2019 bukan tanggal yang ada"),
        (8, "01/01/2030", "Baris 2, kolom Tanggal tiba: tanggal 01/01/2030 belum terjadi."),
        (7, "2020", "Baris 2, kolom Tahun lahir: tahun lahir 2020 sesudah tanggal tiba."),
        (7, "tua", "Baris 2, kolom Tahun lahir: tua bukan bilangan bulat."),
        (4, "Atlantis", "Baris 2, kolom Kewarganegaraan: kewarganegaraan Atlantis tidak dikenal"),
        (6, "X", "Baris 2, kolom Jenis kelamin: X tidak dikenal; pilihan: Laki-laki, Perempuan."),
        (1, "", "Baris 2, kolom No. referensi: wajib diisi."),
        (0, "BPS", "Baris 2, kolom Instansi sumber: instansi BPS tidak dikenal"),
        (10, "Atlantis", "Baris 2, kolom Kecamatan: wilayah Atlantis tidak ditemukan di "),
        (9, "Tegal", "Baris 2, kolom Kabupaten/Kota: nama Tegal cocok dengan beberapa wilayah"),
    ],
)
def test_each_problem_is_reported_at_its_row_and_column(
    sqlite_world: str, column: int, value: str, message: str
) -> None:
    row = world.PERSONS[0][:]
    row[column] = value
    problems = refused(sqlite_world, world.csv_bytes([row, world.PERSONS[1]]))
    assert len(problems) == 1 and problems[0].startswith(message), problems
    assert count(sqlite_world, Person) == 0


def test_duplicates_inside_the_file_are_problems(sqlite_world: str) -> None:
    rows = [world.PERSONS[0], world.PERSONS[1], world.PERSONS[0]]
    assert refused(sqlite_world, world.csv_bytes(rows)) == [
        "Baris 4, kolom No. referensi: sama dengan baris 2 di berkas ini."
    ]


def test_a_missing_required_column_is_named_once(sqlite_world: str) -> None:
    header = [h for h in world.PERSON_HEADER if h != "Kewarganegaraan"]
    rows = [r[:4] + r[5:] for r in world.PERSONS]
    assert refused(sqlite_world, world.csv_bytes(rows, header)) == [
        "Baris 1, kolom Kewarganegaraan: kolom wajib Kewarganegaraan tidak ada di baris judul."
    ]


def test_problems_are_rendered_in_english_too(sqlite_world: str) -> None:
    row = world.PERSONS[0][:]
    row[8] = "31/02/2019"
    with pytest.raises(ImportInputError) as info:
        run(sqlite_world, world.csv_bytes([row]))
    assert render(info.value.problems[0], "en") == (
        "Row 2, column Tanggal tiba: 31/02/2019 is not a date that exists "
        "(use DD/MM/YYYY or YYYY-MM-DD)."
    )


# ---------------------------------------------------------------------- region matching


@pytest.mark.parametrize(
    ("kwargs", "code", "method"),
    [
        ({"kabkota": "Kab. Brebes", "kecamatan": "Sirampog"}, "33.29.05", "name"),
        ({"kabkota": "KABUPATEN BREBES", "kecamatan": "sirampog"}, "33.29.05", "name"),
        ({"kabkota": "Brebes", "kecamatan": "Kec. Sirampog"}, "33.29.05", "name"),
        ({"kabkota": "Kota Adm. Jakarta Timur"}, "31.75", "name"),
        ({"kabkota": "Kota Administrasi Jakarta Timur"}, "31.75", "name"),
        ({"kabkota": "Jakarta Timur", "kecamatan": "Kramatjati"}, "31.75.04", "name"),
        ({"kabkota": "Djakarta Timur"}, "31.75", "name"),
        ({"kabkota": "Kota Tegal"}, "33.76", "name"),
        ({"kabkota": "Kab Tegal"}, "33.28", "name"),
        ({"kabkota": "Kab. Brebes", "kecamatan": "Sirampok"}, "33.29.05", "similar"),
        ({"code": "33.29.05"}, "33.29.05", "code"),
        ({"kabkota": "33.29", "kecamatan": "Sirampog"}, "33.29.05", "name"),
        ({"province": "Jawa Tengah", "kecamatan": "Sirampog"}, "33.29.05", "name"),
    ],
)
def test_region_names_are_matched_tolerantly(kwargs: dict, code: str, method: str) -> None:
    match = match_region(**kwargs)
    assert (match.code, match.method) == (code, method), match.problem


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"kabkota": "Tegal"}, "import.region.ambiguous"),
        ({"kecamatan": "Cisarua"}, "import.region.ambiguous"),
        ({"code": "33.99.99"}, "import.region.unknown_code"),
        ({"kabkota": "Kab. Brebes", "kecamatan": "Menteng"}, "import.region.unknown"),
    ],
)
def test_ambiguous_or_unknown_regions_are_problems_not_guesses(kwargs: dict, key: str) -> None:
    match = match_region(**kwargs)
    assert match.code is None and match.problem is not None and match.problem.key == key


def test_a_similar_spelling_needs_confirmation(sqlite_world: str) -> None:
    row = world.PERSONS[0][:]
    row[10] = "Sirampok"
    data = world.csv_bytes([row])
    problems = refused(sqlite_world, data)
    assert "Sirampok / Kab. Brebes → Sirampog — Kab. Brebes, Jawa Tengah (33.29.05)" in problems[0]
    assert count(sqlite_world, Person) == 0
    assert run(sqlite_world, data, confirm_matches=True).added == 1
    assert persons(sqlite_world)["UNHCR-IDN-1"].kecamatan_code == "33.29.05"


def test_the_preview_lists_the_region_matches(sqlite_world: str) -> None:
    with db.session_scope(sqlite_world) as session:
        plan = prepare(
            session,
            world.csv_bytes(world.PERSONS),
            kind="persons",
            file_name="p.csv",
            actor=ADMIN,
        )
    shown = [(m.written, m.code, n) for m, n in plan.region_matches()]
    assert shown == [
        ("Kramat Jati / Kota Adm. Jakarta Timur", "31.75.04", 1),
        ("SIRAMPOG / Kabupaten Brebes", "33.29.05", 1),
        ("Sirampog / Kab. Brebes", "33.29.05", 1),
    ]
    assert (plan.added, plan.updated, plan.unchanged) == (3, 0, 0)
    assert count(sqlite_world, Person) == 0  # a preview writes nothing


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Afganistan", "AFG"),
        ("Afghanistan", "AFG"),
        ("af", "AFG"),
        ("AFG", "AFG"),
        ("Somalia", "SOM"),
        ("Palestina", "PSE"),
        ("Palestine", "PSE"),
        ("Irak", "IRQ"),
        ("Iraq", "IRQ"),
        ("Suriah", "SYR"),
        ("Myanmar", "MMR"),
        ("Sri Lanka", "LKA"),
        ("Yaman", "YEM"),
        ("Atlantis", None),
        ("XX", None),
    ],
)
def test_nationalities_by_indonesian_or_english_name_or_iso_code(
    written: str, code: str | None
) -> None:
    assert match_nationality(written) == code


# -------------------------------------------------------------------- files and encodings


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [
        (";", "utf-8"),
        (",", "utf-8"),
        (";", "utf-8-sig"),
        (",", "utf-8-sig"),
        (";", "cp1252"),
        ("\t", "utf-16"),
    ],
)
def test_encodings_and_separators(sqlite_world: str, sep: str, encoding: str) -> None:
    rows = [r[:] for r in world.PERSONS]
    rows[0][2] = "Ahmad Hassan Müller-Gómez"  # letters that differ between the encodings
    rows[1][2] = "Fatima, binti Hassan"  # a separator inside a quoted field
    outcome = run(sqlite_world, world.csv_bytes(rows, sep=sep, encoding=encoding))
    assert outcome.added == 3
    got = persons(sqlite_world)
    assert got["UNHCR-IDN-1"].full_name == "Ahmad Hassan Müller-Gómez"
    assert got["UNHCR-IDN-2"].full_name == "Fatima, binti Hassan"


def test_excel_with_several_sheets_reads_the_chosen_one(sqlite_world: str) -> None:
    dates = [[*r[:8], dt.datetime(2019, 7, 17), *r[9:]] for r in world.PERSONS[:2]]
    data = _xlsx(
        {
            "Catatan": [["Daftar dari UNHCR, Oktober 2026"]],
            "Brebes": [world.PERSON_HEADER, *dates],
        }
    )
    (problem,) = refused(sqlite_world, data)  # the first sheet has no usable header
    assert "Tidak ada judul kolom yang dikenal" in problem and "Kolom wajib yang tidak" in problem
    assert refused(sqlite_world, data, sheet="Jakarta") == [
        "Lembar Jakarta tidak ada; lembar yang ada: Catatan, Brebes."
    ]
    assert run(sqlite_world, data, sheet="Brebes").added == 2
    assert persons(sqlite_world)["UNHCR-IDN-1"].arrival_date == dt.date(2019, 7, 17)


def test_a_file_over_the_limit_is_refused_with_its_size(
    sqlite_world: str, monkeypatch: pytest.MonkeyPatch, use_db
) -> None:
    monkeypatch.setenv("PORA_MAX_UPLOAD_MB", "1")
    use_db(sqlite_world)
    data = world.csv_bytes(world.PERSONS) + b"\r\n" * (1024 * 1024)
    assert refused(sqlite_world, data) == [
        "Berkas terlalu besar: 2.0 MB, batasnya 1 MB. Pecah berkas menjadi beberapa bagian."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Berkas kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Format Excel lama (.xls)"),
        (b"PK\x03\x04garbage", "Berkas Excel tidak dapat dibaca"),
        (b"\x00\x01\x02binary", "Berkas ini bukan CSV"),
    ],
)
def test_unreadable_files_get_a_clear_message(sqlite_world: str, data: bytes, message: str) -> None:
    problems = refused(sqlite_world, data)
    assert problems[0].startswith(message)
    assert count(sqlite_world, Person) == 0


# ------------------------------------------------------------------ the other kinds


@pytest.mark.parametrize("kind", ["persons", "sites", "meetings", "incidents"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_example_row_imports(sqlite_world: str, kind: str, fmt: str) -> None:
    data = template_csv(kind) if fmt == "csv" else template_xlsx(kind)
    first = run(sqlite_world, data, kind)
    assert (first.added, first.updated, first.unchanged) == (1, 0, 0)
    again = run(sqlite_world, data, kind)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_meetings_and_actions_import_update_and_keep_history(world_db: str) -> None:
    header = [
        "Tanggal rapat",
        "Tingkat rapat",
        "Kantor penyelenggara",
        "Judul rapat",
        "Kabupaten/Kota",
        "Tindak lanjut",
        "Instansi pelaksana",
        "Tenggat",
        "Status",
        "Tanggal selesai",
    ]
    meeting = ["17/07/2024", "Kabupaten/kota", "IMIGRASI-33.27", "Rakor Timpora Brebes", "Brebes"]
    rows = [
        [*meeting, "Pendataan ulang", "KESBANGPOL-33.29", "30/09/2024", "Terbuka", ""],
        [*meeting, "Sosialisasi desa", "POLRI-33.29", "31/10/2024", "", ""],
    ]
    outcome = run(world_db, world.csv_bytes(rows, header), "meetings")
    assert outcome.added == 2
    assert (count(world_db, Meeting), count(world_db, Action)) == (1, 2)
    assert run(world_db, world.csv_bytes(rows, header), "meetings").unchanged == 2
    rows[0][8:10] = ["Selesai", "20/09/2024"]
    outcome = run(world_db, world.csv_bytes(rows, header), "meetings", actor=BREBES)
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 1, 1)
    with db.session_scope(world_db) as session:
        done = session.scalars(select(Action).where(Action.description == "Pendataan ulang")).one()
        assert (done.status, done.completed_on) == ("done", dt.date(2024, 9, 20))
        history = session.scalars(
            select(ActionUpdate).where(ActionUpdate.action_id == done.id).order_by(ActionUpdate.id)
        ).all()
        assert [(h.old_status, h.new_status, h.username) for h in history] == [
            (None, "open", "admin.uji"),
            ("open", "done", "op.brebes"),
        ]
    rows[1][7] = "01/07/2024"  # due before the meeting
    assert refused(world_db, world.csv_bytes(rows, header), "meetings") == [
        "Baris 3, kolom Tenggat: tenggat sebelum tanggal rapat."
    ]


def test_sites_and_incidents_import_idempotently(sqlite_world: str) -> None:
    sites = world.csv_bytes(
        [
            [
                "CH-BREBES-02",
                "Community House Tonjong",
                "Rumah komunitas",
                "30",
                "IOM",
                "Brebes",
                "Tonjong",
            ],
            ["RUDENIM-UJI", "Rudenim Uji", "Rudenim", "120", "", "Kota Tegal", ""],
        ],
        [
            "Kode lokasi",
            "Nama lokasi",
            "Jenis",
            "Kapasitas",
            "Instansi pengelola",
            "Kabupaten/Kota",
            "Kecamatan",
        ],
    )
    assert run(sqlite_world, sites, "sites").added == 2
    assert run(sqlite_world, sites, "sites").unchanged == 2
    incidents = world.csv_bytes(
        [
            [
                "17/10/2024",
                "Unjuk rasa",
                "Tinggi",
                "40",
                "Berkumpul di kantor kecamatan",
                "Brebes",
                "Sirampog",
            ]
        ],
        [
            "Tanggal kejadian",
            "Jenis kejadian",
            "Tingkat",
            "Jumlah orang",
            "Uraian",
            "Kabupaten/Kota",
            "Kecamatan",
        ],
    )
    assert run(sqlite_world, incidents, "incidents").added == 1
    assert run(sqlite_world, incidents, "incidents").unchanged == 1
    with db.session_scope(sqlite_world) as session:
        incident = session.scalars(select(Incident)).one()
        assert (incident.kind, incident.severity, incident.kecamatan_code) == (
            "protest",
            3,
            "33.29.05",
        )
        rudenim = session.scalars(select(Site).where(Site.code == "RUDENIM-UJI")).one()
        assert (rudenim.kind, rudenim.capacity, rudenim.region_code) == ("rudenim", 120, "33.76")


def test_updated_sites_and_incidents_files_update_the_records(world_db: str) -> None:
    header = ["Kode lokasi", "Nama lokasi", "Jenis", "Kapasitas", "Kabupaten/Kota", "Kecamatan"]
    sites = [
        ["CH-BREBES-02", "Community House Tonjong", "Rumah komunitas", "30", "Brebes", "Tonjong"],
        ["CH-BREBES-03", "Shelter Uji", "Shelter", "10", "Brebes", "Sirampog"],
        ["RUDENIM-UJI", "Rudenim Uji", "Rudenim", "120", "Kota Tegal", ""],
    ]
    run(world_db, world.csv_bytes(sites, header), "sites")
    sites[0][3] = "45"  # capacity only
    sites[1][4:6] = ["Kab. Tegal", "Slawi"]  # moved: the place codes follow
    outcome = run(world_db, world.csv_bytes(sites, header), "sites")
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 2, 1)
    with db.session_scope(world_db) as session:
        got = {s.code: s for s in session.scalars(select(Site))}
        assert got["CH-BREBES-02"].capacity == 45
        assert got["CH-BREBES-02"].kecamatan_code == "33.29.06"
        moved = got["CH-BREBES-03"]
        assert (moved.kabkota_code, moved.capacity) == ("33.28", 10)
        assert moved.kecamatan_code is not None and moved.kecamatan_code.startswith("33.28.")
        assert got["RUDENIM-UJI"].region_code == "33.76"
    header = ["Tanggal kejadian", "Jenis kejadian", "Tingkat", "Jumlah orang", "Uraian"]
    header += ["Kabupaten/Kota", "Kecamatan"]
    incidents = [
        ["17/10/2024", "Unjuk rasa", "Sedang", "40", "Berkumpul", "Brebes", "Sirampog"],
        ["18/10/2024", "Unjuk rasa", "Rendah", "12", "Berkumpul lagi", "Brebes", "Sirampog"],
    ]
    run(world_db, world.csv_bytes(incidents, header), "incidents")
    incidents[0][2:4] = ["Tinggi", "60"]
    outcome = run(world_db, world.csv_bytes(incidents, header), "incidents")
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 1, 1)
    with db.session_scope(world_db) as session:
        got_incidents = {i.description: i for i in session.scalars(select(Incident))}
    assert (got_incidents["Berkumpul"].severity, got_incidents["Berkumpul"].people_involved) == (
        3,
        60,
    )
    assert got_incidents["Berkumpul lagi"].severity == 1


def test_a_person_at_a_site_takes_its_accommodation(sqlite_world: str) -> None:
    header = [*world.PERSON_HEADER[:9], "Kode lokasi"]
    row = [*world.PERSONS[0][:9], "CH-SIRAMPOG-01"]
    assert run(sqlite_world, world.csv_bytes([row], header)).added == 1
    person = persons(sqlite_world)["UNHCR-IDN-1"]
    assert (person.accommodation, person.region_code) == ("community_housing", "33.29.05")
    assert person.site_id is not None


def test_form_problems_are_named_by_the_form_labels_in_the_readers_language(
    sqlite_world: str,
) -> None:
    values = {
        "source_agency": "UNHCR",
        "source_ref": "FORM-1",
        "nationality": "Atlantis",
        "unhcr_status": "refugee",
        "sex": "F",
        "birth_year": 1990,
        "arrival_date": dt.date(2024, 5, 1),
        "region_code": None,
        "site_code": None,
        "accommodation": None,
    }

    def named(lang: str) -> list[tuple[str | None, str]]:
        with pytest.raises(ImportInputError) as info:
            entry.save("persons", values, actor=ADMIN, url=sqlite_world)
        problems = entry.in_form_terms("persons", info.value.problems, lang)
        return [(p.column, p.message(lang)) for p in problems]

    assert named("en") == [
        (
            "Nationality",
            "unknown nationality Atlantis (write a country name or an ISO code, "
            "e.g. Afghanistan, AF, AFG).",
        )
    ]
    values["nationality"] = "Somalia"
    assert [column for column, _ in named("en")] == ["Kecamatan", "Accommodation"]
    assert [column for column, _ in named("id")] == ["Kecamatan", "Akomodasi"]
    values.update(region_code="33.29.05", accommodation="shelter")
    assert entry.save("persons", values, actor=ADMIN, url=sqlite_world).added == 1
