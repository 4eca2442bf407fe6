"""The head of every page and what a page works with: one `PageContext` from one call.

A data page (overview, map, origins, ...) gets the filters from the URL fitted to the user's
scope, the filter panel, "<title> · <place>", the breadcrumb and the date line; a plain page
(users, audit, imports, ...) gets its title. Either way the page then only lays out what
`present` gives it::

    page = data_page("nav.overview")
    head = cache.read(overview.headline, filters=page.filters, scope=page.scope)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from pora_dash.access import auth
from pora_dash.access.permissions import can
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.present.disclosure import Policy
from pora_dash.reads.followups import FollowupError
from pora_dash.store import db
from pora_dash.ui.session import lang, page_filters, place_name, policy, require_user, tr
from pora_dash.ui.sidebar import breadcrumb, filter_panel, period_caption

T = TypeVar("T")


@dataclass(frozen=True)
class PageContext:
    """Everything a page needs to ask for data and show it to this user."""

    user: auth.SignedIn
    filters: Filters
    scope: Scope
    policy: Policy  # how counts of people are shown on this screen
    place: str  # "Kota Medan", "Indonesia", or "your regions"
    lang: str

    def may(self, permission: str) -> bool:
        return can(self.user.role, permission)

    def __iter__(self) -> Iterator[Any]:
        """`filters, scope, show, place = data_page(...)`, as pages unpacked it before."""
        return iter((self.filters, self.scope, self.policy, self.place))


def _context(filters: Filters) -> PageContext:
    user = require_user()
    return PageContext(user, filters, user.scope, policy(), place_name(filters), lang())


def data_page(
    title_key: str, *, panel: bool = True, period: bool = True, place: bool = True
) -> PageContext:
    """The head of a data page: the filters from the URL (fitted to the user's scope), the
    filter panel, "<title> · <place>" (or the title alone), the breadcrumb and the date line."""
    page = _context(page_filters())
    if panel:
        filter_panel(page.filters, page.scope)
    st.title(f"{tr(title_key)} · {page.place}" if place else tr(title_key))
    breadcrumb(page.filters, page.scope)
    if period:
        st.caption(period_caption(page.filters))
    return page


def plain_page(title_key: str, *, place: bool = False) -> PageContext:
    """The head of a page that is not filtered by the URL (users, audit, imports, ...):
    its title, with the user's place when `place`."""
    page = _context(Filters())
    st.title(f"{tr(title_key)} · {page.place}" if place else tr(title_key))
    return page


REFUSALS: tuple[type[Exception], ...] = (FollowupError, auth.AuthError)


def write(
    fn: Callable[..., T],
    /,
    *,
    done: str | None = None,
    rerun: bool = True,
    toast: bool = False,
    **values: Any,
) -> T | None:
    """Run one write, `fn(session, **values)`, in its own transaction and report it: a refusal
    shows its message (nothing was written) and gives None; success shows `done` (as a toast
    with `toast`) and, with `rerun`, draws the page again with the new data."""
    try:
        with db.session_scope() as session:
            result = fn(session, **values)
    except REFUSALS as exc:
        report_refusal(exc)
        return None
    if done and toast:
        st.toast(tr(done), icon=":material/check:")
    elif done:
        st.success(tr(done))
    if rerun:
        st.rerun()
    return result


def report_refusal(exc: Exception) -> None:
    """A refused write's message in the user's language (its i18n key and values)."""
    row = getattr(exc, "row", None)
    message = tr(exc.args[0], **getattr(exc, "values", {}))  # every refusal's first arg is its key
    if row is not None:  # a decision row of a new meeting
        message = tr("meeting.decision_row", n=row, problem=message)
    st.error(message)


def in_session(fn: Callable[..., T], /, **values: Any) -> T:
    """`fn(session, **values)` in its own transaction, not cached: one record, this moment's
    list, or an audited read (person records: the view and its audit entry commit together)."""
    with db.session_scope() as session:
        return fn(session, **values)
