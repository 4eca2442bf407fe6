"""Fixtures of the database tests."""

from __future__ import annotations

import pytest

from pora_dash.store import db
from pora_dash.store.bootstrap import create_demo_users, load_regions
from tests.conftest import DEMO_AS_OF


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def demo(request: pytest.FixtureRequest) -> str:
    """The demo data at scale 1 on each database: SQLite's is the session's `demo_db`, the
    PostgreSQL one is seeded once per test module, in a database of its own."""
    if request.param == "sqlite":
        yield request.getfixturevalue("demo_db")
        return
    from pora_dash import demo as demo_data
    from tests.conftest import _worker, fresh_pg_database

    module = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    url = fresh_pg_database(f"pora_{module}_{_worker()}"[:63])
    db.upgrade(url)
    with db.session_scope(url) as session:
        load_regions(session)
        demo_data.seed_demo(session, scale=1, seed=42, as_of=DEMO_AS_OF)
        create_demo_users(session)
    yield url
    db.get_engine(url).dispose()
