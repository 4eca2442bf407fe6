"""Cached reads for the pages: one bounded cache keyed by read, filters, scope and data version.

A read is passed by reference and its result keeps its type::

    head = cache.read(overview.headline, filters=filters, scope=scope)  # -> overview.Headline

The scope is part of every key, so one user's rows are never served to another; the data
version (a counter in the database, bumped by every write) makes every process drop stale
results as soon as anyone writes.
"""

from __future__ import annotations

import datetime as dt
import threading
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
from pora_dash.ui import warm

T = TypeVar("T")


def function_key(fn: types.FunctionType) -> str:
    """A function is part of a cache key by its dotted name (its code object does not hash
    stably). A lambda or nested function is refused: its name does not say what it does, and
    two of them in one place would share a key."""
    if "<" in fn.__qualname__:
        raise TypeError(f"cached: pass a module-level function, not {fn.__qualname__}")
    return f"{fn.__module__}.{fn.__qualname__}"


_HASH_FUNCS: dict[str | type[Any], Callable[[Any], Any]] = {
    Filters: Filters.key,
    Scope: Scope.key,
    types.FunctionType: function_key,
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


def view_province(filters: Filters, scope: Scope) -> str | None:
    """The one province a view's rows lie in (its region's, or its scope's), if there is one.

    >>> view_province(Filters(wilayah="33.29"), Scope.national())
    '33'
    >>> view_province(Filters(), Scope.of(["33.29", "33.27"])), view_province(Filters(), Scope.of(["31", "33"]))
    ('33', None)
    """
    if filters.wilayah:
        return filters.wilayah[:2]
    provinces = {code[:2] for code in scope.codes or ()}
    return provinces.pop() if scope.codes and len(provinces) == 1 else None


def version_key(filters: Filters, scope: Scope, url: str | None = None) -> tuple[int, ...]:
    """What a cached view is keyed by: for a view inside one province, the counters of writes
    anywhere and of writes in that province (a write in Brebes leaves Aceh's views cached);
    for any other view, the counter of every write. Read from the database on every call, so
    a write committed by any process is seen at the next read."""
    with db.session_scope(url) as session:
        versions = db.data_versions(session)
    province = view_province(filters, scope)
    if province:
        return versions.get(db.EVERYWHERE, 0), versions.get(db.province_key(province), 0)
    return (versions.get(db.ALL, 0),)


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _read(
    fn: Callable[..., Any],
    url: str,
    filters: Filters,
    scope: Scope,
    version: tuple[int, ...],
    extra: tuple,
) -> Any:
    del version  # part of the key only
    with db.session_scope(url) as session:
        return fn(session, filters=filters, scope=scope, **dict(extra))


def read(fn: Callable[..., T], *, filters: Filters, scope: Scope, **extra: Any) -> T:
    """`fn(session, filters=..., scope=..., **extra)`, cached; `fn` is a function of `reads`."""
    url = settings().database_url
    key = tuple(sorted(extra.items()))
    result: T = _read(fn, url, filters, scope, version_key(filters, scope, url), key)
    recent.note(fn, url, filters, scope, key)
    return result


recent = warm.Recent()


def _warm_read(use: warm.Use) -> None:
    _read(
        use.fn,
        use.url,
        use.filters,
        use.scope,
        version_key(use.filters, use.scope, use.url),
        use.extra,
    )


@st.cache_resource(show_spinner=False)
def start_warmer() -> threading.Event:
    """Once per process: the thread that warms the views read lately after every write
    (see warm.py). Returns the event that stops it."""
    stop = threading.Event()
    threading.Thread(
        target=warm.run, args=(recent, _warm_read, stop), name="pora-warmer", daemon=True
    ).start()
    return stop


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
