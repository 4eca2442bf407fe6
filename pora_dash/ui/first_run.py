"""The first-run screen: on a database without any person yet, an administrator sees the
three steps of a new installation (agencies, users, the first list), each with its link and
whether it is done. Shown at the top of the overview (app_pages/overview.py), nowhere else."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import Agency, Person, User
from pora_dash.ui.session import current_user, tr


def _counts() -> tuple[int, int, int]:
    with db.session_scope() as session:
        persons = int(session.scalar(select(func.count()).select_from(Person)) or 0)
        agencies = int(session.scalar(select(func.count()).select_from(Agency)) or 0)
        others = int(
            session.scalar(select(func.count()).select_from(User).where(User.role != "admin")) or 0
        )
    return persons, agencies, others


def first_run_steps() -> None:
    """Nothing unless the user is an administrator and no person is recorded yet."""
    user = current_user()
    if user is None or user.role != "admin":
        return
    persons, agencies, others = _counts()
    if persons:
        return
    with st.container(border=True):
        st.subheader(tr("first_run.title"))
        st.caption(tr("first_run.intro"))
        steps = (
            ("first_run.agencies", agencies > 0, "app_pages/users.py", ":material/domain_add:"),
            ("first_run.users", others > 0, "app_pages/users.py", ":material/person_add:"),
            ("first_run.first_list", False, "app_pages/imports.py", ":material/upload_file:"),
        )
        for number, (key, done, page, icon) in enumerate(steps, start=1):
            mark = "✓ " if done else f"{number}. "
            st.page_link(page, label=mark + tr(key), icon=icon)
