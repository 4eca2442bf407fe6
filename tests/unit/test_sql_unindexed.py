"""`reads.sql.unindexed`: SQLite's planner gets `+(cond)` and takes no index for it; every
database gets the condition in parentheses, so an OR inside stays one condition."""

from __future__ import annotations

import pytest
from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite

from pora_dash.reads.sql import unindexed
from pora_dash.store.models import Person

CONDITION = or_(Person.birth_year < 1950, Person.birth_year > 2000)


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (sqlite.dialect(), "WHERE +(persons.birth_year < 1950 OR persons.birth_year > 2000)"),
        (postgresql.dialect(), "WHERE (persons.birth_year < 1950 OR persons.birth_year > 2000)"),
    ],
)
def test_the_condition_stays_whole(dialect, expected: str) -> None:
    stmt = select(Person.id).where(unindexed(CONDITION), Person.sex == "F")
    sql = " ".join(
        str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True})).split()
    )
    assert expected in sql
    assert sql.endswith("AND persons.sex = 'F'")
