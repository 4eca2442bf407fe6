"""Small helpers shared by the page scripts: language, filters from the URL, scope, errors."""

from __future__ import annotations

import streamlit as st

from pora_dash import filters as filter_state
from pora_dash.i18n import DEFAULT_LANG, LANGS, t
from pora_dash.scope import Scope


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **values: object) -> str:
    return t(key, lang(), **values)


def current_scope() -> Scope:
    """The signed-in user's scope (whole country until access control is configured)."""
    scope = st.session_state.get("scope")
    return scope if isinstance(scope, Scope) else Scope.national()


def page_filters() -> filter_state.Filters:
    """The filters in the URL; unknown values are dropped with a notice on the page."""
    filters, notices = filter_state.from_query_params(st.query_params.to_dict())
    for key, param, value in notices:
        st.info(tr(key, param=param, value=value), icon=":material/info:")
    return filters
