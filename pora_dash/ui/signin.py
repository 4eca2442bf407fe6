"""The sign-in form: the only thing shown before sign-in, at whatever URL was opened, so a
shared link (e.g. /peta?wilayah=33.29) leads to its view right after signing in."""

from __future__ import annotations

import time
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from pora_dash.access import auth
from pora_dash.store import db
from pora_dash.ui.session import sign_in, tr

SSO_FRESH_SECONDS = 600


def sso_configured() -> bool:
    """Single sign-on is offered only when `[auth]` is configured in secrets.toml."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def sso_is_fresh(claims: Mapping[str, object], now: float | None = None) -> bool:
    """Accept an identity only right after the identity provider issued it.

    Streamlit's login cookie lives for 30 days and survives our idle timeout and our
    revocation; an old cookie must not sign anyone back in.

    >>> sso_is_fresh({"iat": 1000}, now=1300), sso_is_fresh({"iat": 1000}, now=5000)
    (True, False)
    """
    issued = claims.get("iat")
    now = time.time() if now is None else now
    return isinstance(issued, (int, float)) and 0 <= now - issued <= SSO_FRESH_SECONDS


def _sso() -> None:
    if not st.user.is_logged_in:
        st.button(tr("auth.sso"), icon=":material/key:", on_click=st.login)
        return
    claims = st.user.to_dict()
    email = claims.get("email")
    if not isinstance(email, str) or not sso_is_fresh(claims):
        st.button(tr("auth.sso"), icon=":material/key:", on_click=st.logout)
        return
    try:
        with db.session_scope() as session:
            user = auth.sign_in_external(session, email)
    except auth.AuthError as exc:
        st.error(tr(exc.key, **exc.values))
        return
    sign_in(user)
    st.rerun()


def _load_page_code() -> None:
    """While the user types, the browser fetches and starts the code of the tables and charts
    the pages are made of (some 2 MB of script it otherwise loads after the click on Masuk,
    while drawing the page): one hidden table and one hidden chart, with no data. The
    container is 1 px in size by itself, so nothing shows even before the style that hides it
    arrives (st.html is itself lazily loaded code; on a busy machine the table came first)."""
    with st.container(key="pora-preload", height=1, width=1, border=False):
        st.html("<style>.st-key-pora-preload { display: none; }</style>")
        st.dataframe(pd.DataFrame({"-": [0]}), hide_index=True)
        st.vega_lite_chart(
            {"mark": "tick", "encoding": {"x": {"field": "-", "type": "quantitative"}}},
            width="stretch",
        )


def render() -> None:
    st.title(tr("app.title"))
    st.caption(tr("app.subtitle"))
    reason = st.session_state.pop("signed_out_reason", None)
    if reason:
        st.warning(tr(reason))
    left, _ = st.columns([1, 2])
    with left, st.form("login", enter_to_submit=True):
        st.subheader(tr("auth.title"))
        username = st.text_input(tr("auth.username"), autocomplete="username")
        password = st.text_input(
            tr("auth.password"), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(tr("auth.submit"), type="primary")
    if sso_configured():
        with left:
            _sso()
    if not submitted:
        _load_page_code()
        return
    try:
        with db.session_scope() as session:
            user = auth.authenticate(session, username, password)
    except auth.AuthError as exc:
        st.error(tr(exc.key, **exc.values))
    else:
        sign_in(user)
        st.rerun()
