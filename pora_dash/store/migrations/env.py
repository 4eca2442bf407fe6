"""Alembic environment: the same URL and metadata as the app; batch mode for SQLite."""

from alembic import context
from sqlalchemy import pool

from pora_dash.store.db import get_engine
from pora_dash.store.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    context.configure(
        url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = get_engine(url).execution_options()
        with engine.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_ = pool  # imported for alembic's templates
if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
