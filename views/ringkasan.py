"""Ringkasan (overview): the whole picture for the current filter, at a glance.

- Headline figures: active persons of concern, refugees, asylum seekers, share with a UNHCR
  card or certificate, new arrivals in the last 30 and 90 days with the change against the
  period before, kecamatan hosting, open and overdue follow-up actions.
- Monthly trend of the active population with arrivals, departures and calendar events.
- Top areas (the parts of the current region) and top nationalities; choosing a row filters.
- Small counts shown as "<5" for viewers without record access and in presentation mode.
"""

import pandas as pd
import streamlit as st

from pora_dash import attention, cached, charts, reference
from pora_dash.i18n import country_name, fmt_dec, fmt_int
from pora_dash.privacy import export_column, suppress_column
from pora_dash.sidebar import (
    data_page,
    describe,
    pick,
    set_nationality,
    set_region,
    table_height,
)
from pora_dash.ui import download_buttons, lang, tr

filters, scope, show, place = data_page("nav.overview")

warnings = cached.read("early_warnings", filters=filters, scope=scope)
if not warnings.empty:
    with st.container(border=True):
        st.warning(tr("warning.title"), icon=":material/campaign:")
        st.caption(tr("warning.rule"))
        for w in warnings.head(5).itertuples():
            line = st.columns([5, 1], vertical_alignment="center")
            line[0].markdown(
                tr(
                    "warning.line",
                    area=attention.area_label(w.code),
                    n=show.count(int(w.recent)),
                    mean=fmt_dec(w.mean, lang()),
                    threshold=fmt_dec(w.threshold, lang()),
                )
            )
            if scope.allows(w.code):
                line[1].button(
                    tr("warning.filter"),
                    key=f"warn_{w.code}",
                    on_click=set_region,
                    args=(w.code,),
                    type="tertiary",
                    icon=":material/filter_alt:",
                )
        if len(warnings) > 5:
            st.caption(tr("warning.more", n=len(warnings) - 5))

head = cached.read("headline", filters=filters, scope=scope)
flows = cached.read("arrivals", filters=filters, scope=scope)
actions = cached.read("action_counts", filters=filters, scope=scope)


def delta(now: int, before: int) -> str | None:
    if show.hides(now) or show.hides(before) or now == before:
        return None
    return f"{'+' if now > before else '-'}{show.count(abs(now - before))}"


row1 = st.columns(4)
row1[0].metric(
    tr("home.national_total"),
    show.count(head.active),
    help=tr("home.national_total.help"),
    border=True,
)
row1[1].metric(
    tr("home.refugees"), show.count(head.refugees), help=tr("home.refugees.help"), border=True
)
row1[2].metric(
    tr("home.asylum_seekers"),
    show.count(head.asylum_seekers),
    help=tr("home.asylum_seekers.help"),
    border=True,
)
row1[3].metric(
    tr("home.document_share"),
    show.share(head.with_document, head.active),
    help=tr("home.document_share.help"),
    border=True,
)
row2 = st.columns(4)
row2[0].metric(
    tr("home.arrivals_30"),
    show.count(flows.last_30),
    delta(flows.last_30, flows.previous_30),
    delta_color="off",
    help=tr("home.arrivals_30.help"),
    border=True,
)
row2[1].metric(
    tr("home.arrivals_90"),
    show.count(flows.last_90),
    delta(flows.last_90, flows.previous_90),
    delta_color="off",
    help=tr("home.arrivals_90.help"),
    border=True,
)
row2[2].metric(
    tr("home.kecamatan"),
    show.count(head.kecamatan_hosting),
    help=tr("home.kecamatan.help"),
    border=True,
)
row2[3].metric(
    tr("home.actions"),
    fmt_int(actions.open, lang()),  # follow-up actions are not people: never "<5"
    tr("home.actions_overdue", n=fmt_int(actions.overdue, lang())) if actions.overdue else None,
    delta_color="inverse",
    delta_arrow="off",
    help=tr("home.actions.help"),
    border=True,
)

if head.active == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()

trend = cached.read("monthly_trend", filters=filters, scope=scope)
events = cached.read(
    "calendar_events",
    filters=filters,
    scope=scope,
    start=trend["month"].min(),
    end=filters.reference_date(),
)
if show.suppress and trend["active"].between(1, 4).all():
    st.info(tr("trend.suppressed"), icon=":material/visibility_off:")
    st.stop()
line_chart, flow_chart = charts.trend(
    trend, events, lang=lang(), policy=show, title=tr("trend.title", place=place)
)
st.altair_chart(line_chart, width="stretch")
st.altair_chart(flow_chart, width="stretch")

left, right = st.columns(2)
with left:
    level = min(filters.level() + 1, 3)
    st.subheader(tr(f"home.top_areas.{level}"))
    areas = cached.read("by_area", filters=filters, scope=scope)
    areas_table = pd.DataFrame(
        {
            tr("col.region"): [reference.region_name(c) or c for c in areas["code"]],
            tr("col.code"): areas["code"],
            tr("col.count"): suppress_column(areas["count"].tolist(), show),
        }
    )
    area_key = f"pick_area_{filters.key()}"
    st.dataframe(
        areas_table,
        hide_index=True,
        selection_mode="single-row",
        key=area_key,
        height=table_height(len(areas_table)),
        on_select=lambda: pick(area_key, areas["code"], set_region),
    )
    st.caption(tr("home.pick_hint"))
with right:
    st.subheader(tr("home.top_nationalities"))
    nat = cached.read("by_nationality", filters=filters, scope=scope)
    nat_table = pd.DataFrame(
        {
            tr("col.nationality"): [country_name(c, lang()) for c in nat["nationality"]],
            tr("col.code"): nat["nationality"],
            tr("col.count"): suppress_column(nat["count"].tolist(), show),
        }
    )
    nat_key = f"pick_nat_{filters.key()}"
    st.dataframe(
        nat_table,
        hide_index=True,
        selection_mode="single-row",
        key=nat_key,
        height=table_height(len(nat_table)),
        on_select=lambda: pick(nat_key, nat["nationality"], set_nationality),
    )
    st.caption(tr("home.pick_hint"))

download_buttons(
    "ringkasan",
    {
        tr(f"home.top_areas.{level}"): pd.DataFrame(
            {
                tr("col.code"): areas["code"],
                tr("col.region"): [reference.region_name(c) or c for c in areas["code"]],
                tr("col.count"): export_column(areas["count"].tolist(), show),
            }
        ),
        tr("home.top_nationalities"): pd.DataFrame(
            {
                tr("col.code"): nat["nationality"],
                tr("col.nationality"): [country_name(c, lang()) for c in nat["nationality"]],
                tr("col.count"): export_column(nat["count"].tolist(), show),
            }
        ),
    },
    describe(filters),
)
if show.suppress:
    st.caption(tr("privacy.note"))
