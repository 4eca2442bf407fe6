"""Pengguna (users): administrators create users, set role, scope and agency, reset passwords,
disable accounts and end sessions. Every change is audited."""

import pandas as pd
import streamlit as st
from sqlalchemy import select

from pora_dash.access import auth
from pora_dash.geo import labels, reference
from pora_dash.store import db
from pora_dash.store.models import ROLES, Agency, User
from pora_dash.ui import lang, require_user, tr
from pora_dash.ui.agency_form import agencies_tab

me = require_user()
st.title(tr("nav.users"))

with db.session_scope() as session:
    users = auth.list_users(session)
    agencies = {a.id: a.name for a in session.scalars(select(Agency).order_by(Agency.name))}


region_label = labels.coded


PROVINCES = set(reference.children(None))


def scope_label(codes: list[str]) -> str:
    if not codes or PROVINCES <= set(codes):
        return tr("scope.national")
    return ", ".join(region_label(c) for c in codes)


table = pd.DataFrame(
    [
        {
            tr("auth.username"): u["username"],
            tr("users.name"): u["display_name"],
            tr("users.role"): tr(f"role.{u['role']}"),
            tr("users.scope"): scope_label(u["regions"]),  # type: ignore[arg-type]
            tr("users.agency"): agencies.get(u["agency_id"], ""),  # type: ignore[arg-type]
            tr("users.active"): u["is_active"],
            tr("users.locked"): u["locked"],
        }
        for u in users
    ]
)
st.dataframe(table, hide_index=True, width="stretch")

_regions = reference.regions()
all_regions = _regions.loc[_regions["level"] <= 3, "code"].tolist()


def region_picker(label: str, default: list[str], key: str) -> list[str]:
    return st.multiselect(
        label,
        all_regions,
        default=default,
        format_func=region_label,
        key=key,
        placeholder=tr("users.scope_placeholder"),
    )


new_tab, edit_tab, agency_tab = st.tabs([tr("users.new"), tr("users.edit"), tr("users.agencies")])
with new_tab, st.form("new_user", clear_on_submit=True):
    c1, c2 = st.columns(2)
    username = c1.text_input(tr("auth.username"))
    display_name = c2.text_input(tr("users.name"))
    email = c1.text_input(tr("users.email"))
    password = c2.text_input(tr("auth.password"), type="password")
    role = c1.selectbox(tr("users.role"), ROLES, format_func=lambda r: tr(f"role.{r}"))
    agency = c2.selectbox(
        tr("users.agency"), [None, *agencies], format_func=lambda a: agencies.get(a, "—")
    )
    regions = region_picker(tr("users.scope"), [], "new_regions")
    national = st.checkbox(tr("users.national"), key="new_national")
    if st.form_submit_button(tr("users.create"), type="primary"):
        try:
            with db.session_scope() as session:
                if national:  # every province: the whole country (auth.scope_of)
                    regions = auth.province_codes(session)
                auth.create_user(
                    session,
                    username=username,
                    password=password or None,
                    role=role,
                    regions=regions,
                    display_name=display_name or None,
                    email=email or None,
                    agency_id=agency,
                    language=lang(),
                    actor=me.username,
                )
        except auth.AuthError as exc:
            st.error(tr(exc.key, **exc.values))
        else:
            st.success(tr("users.created", username=username))
            st.rerun()

with edit_tab:
    names = [u["username"] for u in users]
    chosen = st.selectbox(tr("auth.username"), names, index=None, placeholder=tr("operation.pick"))
    current = next((u for u in users if u["username"] == chosen), None)
    if current:
        with st.form("edit_user"):
            role = st.selectbox(
                tr("users.role"),
                ROLES,
                index=ROLES.index(current["role"]),
                format_func=lambda r: tr(f"role.{r}"),
            )
            regions = region_picker(tr("users.scope"), current["regions"], "edit_regions")
            active = st.checkbox(tr("users.active"), value=current["is_active"])
            password = st.text_input(tr("users.new_password"), type="password")
            end_sessions = st.checkbox(tr("users.end_sessions"))
            if st.form_submit_button(tr("users.save"), type="primary"):
                try:
                    with db.session_scope() as session:
                        user = session.get(User, current["id"])
                        assert user is not None
                        auth.update_user(
                            session,
                            user,
                            actor=me.username,
                            role=role,
                            regions=regions,
                            is_active=active,
                            password=password or None,
                        )
                        if end_sessions:
                            user.session_epoch += 1
                            auth.audit(
                                session,
                                "sessions_ended",
                                username=me.username,
                                target=user.username,
                            )
                except auth.AuthError as exc:
                    st.error(tr(exc.key, **exc.values))
                else:
                    st.success(tr("users.saved"))
                    st.rerun()

with agency_tab:
    agencies_tab(me.username, all_regions)
