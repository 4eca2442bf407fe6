"""The pieces of the users page (app_pages/users.py): the list of users, the form of a new
user and the form changing one. The writes are `writes.users`, run through `ui.page.write`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pora_dash.geo import labels, reference
from pora_dash.store.models import ROLES
from pora_dash.ui.page import PageContext, write
from pora_dash.ui.session import lang, tr
from pora_dash.writes.users import create_user, save_user

PROVINCES = set(reference.children(None))


def scope_label(codes: list[str]) -> str:
    if not codes or PROVINCES <= set(codes):
        return tr("scope.national")
    return ", ".join(labels.coded(c) for c in codes)


def user_list(users: list[dict], agencies: dict[int, str]) -> None:
    table = pd.DataFrame(
        [
            {
                tr("auth.username"): u["username"],
                tr("users.name"): u["display_name"],
                tr("users.role"): tr(f"role.{u['role']}"),
                tr("users.scope"): scope_label(u["regions"]),
                tr("users.agency"): agencies.get(u["agency_id"], ""),
                tr("users.active"): u["is_active"],
                tr("users.locked"): u["locked"],
            }
            for u in users
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def selectable_regions() -> list[str]:
    """Provinces, kab/kota and kecamatan: what a user's scope is made of."""
    regions = reference.regions()
    return regions.loc[regions["level"] <= 3, "code"].tolist()


def region_picker(label: str, default: list[str], key: str) -> list[str]:
    return st.multiselect(
        label,
        selectable_regions(),
        default=default,
        format_func=labels.coded,
        key=key,
        placeholder=tr("users.scope_placeholder"),
    )


def new_user_form(page: PageContext, agencies: dict[int, str]) -> None:
    with st.form("new_user", clear_on_submit=True):
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
            created = write(
                create_user,
                rerun=False,
                national=national,
                regions=regions,
                username=username,
                password=password or None,
                role=role,
                display_name=display_name or None,
                email=email or None,
                agency_id=agency,
                language=lang(),
                actor=page.user.username,
            )
            if created is not None:
                st.success(tr("users.created", username=username))
                st.rerun()


def edit_user_form(page: PageContext, users: list[dict]) -> None:
    names = [u["username"] for u in users]
    chosen = st.selectbox(tr("auth.username"), names, index=None, placeholder=tr("operation.pick"))
    current = next((u for u in users if u["username"] == chosen), None)
    if not current:
        return
    with st.form("edit_user"):
        role = st.selectbox(
            tr("users.role"),
            ROLES,
            index=ROLES.index(str(current["role"])),
            format_func=lambda r: tr(f"role.{r}"),
        )
        regions = region_picker(tr("users.scope"), current["regions"], "edit_regions")
        active = st.checkbox(tr("users.active"), value=bool(current["is_active"]))
        password = st.text_input(tr("users.new_password"), type="password")
        end_sessions = st.checkbox(tr("users.end_sessions"))
        if st.form_submit_button(tr("users.save"), type="primary"):
            write(
                save_user,
                done="users.saved",
                user_id=current["id"],
                actor=page.user.username,
                end_sessions=end_sessions,
                role=role,
                regions=regions,
                is_active=active,
                password=password or None,
            )
