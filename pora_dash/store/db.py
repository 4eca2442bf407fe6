"""One engine per process, sessions, SQLite pragmas, migrations and the data version.

The data version is a counter in the database that every write bumps; cached reads are keyed
by it, so a change made through one app process is seen by every other process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from pora_dash.config import settings
from pora_dash.store.models import DataVersion

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured database), created once per process.

    The URL is resolved before the cache, so a change of configuration (tests switch
    databases inside one process) never reuses the engine of another database.
    """
    return _engine(url or settings().database_url)


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Streamlit runs every session's script in its own thread, each holding a connection only
    # for the few queries of a run; pre-ping replaces connections a restart or a firewall
    # idle timeout has cut, recycle retires them before such timeouts (docs/deployment.md).
    conf = settings()
    return create_engine(
        url,
        pool_size=conf.db_pool_size,
        max_overflow=conf.db_max_overflow,
        pool_timeout=conf.db_pool_timeout,
        pool_recycle=conf.db_pool_recycle,
        pool_pre_ping=True,
        connect_args={"application_name": "pora-dash"},
    )


def _sessionmaker(url: str | None) -> sessionmaker[Session]:
    return _sessionmaker_for(url or settings().database_url)


@lru_cache(maxsize=8)
def _sessionmaker_for(url: str) -> sessionmaker[Session]:
    return sessionmaker(_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error."""
    session = _sessionmaker(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", (url or settings().database_url).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database schema to `revision` (creating the database file if needed)."""
    from alembic import command

    get_engine(url)  # creates the SQLite directory
    command.upgrade(alembic_config(url), revision)


BULK_ROWS = 1000  # a write of this many rows or more refreshes the planner's statistics


def refresh_statistics(url: str | None = None) -> bool:
    """After a bulk write (seeding, a large import, a restore): PostgreSQL's ANALYZE, so the
    planner knows how many rows the tables now hold. Without it a freshly filled database
    is planned as if empty (the national headline took 82 ms instead of 11 ms at demo scale
    10, the summary's correction read 120,000 rows through the wrong index); autovacuum
    would do it later, and only where it is on. SQLite is left as it is: its queries are
    written for the planner without statistics (`reads.sql.unindexed`). Returns whether it
    ran."""
    engine = get_engine(url)
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return True


def downgrade(url: str | None = None, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current_revision(url: str | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


ALL = "data"  # bumped by every write: what a national or multi-province view is keyed by
EVERYWHERE = "global"  # bumped by a write that may touch any province (or is not placed)


def province_key(province: str) -> str:
    """The counter of writes that touched a province: 'p:33'."""
    return f"p:{province}"


def data_version(session: Session) -> int:
    """The counter every write bumps."""

    value = session.scalar(select(DataVersion.version).where(DataVersion.key == ALL))
    return int(value or 0)


def data_versions(session: Session) -> dict[str, int]:
    """Every counter (a few dozen rows): `ALL`, `EVERYWHERE` and one per province written."""
    return {k: int(v) for k, v in session.execute(select(DataVersion.key, DataVersion.version))}


def bump_data_version(session: Session, provinces: Iterable[str] | None = None) -> None:
    """Call inside the writing transaction, so readers see the new data and version together.

    `provinces`: the provinces whose rows the write changed (before and after: a person who
    moved from Aceh to Sumatera Utara touched both), when the writer knows them exactly; a
    view of one province is then keyed by `EVERYWHERE` and its own counter only, so a write
    in Brebes leaves Aceh's cached views valid. None (the default): the write may touch any
    province. Counters are upserted, so concurrent first writes to a province cannot clash."""
    keys = [
        ALL,
        *([EVERYWHERE] if provinces is None else map(province_key, sorted(set(provinces)))),
    ]
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    for key in keys:
        stmt = insert(DataVersion).values(key=key, version=1)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=[DataVersion.key], set_={"version": DataVersion.version + 1}
            )
        )
