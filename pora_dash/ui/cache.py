"""Cached reads for the pages: one bounded cache keyed by read, filters, scope and data version.

A read is passed by reference and its result keeps its type::

    head = cache.read(overview.headline, filters=filters, scope=scope)  # -> overview.Headline

The scope is part of every key, so one user's rows are never served to another; the data
version (a counter in the database, bumped by every write) makes every process drop stale
results as soon as anyone writes.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.config import settings
from pora_dash.filters import Filters
from pora_dash.reads.attention import load_weights
from pora_dash.store import db
from pora_dash.store.bootstrap import load_regions
from pora_dash.store.checks import deploy_problems as _problems_of

T = TypeVar("T")


def _identity(fn: types.FunctionType) -> str:
    """A read is part of the key by its dotted name (its code object does not hash stably)."""
    return f"{fn.__module__}.{fn.__qualname__}"


_HASH_FUNCS: dict[str | type[Any], Callable[[Any], Any]] = {
    Filters: Filters.key,
    Scope: Scope.key,
    types.FunctionType: _identity,
}


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
def _read(
    fn: Callable[..., Any], url: str, filters: Filters, scope: Scope, version: int, extra: tuple
) -> Any:
    del version  # part of the key only
    with db.session_scope(url) as session:
        return fn(session, filters=filters, scope=scope, **dict(extra))


def read(fn: Callable[..., T], *, filters: Filters, scope: Scope, **extra: Any) -> T:
    """`fn(session, filters=..., scope=..., **extra)`, cached; `fn` is a function of `reads`."""
    url = settings().database_url
    result: T = _read(fn, url, filters, scope, data_version(), tuple(sorted(extra.items())))
    return result


@st.cache_data(ttl=3600, max_entries=200, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _read_scoped(
    fn: Callable[..., Any], url: str, scope: Scope, version: int, today: dt.date
) -> Any:
    del version, today  # part of the key only (the 180-day cutoff moves with today)
    with db.session_scope(url) as session:
        return fn(session, scope=scope)


def read_scoped(fn: Callable[..., T], *, scope: Scope) -> T:
    """`fn(session, scope=...)`, cached like `read`: reads without filters (data quality)."""
    result: T = _read_scoped(fn, settings().database_url, scope, data_version(), clock.today())
    return result


@st.cache_resource(show_spinner=False)
def _deploy_problems(url: str) -> list[tuple[str, dict[str, object]]]:
    with db.session_scope(url) as session:
        return _problems_of(settings(), session)


def deploy_problems() -> list[tuple[str, dict[str, object]]]:
    """Production only, once per process: what makes this deployment unsafe."""
    if settings().environment != "production":
        return []
    return _deploy_problems(settings().database_url)


@st.cache_data(ttl=3600, max_entries=50, show_spinner=False)
def _attention_weights(url: str, version: int) -> dict[str, float]:
    del version  # part of the key only: saving new weights bumps it
    with db.session_scope(url) as session:
        return load_weights(session)


def attention_weights() -> dict[str, float]:
    """The weights of the attention table as an administrator last set them."""
    return _attention_weights(settings().database_url, data_version())
