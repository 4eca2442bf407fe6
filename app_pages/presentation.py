"""Presentasi (presentation mode): the current filter as a sequence of slides for a rakor.

Headline figures, map, origins and status, trend, areas needing attention, and the open
actions of the previous meeting. The sidebar and every control are hidden, type is large,
small counts are always "<5" and no slide reads a name or document number. Slides move with
the buttons and with the keyboard (arrow keys, Page Up / Page Down from a clicker; Escape
leaves). Each slide states its filter and the date of the data. The slide is in the URL
(`slide=3`), the filter too, so a link opens the same slide.
"""

import html

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pora_dash.config import settings
from pora_dash.i18n import country_name, fmt_date, fmt_dec
from pora_dash.present import attention as present_attention
from pora_dash.present import tables
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy
from pora_dash.reads import areas, attention, followups, overview, stability
from pora_dash.reads.attention import COMPONENTS
from pora_dash.render import charts, mapview
from pora_dash.render import crosstab as ct
from pora_dash.store import db
from pora_dash.ui import (
    cache,
    current_scope,
    lang,
    page_filters,
    place_name,
    tr,
    withheld,
)
from pora_dash.ui.presentation import KEYS, PARAM, SLIDES, STYLE, slide_index
from pora_dash.ui.sidebar import describe
from pora_dash.ui.widgets import headline_section

filters = page_filters()
scope = current_scope()
show = Policy(exact=False, lang=lang())  # on a projector: protected, whoever is signed in
st.html(STYLE)
st.html(KEYS, unsafe_allow_javascript=True)

index = slide_index(st.query_params.get(PARAM))
slide = SLIDES[index]
place = place_name(filters)
today = filters.reference_date()


def go(to: int) -> None:
    st.query_params[PARAM] = str(to + 1)


def leave() -> None:
    if PARAM in st.query_params:
        del st.query_params[PARAM]
    if "presentasi" in st.query_params:
        del st.query_params["presentasi"]
    st.session_state["leave_presentation"] = True


if st.session_state.pop("leave_presentation", False):
    st.switch_page("app_pages/overview.py", query_params=st.query_params.to_dict())

st.title(f"{tr(f'slide.{slide}')} · {place}")


def figures_slide() -> None:
    headline_section(filters, scope, show, helps=False)


def map_slide() -> None:
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


def _bars(frame: pd.DataFrame, key: str, label, title: str, colour: str) -> None:  # type: ignore[no-untyped-def]
    """One breakdown as bars (the ten largest), or why it is not shown."""
    shown = tables.breakdown(frame, key, show)
    if not shown.ok:
        withheld(shown.withheld, title)
        return
    data = tables.chart_data(shown, lang()).head(10)
    chart = ct.bars(
        [label(c) for c in data["row"]],
        list(data["value"]),
        list(data["text"]),
        title=title,
        axis_title="",
        lang=lang(),
        colours=[colour] * len(data),
    )
    st.altair_chart(
        chart.configure_title(fontSize=22).configure_axis(labelFontSize=16), width="stretch"
    )


def origins_slide() -> None:
    nat = cache.read(overview.by_nationality, filters=filters, scope=scope)
    status = cache.read(overview.by_status, filters=filters, scope=scope)
    left, right = st.columns(2, gap="large")
    with left:
        _bars(
            nat,
            "nationality",
            lambda c: country_name(c, lang()),
            tr("slide.top_nationalities"),
            charts.OKABE_ITO[0],
        )
    with right:
        _bars(
            status,
            "status",
            lambda s: tr(f"status.{s}"),
            tr("slide.by_status"),
            charts.OKABE_ITO[2],
        )


def trend_slide() -> None:
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
    line, flows = charts.trend(shown.frame, events, lang=lang(), title="")
    st.altair_chart(line.properties(height=240), width="stretch")
    st.altair_chart(flows.properties(height=150), width="stretch")


def attention_slide() -> None:
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
    view = pd.DataFrame(
        {
            "#": range(1, len(table) + 1),
            tr("col.region"): [attention.area_label(c) for c in table["code"]],
            tr("attention.total"): [fmt_dec(v, lang()) for v in table["total"]],
            **{
                tr(f"attention.component.{c}"): [fmt_dec(v, lang()) for v in table[f"points_{c}"]]
                for c in COMPONENTS
            },
        }
    )
    st.table(view, hide_index=True)
    st.caption(tr("slide.attention_note"))


def actions_slide() -> None:
    with db.session_scope() as session:
        meeting = followups.previous_meeting(session, filters=filters, scope=scope, today=today)
        if meeting is None:
            st.info(tr("slide.no_meeting"))
            return
        decided = followups.actions(
            session,
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
    # the person in charge is a name: never on a projected slide; the owner agency is enough
    view = pd.DataFrame(
        {
            tr("slide.action"): decided["description"],
            tr("slide.owner"): decided["owner"],
            tr("slide.due"): [fmt_date(d, lang()) for d in decided["due_date"]],
            tr("slide.status"): [
                tr("slide.overdue_status") if o else tr(f"action.status.{s}")
                for s, o in zip(decided["status"], decided["overdue"], strict=True)
            ],
        }
    )
    st.table(view, hide_index=True)


DRAW = {
    "headline": figures_slide,
    "map": map_slide,
    "origins": origins_slide,
    "trend": trend_slide,
    "attention": attention_slide,
    "actions": actions_slide,
}
DRAW[slide]()

footer = st.columns([5, 4], vertical_alignment="center")
footer[0].html(
    '<div class="pora-slide-footer">'
    + "<br>".join(
        html.escape(line)
        for line in (
            describe(filters),
            tr("slide.footer", n=index + 1, total=len(SLIDES))
            + " · "
            + tr("slide.keys")
            + " · "
            + tr("disclosure.rule"),
        )
    )
    + "</div>"
)
with footer[1].container(
    horizontal=True, horizontal_alignment="right", vertical_alignment="center"
):
    st.button(
        tr("slide.prev"),
        key="slide_prev",
        icon=":material/chevron_left:",
        on_click=go,
        args=(index - 1,),
        disabled=index == 0,
        width="content",
    )
    st.button(
        tr("slide.next"),
        key="slide_next",
        icon=":material/chevron_right:",
        on_click=go,
        args=(index + 1,),
        disabled=index == len(SLIDES) - 1,
        type="primary",
        width="content",
    )
    st.button(
        tr("slide.exit"), key="slide_exit", icon=":material/close:", on_click=leave, width="content"
    )
