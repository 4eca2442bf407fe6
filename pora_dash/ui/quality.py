"""The checks of the data-quality page (app_pages/quality.py), one tab each, and the
picker that opens a problem's records on the person records page."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st

from pora_dash.i18n import fmt_int
from pora_dash.present import quality as shown
from pora_dash.reads import quality
from pora_dash.ui import cache
from pora_dash.ui.page import PageContext, in_session
from pora_dash.ui.session import tr
from pora_dash.ui.sidebar import table_height


def _table(
    frame: pd.DataFrame,
    *,
    text: int = 1,
    rows: int = 12,
    first: Literal["small", "medium", "large"] | None = None,
    **kwargs: object,
) -> None:
    """A table whose first `text` columns are words and the rest figures (formatted as
    text, '<5' included), aligned right so that they read as numbers; `first` caps the
    width of the first column (long agency names), so that every figure stays in view."""
    config = {name: st.column_config.TextColumn(alignment="right") for name in frame.columns[text:]}
    if first:
        config[frame.columns[0]] = st.column_config.TextColumn(width=first)
    options = {"hide_index": True, "height": table_height(len(frame), rows), **kwargs}
    st.dataframe(frame, column_config=config, **options)  # type: ignore[arg-type,call-overload]


def _open(label: str, options: shown.Links, key: str, may_open: bool) -> None:
    """A picker of problems and a button that opens their records on the records page."""
    if not may_open or not options:
        return
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    choice = c1.selectbox(label, list(options), key=key)
    if c2.button(tr("quality.open"), icon=":material/open_in_new:", key=f"{key}_go"):
        st.session_state["records_page"] = 0
        st.switch_page("app_pages/records.py", query_params=options[choice])


def _groups(
    groups: pd.DataFrame,
    columns: dict[str, list[str]],
    labels: list[str],
    page: PageContext,
    *,
    open_label: str,
    key: str,
) -> None:
    """A table of likely-duplicate groups and a picker that opens the records of one group."""
    _table(shown.group_table(groups, columns, page.policy), text=len(columns) + 1, rows=10)
    _open(open_label, shown.group_links(groups, labels), key, page.may("records_view"))


def quality_tabs(page: PageContext) -> None:
    """The five checks, one tab each; only the open tab's check runs (each reads every
    active person)."""
    user, scope = page.user, page.scope
    may_open = page.may("records_view")
    L = page.lang
    show = page.policy  # exact for these roles, '<5' in presentation mode
    tabs = st.tabs(
        [
            tr("quality.tab.completeness"),
            tr("quality.tab.verification"),
            tr("quality.tab.duplicates"),
            tr("quality.tab.boundaries"),
            tr("quality.tab.imports"),
        ],
        key="quality_tab",
        on_change="rerun",  # only the open tab's checks run (each reads every active person)
    )

    with tabs[0]:
        if tabs[0].open:
            by_agency = cache.read_scoped(quality.completeness_by_agency, scope=scope)
            total, filled = quality.totals(by_agency)
            st.write(tr("quality.active", n=fmt_int(total, L)))
            if total:
                _table(shown.field_table(total, filled, show), width="content")
                st.markdown(f"**{tr('quality.by_agency')}**")
                _table(shown.agency_table(by_agency, show), first="medium")

    with tabs[1]:
        if tabs[1].open:
            stale = cache.read_scoped(quality.not_verified, scope=scope)
            count = int(stale["count"].sum()) if len(stale) else 0
            st.write(tr("quality.stale", n=fmt_int(count, L), days=quality.STALE_DAYS))
            if len(stale):
                _table(shown.stale_table(stale, show))
                _open(tr("quality.open_area"), shown.stale_links(stale, L), "q_stale", may_open)

    with tabs[2]:
        if tabs[2].open:
            cases = cache.read_scoped(quality.duplicate_cases, scope=scope)
            twins = cache.read_scoped(quality.duplicate_profiles, scope=scope)
            st.markdown(f"**{tr('quality.dup_cases')}**")
            if cases.empty:
                st.info(tr("quality.none"), icon=":material/check:")
            else:
                labels = shown.case_labels(cases, page.may("records"), L)
                columns = shown.case_columns(cases, labels, L)
                _groups(
                    cases, columns, labels, page, open_label=tr("quality.open_case"), key="q_cases"
                )
            st.markdown(f"**{tr('quality.dup_profiles')}**")
            if twins.empty:
                st.info(tr("quality.none"), icon=":material/check:")
            else:
                labels = shown.profile_labels(twins, L)
                columns = {tr("quality.col.profile"): labels}
                _groups(
                    twins,
                    columns,
                    labels,
                    page,
                    open_label=tr("quality.open_profile"),
                    key="q_twins",
                )

    with tabs[3]:
        if tabs[3].open:
            unmapped = cache.read_scoped(quality.without_boundary, scope=scope)
            if unmapped.empty:
                st.info(tr("quality.all_mapped"), icon=":material/check:")
            else:
                st.write(tr("quality.unmapped", n=fmt_int(int(unmapped["count"].sum()), L)))
                _table(shown.unmapped_table(unmapped, show), text=2)
                links = shown.unmapped_links(unmapped)
                _open(tr("quality.open_area"), links, "q_unmapped", may_open)

    with tabs[4]:
        if tabs[4].open:
            imports = in_session(quality.recent_imports, scope=scope, username=user.username)
            if imports.empty:
                st.info(tr("quality.no_imports"), icon=":material/info:")
            else:
                _table(shown.imports_table(imports, L), text=5)
