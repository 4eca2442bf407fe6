"""Cached reads for the pages: one bounded cache keyed by query, filters, scope and data version.

The scope is part of every key, so one user's rows are never served to another; the data
version (a counter in the database, bumped by every write) makes every process drop stale
results as soon as anyone writes.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pora_dash import db, queries
from pora_dash.bootstrap import load_regions
from pora_dash.filters import Filters
from pora_dash.scope import Scope

_HASH_FUNCS = {Filters: Filters.key, Scope: Scope.key}


@st.cache_resource(show_spinner=False)
def database_ready() -> bool:
    """Once per process: schema at head and regions loaded (demo data comes from `make run`)."""
    db.upgrade()
    with db.session_scope() as session:
        if load_regions(session):
            db.bump_data_version(session)
    return True


def data_version() -> int:
    with db.session_scope() as session:
        return db.data_version(session)


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _read(name: str, filters: Filters, scope: Scope, version: int, extra: tuple) -> Any:
    del version  # part of the key only
    with db.session_scope() as session:
        return getattr(queries, name)(session, filters=filters, scope=scope, **dict(extra))


def read(name: str, *, filters: Filters, scope: Scope, **extra: Any) -> Any:
    """`queries.<name>(session, filters=..., scope=..., **extra)`, cached."""
    return _read(name, filters, scope, data_version(), tuple(sorted(extra.items())))
