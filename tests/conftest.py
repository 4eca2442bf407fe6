"""Shared fixtures: fresh SQLite and PostgreSQL databases, and the seeded demo database.

PostgreSQL tests use a database of their own per test worker on 127.0.0.1:5432. Locally they
skip when no server answers; under CI=true a missing server is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from pora_dash import config
from pora_dash.store import db

PG_ADMIN_URL = os.environ.get(
    "PORA_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEMO_AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORA_TODAY", DEMO_AS_OF.isoformat())


def _worker() -> str:
    """This test process's name; PORA_TEST_PREFIX keeps two concurrent runs apart."""
    return os.environ.get("PORA_TEST_PREFIX", "") + os.environ.get("PYTEST_XDIST_WORKER", "main")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """An empty SQLite database at schema head."""
    url = sqlite_url(tmp_path / "pora.db")
    db.upgrade(url)
    return url


def _pg_admin():  # type: ignore[no-untyped-def]
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        engine.connect().close()
    except OperationalError as exc:
        engine.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and does not answer: {exc}")
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    return engine


def fresh_pg_database(name: str) -> str:
    """Drop and create database `name`; returns its URL."""
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database (no schema), private to this test worker."""
    url = fresh_pg_database(f"pora_test_{_worker()}")
    yield url
    db._engine.cache_clear()  # release pooled connections before the next drop
    db._sessionmaker_for.cache_clear()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database at schema head, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "pora.db")
    else:
        url = request.getfixturevalue("pg_url")
    db.upgrade(url)
    return url


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo data at scale 1, seed 42, as of DEMO_AS_OF, with the demo users: built once
    per test worker. Treat it as read-only."""
    from pora_dash import demo
    from pora_dash.store.bootstrap import create_demo_users, load_regions

    url = sqlite_url(tmp_path_factory.mktemp("demo") / "demo.db")
    db.upgrade(url)
    with db.session_scope(url) as session:
        load_regions(session)
        demo.seed_demo(session, scale=1, seed=42, as_of=DEMO_AS_OF)
        create_demo_users(session)
    return url


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Point the app's settings at a database URL for the duration of a test."""

    def use(url: str) -> str:
        monkeypatch.setenv("PORA_DATABASE_URL", url)
        config.settings.cache_clear()
        return url

    yield use
    config.settings.cache_clear()


@pytest.fixture(scope="session")
def live_app(demo_db: str):  # type: ignore[no-untyped-def]
    """`streamlit run serve.py` on a free port over the demo database; yields its base URL."""
    from tests.chromium import running_app

    # session fixtures start before the autouse PORA_TODAY patch: pin the date explicitly
    with running_app(demo_db, env={"PORA_TODAY": DEMO_AS_OF.isoformat()}) as base_url:
        yield base_url


@pytest.fixture
def browser_page(live_app: str):  # type: ignore[no-untyped-def]
    """A fresh Chromium page (own context, no shared cookies) with requests recorded."""
    from tests.chromium import chromium_page

    with chromium_page() as page:
        yield page


@pytest.fixture
def demo_copy(demo_db: str, tmp_path: Path) -> str:
    """A private, writable copy of the demo database (SQLite's backup API: consistent even
    with the WAL)."""
    import sqlite3

    target = tmp_path / "demo-copy.db"
    source = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    dest = sqlite3.connect(target)
    with dest:
        source.backup(dest)
    source.close()
    dest.close()
    return sqlite_url(target)


class _Downloads(Mapping[str, bytes]):
    """File name -> the file, made on access as a click on its button would make it."""

    def __init__(self) -> None:
        self.makers: dict[str, Callable[[], bytes]] = {}

    def __getitem__(self, name: str) -> bytes:
        return self.makers[name]()

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self.makers))

    def __len__(self) -> int:
        return len(self.makers)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Mapping[str, bytes]:
    """The files behind the page's download buttons, by file name, the latest run's.

    A file is made when its button is clicked (a deferred download: Streamlit's download
    thread calls the button's function, with the session's context); AppTest's runtime
    forgets those functions after each run, so they are kept here and called on access."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files = _Downloads()
    real = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        files.makers[str(file_name)] = data_callable
        return real(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return files
