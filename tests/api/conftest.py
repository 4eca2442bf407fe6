"""A real `streamlit run serve.py` over the demo data, once per database (SQLite, PostgreSQL),
called with httpx; tokens made the way the profile page makes them (access.tokens.create)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from pora_dash import demo
from pora_dash.access import auth, tokens
from pora_dash.store import db
from pora_dash.store.bootstrap import create_demo_users, load_regions
from pora_dash.store.models import User
from tests.chromium import running_app
from tests.conftest import DEMO_AS_OF, _worker, fresh_pg_database, sqlite_url


@dataclass(frozen=True)
class Api:
    """A running app: its database URL and base URL, and a way to make tokens."""

    url: str
    base: str

    def token(
        self, username: str, *, write: bool = False, exact: bool = True, days: int = 30
    ) -> str:
        with db.session_scope(self.url) as session:
            user = session.scalar(select(User).where(User.username == username))
            assert user is not None, username
            signed_in = auth.still_valid(session, auth._signed_in(session, user))
            assert signed_in is not None
            _, secret = tokens.create(
                session, signed_in, name=f"test {username}", days=days, write=write, exact=exact
            )
        return secret

    def client(self, secret: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=f"{self.base}/api/v1", headers=headers, timeout=60)


def _scoped_users(url: str) -> None:
    """Analysts with a one-kab/kota scope and a two-province scope (tokens need the role)."""
    with db.session_scope(url) as session:
        for name, regions in (("analis.brebes", ["33.29"]), ("analis.dua", ["31", "33"])):
            if session.scalar(select(User.id).where(User.username == name)) is None:
                auth.create_user(
                    session, username=name, password=None, role="analyst", regions=regions
                )


def _sqlite_copy(source: str, target: Path) -> str:
    src = sqlite3.connect(source.removeprefix("sqlite:///"))
    dest = sqlite3.connect(target)
    with dest:
        src.backup(dest)
    src.close()
    dest.close()
    return sqlite_url(target)


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def api_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo data (scale 1) with two scoped analysts, writable, on each database."""
    if request.param == "sqlite":
        demo_db = request.getfixturevalue("demo_db")
        url = _sqlite_copy(demo_db, tmp_path_factory.mktemp("api") / "api.db")
    else:
        url = fresh_pg_database(f"pora_api_{_worker()}")
        db.upgrade(url)
        with db.session_scope(url) as session:
            load_regions(session)
            demo.seed_demo(session, scale=1, seed=42, as_of=DEMO_AS_OF)
            create_demo_users(session)
    _scoped_users(url)
    return url


@pytest.fixture(scope="session")
def api(api_db: str) -> Iterator[Api]:
    env = {"PORA_TODAY": DEMO_AS_OF.isoformat(), "PORA_API_RATE_PER_MINUTE": "100000"}
    with running_app(api_db, env=env) as base:
        yield Api(api_db, base)
    db.get_engine(api_db).dispose()
