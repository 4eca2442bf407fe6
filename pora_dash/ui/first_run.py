"""The first-run screen: on a database without any person yet, an administrator sees the
three steps of a new installation (agencies, users, the first list), each with its link and
whether it is done. Shown at the top of the overview (app_pages/overview.py), nowhere else."""

from __future__ import annotations

import streamlit as st

from pora_dash.reads import overview
from pora_dash.ui.page import in_session
from pora_dash.ui.session import current_user, tr


def first_run_steps() -> None:
    """Nothing unless the user is an administrator and no person is recorded yet."""
    user = current_user()
    if user is None or user.role != "admin":
        return
    done = in_session(overview.setup)
    if done.persons:
        return
    with st.container(border=True):
        st.subheader(tr("first_run.title"))
        st.caption(tr("first_run.intro"))
        steps = (
            (
                "first_run.agencies",
                done.agencies > 0,
                "app_pages/users.py",
                ":material/domain_add:",
            ),
            ("first_run.users", done.users > 0, "app_pages/users.py", ":material/person_add:"),
            ("first_run.first_list", False, "app_pages/imports.py", ":material/upload_file:"),
        )
        for number, (key, finished, page, icon) in enumerate(steps, start=1):
            mark = "✓ " if finished else f"{number}. "
            st.page_link(page, label=mark + tr(key), icon=icon)
