"""The pieces of the profile page (app_pages/profile.py): the user's API tokens as a list, the
form making one (its secret shown once, on the next run, then forgotten) and revoking one; and
of the users page's tab of every user's tokens (`every_token`), where an administrator revokes
any of them. The rules (who may write, how long, how many) are access/tokens.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from pora_dash.access import tokens
from pora_dash.access.permissions import can
from pora_dash.i18n import fmt_date
from pora_dash.ui.page import PageContext, in_session
from pora_dash.ui.session import lang, tr

NEW_SECRET = "new_api_token"  # the secret just made, shown once then dropped
T = TypeVar("T")


def _refusable(fn: Callable[..., T], /, **values: Any) -> tuple[bool, T | None]:
    """A token change in its own transaction: (done, its result); a refusal is shown (nothing
    was written)."""
    try:
        return True, in_session(fn, **values)
    except tokens.TokenError as exc:
        st.error(tr(exc.key, **exc.values))
        return False, None


def new_secret() -> None:
    """The secret of the token made by the last run, once: it is not kept anywhere."""
    secret = st.session_state.pop(NEW_SECRET, None)
    if secret:
        st.success(tr("tokens.created"), icon=":material/key:")
        st.code(secret, language=None)


def token_list(rows: list[tokens.TokenRow], *, owners: bool = False) -> None:
    """The tokens as a table; `owners`: with the user each acts as (the administrator's list)."""
    if not rows:
        st.info(tr("tokens.empty"))
        return
    table = pd.DataFrame(
        [
            {
                **({tr("tokens.col.owner"): r.owner} if owners else {}),
                tr("tokens.col.name"): r.name,
                tr("tokens.col.prefix"): f"{r.prefix}…",
                tr("tokens.col.rights"): tr(f"tokens.rights.{'write' if r.can_write else 'read'}"),
                tr("tokens.col.figures"): tr(
                    f"tokens.figures.{'exact' if r.exact else 'protected'}"
                ),
                tr("tokens.col.created"): fmt_date(r.created_at.date(), lang()),
                tr("tokens.col.expires"): fmt_date(r.expires_at.date(), lang()),
                tr("tokens.col.last_used"): fmt_date(r.last_used_at.date(), lang())
                if r.last_used_at
                else "–",
                tr("tokens.col.state"): tr(f"tokens.state.{r.state}"),
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def new_token_form(page: PageContext) -> None:
    role = page.user.role
    with st.form("new_token", clear_on_submit=True):
        st.subheader(tr("tokens.new"))
        name = st.text_input(tr("tokens.name"), max_chars=tokens.MAX_NAME)
        days = st.number_input(
            tr("tokens.days"), min_value=1, max_value=tokens.MAX_DAYS, value=tokens.DEFAULT_DAYS
        )
        write = st.checkbox(
            tr("tokens.write"), help=tr("tokens.write.help"), disabled=not can(role, "import")
        )
        exact = st.checkbox(
            tr("tokens.exact"),
            help=tr("tokens.exact.help"),
            disabled=not can(role, "exact_counts"),
        )
        if st.form_submit_button(tr("tokens.create"), type="primary"):
            done, made = _refusable(
                tokens.create, user=page.user, name=name, days=int(days), write=write, exact=exact
            )
            if done and made is not None:
                st.session_state[NEW_SECRET] = made[1]
                st.rerun()


def revoke_form(page: PageContext, rows: list[tokens.TokenRow], *, owners: bool = False) -> None:
    active: dict[int, str] = {
        r.id: f"{r.owner} · {r.name} ({r.prefix}…)" if owners else f"{r.name} ({r.prefix}…)"
        for r in rows
        if r.state == "active"
    }
    if not active:
        return
    with st.form("revoke_token"):
        ids: list[int] = list(active)
        chosen = st.selectbox(
            tr("tokens.revoke.pick"), ids, format_func=lambda i: active.get(i, str(i))
        )
        if st.form_submit_button(tr("tokens.revoke"), icon=":material/block:"):
            if _refusable(tokens.revoke, user=page.user, token_id=chosen)[0]:
                st.toast(tr("tokens.revoked"), icon=":material/check:")
                st.rerun()


def every_token_tab(page: PageContext) -> None:
    """The administrator's view of every user's tokens: the active ones, or all with the
    toggle, and the form revoking any active one."""
    st.caption(tr("tokens.admin.intro"))
    rows = in_session(tokens.every_token, admin=page.user)
    every = st.toggle(tr("tokens.show_all"), key="tokens_show_all")
    shown = rows if every else [r for r in rows if r.state == "active"]
    if rows and not shown:
        st.info(tr("tokens.none_active", n=len(rows)))
    else:
        token_list(shown, owners=True)
    revoke_form(page, rows, owners=True)
