"""The same migrations run up, down and up again on SQLite and PostgreSQL, and the
constraints that keep the data honest are enforced by the database itself."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from pora_dash.store import db
from pora_dash.store.models import Action, Agency, Base, Meeting, Person, Region

EXPECTED_TABLES = set(Base.metadata.tables) | {"alembic_version"}


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_upgrade_downgrade_upgrade(backend: str, tmp_path, request) -> None:
    url = (
        f"sqlite:///{tmp_path / 'm.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    db.upgrade(url)
    assert set(inspect(db.get_engine(url)).get_table_names()) == EXPECTED_TABLES
    db.downgrade(url, "base")
    assert set(inspect(db.get_engine(url)).get_table_names()) <= {"alembic_version"}
    db.upgrade(url)
    assert db.current_revision(url) == db_head()


def db_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_current_head()


def test_models_match_migrations(tmp_path) -> None:
    """Autogenerate finds nothing to do: the migrations describe exactly the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    url = f"sqlite:///{tmp_path / 'cmp.db'}"
    db.upgrade(url)
    with db.get_engine(url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_db: str) -> None:
    with db.get_engine(sqlite_db).connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def _regions(session) -> None:
    session.execute(
        insert(Region),
        [
            {"code": "33", "name": "Jawa Tengah", "level": 1, "parent_code": None},
            {"code": "33.29", "name": "Kabupaten Brebes", "level": 2, "parent_code": "33"},
            {"code": "33.29.05", "name": "Sirampog", "level": 3, "parent_code": "33.29"},
        ],
    )
    session.add(Agency(id=1, code="IMI-PML", name="Kantor Imigrasi Pemalang", kind="imigrasi"))
    session.flush()


def _person(**overrides) -> Person:
    person = Person(
        source_agency_id=1,
        source_ref="R1",
        nationality="PSE",
        unhcr_status="refugee",
        sex="M",
        birth_year=1990,
        arrival_date=dt.date(2020, 1, 1),
        accommodation="independent",
        lifecycle="active",
    )
    person.place(overrides.pop("region", "33.29.05"))
    for key, value in overrides.items():
        setattr(person, key, value)
    return person


def test_person_in_unknown_region_is_refused(any_db: str) -> None:
    with pytest.raises(IntegrityError), db.session_scope(any_db) as session:
        _regions(session)
        session.add(_person(region="33.29.99"))
        session.flush()


def test_person_with_inconsistent_region_codes_is_refused(any_db: str) -> None:
    with pytest.raises(IntegrityError), db.session_scope(any_db) as session:
        _regions(session)
        person = _person()
        person.kabkota_code = "33"  # does not match the kecamatan
        session.add(person)
        session.flush()


def test_departed_person_needs_a_departure_date(any_db: str) -> None:
    with pytest.raises(IntegrityError), db.session_scope(any_db) as session:
        _regions(session)
        session.add(_person(lifecycle="resettled"))
        session.flush()


def test_due_date_cannot_precede_its_meeting(any_db: str) -> None:
    with db.session_scope(any_db) as session:
        _regions(session)
        meeting = Meeting(
            level="kabkota",
            office_agency_id=1,
            held_on=dt.date(2024, 7, 17),
            title="Rakor Timpora Brebes",
        )
        meeting.place("33.29")
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
        session.add(
            Action(
                meeting_id=meeting_id,
                meeting_date=meeting.held_on,
                description="Pendataan ulang",
                owner_agency_id=1,
                due_date=dt.date(2024, 8, 17),
            )
        )
    with pytest.raises(IntegrityError), db.session_scope(any_db) as session:
        session.add(
            Action(
                meeting_id=meeting_id,
                meeting_date=dt.date(2024, 7, 17),
                description="Terlambat",
                owner_agency_id=1,
                due_date=dt.date(2024, 7, 16),
            )
        )
        session.flush()
    with pytest.raises(IntegrityError), db.session_scope(any_db) as session:
        # the carried meeting date must be the meeting's own date
        session.add(
            Action(
                meeting_id=meeting_id,
                meeting_date=dt.date(2024, 1, 1),
                description="Tanggal rapat palsu",
                owner_agency_id=1,
                due_date=dt.date(2024, 2, 1),
            )
        )
        session.flush()


def test_moving_a_meeting_carries_its_date_to_the_actions(any_db: str) -> None:
    with db.session_scope(any_db) as session:
        _regions(session)
        meeting = Meeting(
            level="kabkota", office_agency_id=1, held_on=dt.date(2024, 7, 17), title="Rakor"
        )
        meeting.place("33.29")
        session.add(meeting)
        session.flush()
        session.add(
            Action(
                meeting_id=meeting.id,
                meeting_date=meeting.held_on,
                description="x",
                owner_agency_id=1,
                due_date=dt.date(2024, 9, 1),
            )
        )
        session.flush()
        meeting.held_on = dt.date(2024, 7, 20)
    with db.session_scope(any_db) as session:
        assert session.scalar(text("SELECT meeting_date FROM actions")) in (
            dt.date(2024, 7, 20),
            "2024-07-20",
        )


SUMMARY_KEY = "kecamatan_code, site_id, nationality, unhcr_status, accommodation, sex"
AGE_SUMMARY_KEY = f"{SUMMARY_KEY}, birth_year"


def _summary_and_count(url: str, table: str, key: str) -> tuple[dict, dict]:
    """`table` by `key` (rows with someone) and the same counted over active persons."""
    counted_key = key.replace("site_id", "coalesce(site_id, 0)")
    summary_sql = f"SELECT {key}, n FROM {table} WHERE n <> 0"  # noqa: S608 - constants
    counted_sql = (
        f"SELECT {counted_key}, count(*) FROM persons "  # noqa: S608 - constants
        f"WHERE lifecycle = 'active' GROUP BY {counted_key}"
    )
    with db.session_scope(url) as session:
        summary = session.execute(text(summary_sql)).all()
        counted = session.execute(text(counted_sql)).all()
    return {tuple(r[:-1]): r[-1] for r in summary}, {tuple(r[:-1]): r[-1] for r in counted}


def _exact(url: str, *, by_age: bool = True) -> int:
    """Both summaries (the one by age unless `by_age` is False) equal counting the persons;
    returns the number of active persons."""
    summary, counted = _summary_and_count(url, "person_counts", SUMMARY_KEY)
    assert summary == counted
    if by_age:
        age_summary, age_counted = _summary_and_count(url, "person_age_counts", AGE_SUMMARY_KEY)
        assert age_summary == age_counted
    return sum(counted.values())


def _add_persons(url: str, prefix: str, n: int) -> None:
    from tests import fixtures

    with db.session_scope(url) as session:
        for i in range(n):
            departed = i % 5 == 4
            session.add(
                fixtures.person(
                    f"{prefix}{i}",
                    ("33.29.05", "31.75.04", "33.29.06")[i % 3],
                    nationality=("AFG", "MMR")[i % 2],
                    sex="MF"[i % 2],
                    birth_year=1950 + 7 * i % 70,
                    lifecycle="resettled" if departed else "active",
                    left=dt.date(2023, 1, 1) if departed else None,
                )
            )


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_0008_adds_the_summary_by_birth_year_and_takes_it_back(
    backend: str, tmp_path, request
) -> None:
    """With persons in the database: up to 0008 `person_age_counts` is filled and equals
    counting persons, and its triggers keep it so; down to 0007 it is gone and person_counts
    still follows every write; up again it is refilled."""
    from tests import fixtures

    url = (
        f"sqlite:///{tmp_path / 'm.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    db.upgrade(url, "0007")
    with db.session_scope(url) as session:
        fixtures.load_regions(session)
    _add_persons(url, "A", 40)
    db.upgrade(url, "0008")
    assert _exact(url) == 32
    _add_persons(url, "B", 10)  # through 0008's triggers
    assert _exact(url) == 40
    db.downgrade(url, "0007")
    assert "person_age_counts" not in inspect(db.get_engine(url)).get_table_names()
    with db.session_scope(url) as session:
        session.execute(text("UPDATE persons SET birth_year = 1980, sex = 'F' WHERE id < 6"))
        session.execute(text("DELETE FROM persons WHERE id > 45"))
    assert _exact(url, by_age=False) == 36
    db.upgrade(url)
    assert _exact(url) == 36
    summary, _ = _summary_and_count(url, "person_age_counts", AGE_SUMMARY_KEY)
    assert (1980,) in {k[-1:] for k in summary}
