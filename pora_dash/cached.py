"""Cached reads for the pages: one bounded cache keyed by query, filters, scope and data version.

The scope is part of every key, so one user's rows are never served to another; the data
version (a counter in the database, bumped by every write) makes every process drop stale
results as soon as anyone writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pora_dash import db, queries
from pora_dash.bootstrap import load_regions
from pora_dash.config import settings
from pora_dash.filters import Filters
from pora_dash.scope import Scope

_HASH_FUNCS: dict[str | type[Any], Callable[[Any], Any]] = {Filters: Filters.key, Scope: Scope.key}


@st.cache_resource(show_spinner=False)
def _database_ready(url: str) -> bool:
    db.upgrade(url)
    with db.session_scope(url) as session:
        if load_regions(session):
            db.bump_data_version(session)
    return True


def database_ready() -> bool:
    """Once per process and database: schema at head and regions loaded (demo data and demo
    users come from `make run`, never from the app)."""
    return _database_ready(settings().database_url)


def data_version() -> int:
    with db.session_scope() as session:
        return db.data_version(session)


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _read(name: str, url: str, filters: Filters, scope: Scope, version: int, extra: tuple) -> Any:
    del version  # part of the key only
    with db.session_scope(url) as session:
        return getattr(queries, name)(session, filters=filters, scope=scope, **dict(extra))


def read(name: str, *, filters: Filters, scope: Scope, **extra: Any) -> Any:
    """`queries.<name>(session, filters=..., scope=..., **extra)`, cached."""
    url = settings().database_url
    return _read(name, url, filters, scope, data_version(), tuple(sorted(extra.items())))


@st.cache_resource(show_spinner=False)
def _deploy_problems(url: str) -> list[tuple[str, dict[str, object]]]:
    from pora_dash.checks import deploy_problems

    with db.session_scope(url) as session:
        return deploy_problems(settings(), session)


def deploy_problems() -> list[tuple[str, dict[str, object]]]:
    """Production only, once per process: what makes this deployment unsafe."""
    if settings().environment != "production":
        return []
    return _deploy_problems(settings().database_url)


@st.cache_data(ttl=3600, max_entries=50, show_spinner=False)
def _attention_weights(url: str, version: int) -> dict[str, float]:
    from pora_dash.attention import load_weights

    del version  # part of the key only: saving new weights bumps it
    with db.session_scope(url) as session:
        return load_weights(session)


def attention_weights() -> dict[str, float]:
    """The weights of the attention table as an administrator last set them."""
    return _attention_weights(settings().database_url, data_version())


@st.cache_data(ttl=3600, max_entries=200, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _quality(name: str, url: str, scope: Scope, version: int, today: object) -> Any:
    from pora_dash import quality

    del version, today  # part of the key only (the 180-day cutoff moves with today)
    with db.session_scope(url) as session:
        return getattr(quality, name)(session, scope=scope)


def quality(name: str, *, scope: Scope) -> Any:
    """`quality.<name>(session, scope=...)`, cached like `read` (the data-quality page)."""
    from pora_dash import clock

    return _quality(name, settings().database_url, scope, data_version(), clock.today())
