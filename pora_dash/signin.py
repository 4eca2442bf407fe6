"""The sign-in form: the only thing shown before sign-in, at whatever URL was opened, so a
shared link (e.g. /peta?wilayah=33.29) leads to its view right after signing in."""

from __future__ import annotations

import streamlit as st

from pora_dash import auth, db
from pora_dash.ui import sign_in, tr


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
    if not submitted:
        return
    try:
        with db.session_scope() as session:
            user = auth.authenticate(session, username, password)
    except auth.AuthError as exc:
        st.error(tr(exc.key, **exc.values))
    else:
        sign_in(user)
        st.rerun()
