"""The pieces of the overview (Ringkasan): the early warnings, the monthly trend, and a
breakdown the viewer may filter by."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pora_dash.present import overview as present_overview
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import text
from pora_dash.reads import attention, overview, stability
from pora_dash.render import charts
from pora_dash.ui import cache, chart
from pora_dash.ui.page import PageContext
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import pick, set_nationality, set_region, table_height
from pora_dash.ui.widgets import withheld

SHOWN_WARNINGS = 5


def early_warnings(page: PageContext) -> None:
    """Areas whose arrivals this week are well above their usual weeks; each may be opened."""
    warnings = cache.read(attention.early_warnings, filters=page.filters, scope=page.scope)
    if warnings.empty:
        return
    with st.container(border=True):
        st.warning(tr("warning.title"), icon=":material/campaign:")
        st.caption(tr("warning.rule"))
        for w in warnings.head(SHOWN_WARNINGS).itertuples():
            line = st.columns([5, 1], vertical_alignment="center")
            line[0].markdown(
                present_overview.warning_line(
                    w.code, int(w.recent), w.mean, w.threshold, page.policy
                )
            )
            if page.scope.allows(w.code):
                line[1].button(
                    tr("warning.filter"),
                    key=f"warn_{w.code}",
                    on_click=set_region,
                    args=(w.code,),
                    type="tertiary",
                    icon=":material/filter_alt:",
                )
        if len(warnings) > SHOWN_WARNINGS:
            st.caption(tr("warning.more", n=len(warnings) - SHOWN_WARNINGS))


def trend_section(page: PageContext) -> None:
    """The active population per month, with arrivals, departures and calendar events."""
    filters, scope = page.filters, page.scope
    trend = cache.read(overview.monthly_trend, filters=filters, scope=scope)
    events = cache.read(
        stability.calendar_events,
        filters=filters,
        scope=scope,
        start=trend["month"].min(),
        end=filters.reference_date(),
    )
    title = tr("trend.title", place=page.place)
    shown = present_trend.protect(trend, page.policy)
    if not shown.ok:
        withheld(shown.withheld, title)
        return
    chart.show(charts.trend, shown.frame, events, lang=lang(), title=title)  # line, then flows


def pick_table(
    what: str,
    rows: present_overview.Rows,
    key: str,
    setter: Callable[[str | None], None],
) -> None:
    """A breakdown the viewer may filter by (choosing a row), or why it is not shown."""
    frame, reason = rows
    if reason:
        withheld(reason, what)
        return
    st.subheader(what)
    count = tr("col.count")
    shown = frame.assign(**{count: [text(v, lang()) for v in frame[count]]})
    st.dataframe(
        shown,
        hide_index=True,
        selection_mode="single-row",
        key=key,
        height=table_height(len(shown)),
        on_select=lambda: pick(key, frame[tr("col.code")], setter),
    )
    st.caption(tr("home.pick_hint"))


def breakdowns(page: PageContext, areas: pd.DataFrame, nat: pd.DataFrame, level: int) -> None:
    """Top areas and top nationalities side by side; choosing a row filters by it."""
    left, right = st.columns(2)
    with left:
        pick_table(
            tr(f"home.top_areas.{level}"),
            present_overview.area_rows(areas, page.policy),
            f"pick_area_{page.filters.key()}",
            set_region,
        )
    with right:
        pick_table(
            tr("home.top_nationalities"),
            present_overview.nationality_rows(nat, page.policy),
            f"pick_nat_{page.filters.key()}",
            set_nationality,
        )
