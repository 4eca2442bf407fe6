"""Widgets shared by the pages: headline cards, notices, audited downloads, data text, the edit-conflict memory, and the write-and-report block."""

from __future__ import annotations

import functools
import html
import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import (
    SCRIPT_RUN_CONTEXT_ATTR_NAME,
    add_script_run_ctx,
    get_script_run_ctx,
)

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.present import headline
from pora_dash.present.disclosure import Policy
from pora_dash.reads import followups, overview
from pora_dash.store import db
from pora_dash.ui import cache
from pora_dash.ui.session import current_user, policy, tr

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headline_cards(figures: list[Any], *, per_row: int = 4, helps: bool = True) -> None:
    """The headline figures (present.headline.figures) as metric cards, `per_row` a row."""
    for start in range(0, len(figures), per_row):
        row = st.columns(per_row)
        for column, figure in zip(row, figures[start : start + per_row], strict=False):
            delta, arrow = _signed(figure.delta, figure.alert)
            column.metric(
                figure.label,
                figure.value,
                delta,
                delta_color="inverse" if figure.alert else "off",
                delta_arrow=arrow,
                help=tr(f"{figure.key}.help") if helps else None,
                border=True,
                height="stretch",  # one row, one height, however its labels wrap
            )


def _signed(delta: str | None, alert: bool) -> tuple[str | None, Any]:
    """A change as an arrow and a size: "↓ 5" and "↓ <5", never "↓ -5" or "-<5"."""
    if alert or not delta or delta[0] not in "+-−":
        return delta, "off" if alert else "auto"
    return delta[1:], "down" if delta[0] in "-−" else "up"


def withheld(reason: str | None, what: str | None = None) -> None:
    """The notice for a breakdown the disclosure rule does not show."""
    if what:
        st.subheader(what)
    st.info(tr(f"disclosure.{reason}"), icon=":material/visibility_off:")


def file_policy(stem: str) -> Policy:
    """The counts of a page's files: protected for everyone by default; an exact-access user
    may choose the internal variant (exact, marked TERBATAS on every sheet, audited)."""
    screen = policy()
    if not screen.exact:
        return screen
    internal = st.toggle(
        tr("export.internal"), key=f"internal_{stem}", help=tr("export.internal.help")
    )
    return screen if internal else screen.protected()


def file_header(stem: str, filter_line: str, files: Policy) -> list[str]:
    """The first lines of a file: what it is, its filter, and how its counts are shown."""
    marking = tr("export.internal_mark") if files.exact else tr("disclosure.rule")
    return [marking, tr("export.title", what=stem), filter_line, tr("export.no_names")]


def _audit_download(event: str, target: str, detail: dict) -> None:
    user = current_user()
    with db.session_scope() as session:
        auth.audit(
            session, event, username=user.username if user else None, target=target, **detail
        )


def download_file(
    label: str,
    data: bytes | Callable[[], bytes],
    *,
    file_name: str,
    mime: str,
    detail: dict,
    key: str,
    where: Any = st,
    **button: Any,
) -> None:
    """One audited download button. `data` is the file, or a function making it when the
    button is clicked (Streamlit's deferred download, run in this session: `in_session`)."""
    where.download_button(
        label,
        in_session(data) if callable(data) else data,
        file_name=file_name,
        mime=mime,
        on_click=_audit_download,
        args=("export", file_name, detail),
        key=key,
        **{"icon": ":material/download:", **button},
    )


def in_session(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """`make` as a deferred download: Streamlit calls it when the button is clicked, in a
    thread of its own, which is given this session's context for the call (the language,
    the user, the cached reads are the page's)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:  # bare mode: Streamlit keeps no deferred download anyway
        return make

    def run() -> bytes:
        thread = threading.current_thread()  # a pool thread: detached again after the call
        add_script_run_ctx(thread, ctx)
        try:
            return make()
        finally:
            setattr(thread, SCRIPT_RUN_CONTEXT_ATTR_NAME, None)

    return run


def download_buttons(
    stem: str,
    tables: Callable[[Policy], dict[str, Any]],
    filter_line: str,
    *,
    people: bool = True,
) -> None:
    """CSV (first table) and Excel (all tables) downloads; each click is audited.

    `tables(policy)` makes the sheets (name -> DataFrame) for the files' audience: protected
    by default, exact in the internal variant an exact-access user may choose. `people=False`:
    the files count no people (actions, incidents), so there is no variant to choose.
    The files are made when a button is clicked, not at every run of the page:
    building them cost a third of a page's run when the filters change."""
    from pora_dash.render import exports  # local: pandas/xlsxwriter work only when a page asks

    files = file_policy(stem) if people else policy()
    header = file_header(stem, filter_line, files)
    variant = "internal" if files.exact else "protected"
    detail = {"filter": filter_line, "variant": variant}

    @functools.cache
    def sheets() -> dict[str, Any]:  # made once for both files
        return tables(files)

    def csv() -> bytes:
        return exports.to_csv(next(iter(sheets().values())), header)

    def excel() -> bytes:
        return exports.to_excel(sheets(), header)

    cols = st.columns(2, width=360)
    for column, label, make, name, mime in (
        (cols[0], "CSV", csv, f"{stem}.csv", "text/csv"),
        (cols[1], "Excel", excel, f"{stem}.xlsx", XLSX_MIME),
    ):
        download_file(
            label,
            make,
            file_name=name,
            mime=mime,
            detail=detail,
            key=f"dl_{name.rsplit('.', 1)[1]}_{stem}",
            where=column,
        )


def show_text(text: str | None, *, size: str = "1rem", weight: int = 400) -> None:
    """Data text shown as text: HTML-escaped, never interpreted as Markdown (a description
    with ![](http://…) must not load an outside image) nor as HTML."""

    body = html.escape(text or "–").replace("\n", "<br>")
    st.html(f'<div style="font-size:{size};font-weight:{weight};line-height:1.35">{body}</div>')


def show_labelled(label: str, text: str | None, *, size: str = "1.5rem") -> None:
    """A label over a value that wraps, where a figure card (st.metric) would cut a long value
    short with "…": an agency's name on a projector. Escaped like `show_text`."""
    st.html(
        f'<div style="font-size:0.875rem">{html.escape(label)}</div>'
        f'<div style="font-size:{size};line-height:1.25;overflow-wrap:anywhere">'
        f"{html.escape(text or '–')}</div>"
    )


def seen_version(action_id: int, current: int) -> int:
    """The version of an action as this user first saw it in the open form.

    The page re-reads the action on every rerun, including the one that carries the form's
    submit; comparing against that fresh version would never notice a colleague's save. So
    the version seen when the form was first drawn is kept until the save succeeds.
    """
    return int(st.session_state.setdefault(f"seen_version_{action_id}", current))


def forget_seen_version(action_id: int) -> None:
    st.session_state.pop(f"seen_version_{action_id}", None)


def headline_section(
    filters: Filters, scope: Scope, show: Policy, *, helps: bool = True
) -> overview.Headline:
    """The headline figures of a filter as cards: the overview's, the first slide's and the
    brief page's preview are this one block. Returns the figures read, for what follows."""
    head = cache.read(overview.headline, filters=filters, scope=scope)
    flows = cache.read(overview.arrivals, filters=filters, scope=scope)
    actions = cache.read(followups.action_counts, filters=filters, scope=scope)
    headline_cards(headline.figures(head, flows, actions, show), helps=helps)
    return head
