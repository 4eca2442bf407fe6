"""After a bulk write the PostgreSQL planner knows the new table sizes (db.refresh_statistics).

A database filled by a large import and never analyzed (autovacuum off, or not yet run) was
planned as if empty: the national headline read 120,000 persons through the wrong index and
took 7× longer. The planner's row count of `persons` (pg_class.reltuples; -1 = never
analyzed) is what tells."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pora_dash.importing import Actor, import_file
from pora_dash.store import db
from tests import import_world as world


def planned_rows(url: str, table: str) -> float:
    with db.session_scope(url) as session:
        return float(
            session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table})
        )


@pytest.mark.postgres
def test_a_large_import_leaves_the_planner_with_the_new_sizes(pg_url: str) -> None:
    db.upgrade(pg_url)
    world.build(pg_url)
    with db.session_scope(pg_url) as session:
        session.execute(text("ANALYZE persons"))  # known to be (nearly) empty
    assert planned_rows(pg_url, "persons") < 100
    import_file(
        world.many_persons(db.BULK_ROWS + 200),
        kind="persons",
        file_name="besar.csv",
        actor=Actor("uji"),
        url=pg_url,
    )
    with db.session_scope(pg_url) as session:
        present = session.scalar(text("SELECT count(*) FROM persons"))
    assert present >= db.BULK_ROWS + 200
    assert planned_rows(pg_url, "persons") == present
    assert planned_rows(pg_url, "person_counts") > 0


@pytest.mark.postgres
def test_a_small_import_does_not_wait_for_statistics(pg_url: str) -> None:
    db.upgrade(pg_url)
    world.build(pg_url)
    with db.session_scope(pg_url) as session:
        session.execute(text("ANALYZE persons"))
    before = planned_rows(pg_url, "persons")
    import_file(
        world.many_persons(20, prefix="KECIL"),
        kind="persons",
        file_name="kecil.csv",
        actor=Actor("uji"),
        url=pg_url,
    )
    assert planned_rows(pg_url, "persons") == before


def test_sqlite_is_left_to_its_planner(sqlite_db: str) -> None:
    assert db.refresh_statistics(sqlite_db) is False
