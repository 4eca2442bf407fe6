"""The slides of presentation mode (app_pages/presentation.py), one function each, all drawn
for a protected audience: counts of people rounded to 5, "<5" for 1–4, no names."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pora_dash.access.scope import Scope
from pora_dash.config import settings
from pora_dash.filters import Filters
from pora_dash.i18n import country_name, fmt_date
from pora_dash.present import attention as present_attention
from pora_dash.present import tables
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy
from pora_dash.present.slides import actions_view, attention_view
from pora_dash.reads import areas, attention, followups, overview, stability
from pora_dash.render import charts, mapview
from pora_dash.render import crosstab as ct
from pora_dash.render.palette import OKABE_ITO
from pora_dash.ui import cache, chart
from pora_dash.ui import compare as compare_ui
from pora_dash.ui.page import in_session
from pora_dash.ui.session import lang, tr
from pora_dash.ui.widgets import headline_section, withheld


def figures_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    headline_section(filters, scope, show, helps=False)


def map_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    frame = cache.read(
        areas.area_metrics, filters=filters, scope=scope, period_days=filters.period_days
    )
    config = settings()
    folium_map, _, _ = mapview.build(
        filters=filters,
        scope=scope,
        frame=frame,
        metric="count",
        policy=show,
        sites=None,
        incidents=None,
        tile_url=config.tile_url,
        tile_attribution=config.tile_attribution,
    )
    _, reason = mapview.shown_counts(frame, "active", show)
    if reason:  # the areas are drawn without their figures: say why, in one line
        st.caption(tr(f"disclosure.{reason}"))
    st_folium(
        folium_map,
        key=f"slide_map_{filters.key()}",
        height=480,  # the style stretches it to the screen's height
        use_container_width=True,
        returned_objects=[],
    )


def _bars(frame: pd.DataFrame, key: str, label, title: str, colour: str, show: Policy) -> None:  # type: ignore[no-untyped-def]
    """One breakdown as bars (the ten largest), or why it is not shown."""
    shown = tables.breakdown(frame, key, show)
    if not shown.ok:
        withheld(shown.withheld, title)
        return
    data = tables.chart_data(shown, lang()).head(10)
    chart.show(
        _slide_bars,
        [label(c) for c in data["row"]],
        list(data["value"]),
        list(data["text"]),
        title=title,
        lang=lang(),
        colours=[colour] * len(data),
    )


def _slide_bars(
    labels: list[str],
    values: list[int],
    texts: list[str],
    *,
    title: str,
    lang: str,
    colours: list[str],
) -> Any:
    """A breakdown's bars in the slides' larger type."""
    bars = ct.bars(labels, values, texts, title=title, axis_title="", lang=lang, colours=colours)
    return bars.configure_title(fontSize=22).configure_axis(labelFontSize=16)


def _slide_trend(frame: pd.DataFrame, events: pd.DataFrame, *, lang: str) -> tuple[Any, Any]:
    """The overview's trend, lower, to leave the slide room."""
    line, flows = charts.trend(frame, events, lang=lang, title="")
    return line.properties(height=240), flows.properties(height=230)


def origins_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    nat = cache.read(overview.by_nationality, filters=filters, scope=scope)
    status = cache.read(overview.by_status, filters=filters, scope=scope)
    left, right = st.columns(2, gap="large")
    with left:
        _bars(
            nat,
            "nationality",
            lambda c: country_name(c, lang()),
            tr("slide.top_nationalities"),
            OKABE_ITO[0],
            show,
        )
    with right:
        _bars(
            status,
            "status",
            lambda s: tr(f"status.{s}"),
            tr("slide.by_status"),
            OKABE_ITO[2],
            show,
        )


def trend_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    today = filters.reference_date()
    trend = cache.read(overview.monthly_trend, filters=filters, scope=scope)
    shown = present_trend.protect(trend, show)
    if not shown.ok:
        withheld(shown.withheld)
        return
    events = cache.read(
        stability.calendar_events,
        filters=filters,
        scope=scope,
        start=trend["month"].min(),
        end=today,
    )
    chart.show(_slide_trend, shown.frame, events, lang=lang())


def attention_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    weights = cache.attention_weights()
    table = cache.read(
        attention.attention_table,
        filters=filters,
        scope=scope,
        level=attention.table_level(filters),
        weights=tuple(sorted(weights.items())),
    )
    table = present_attention.protect(table, weights, show).head(8)  # what fits at 720 px
    if table.empty:
        st.info(tr("attention.empty"))
        return
    view = attention_view(table, lang())
    st.table(view, hide_index=True)
    st.caption(tr("slide.attention_note"))


def actions_slide(filters: Filters, scope: Scope, show: Policy) -> None:
    today = filters.reference_date()
    meeting = in_session(followups.previous_meeting, filters=filters, scope=scope, today=today)
    if meeting is None:
        st.info(tr("slide.no_meeting"))
        return
    decided = in_session(
        followups.actions,
        filters=filters,
        scope=scope,
        which=followups.ActionFilter(
            meeting_id=int(meeting["id"]), statuses=("open", "in_progress")
        ),
    )
    st.subheader(
        tr("slide.meeting", title=meeting["title"], date=fmt_date(meeting["held_on"], lang()))
    )
    if decided.empty:
        st.success(tr("slide.all_done"))
        return
    st.table(actions_view(decided, lang()), hide_index=True)  # no name: the owner agency


DRAW = {
    "headline": figures_slide,
    "map": map_slide,
    "origins": origins_slide,
    "trend": trend_slide,
    "attention": attention_slide,
    "actions": actions_slide,
    "compare": compare_ui.slide,  # the URL's comparison, else the same date a year earlier
}
