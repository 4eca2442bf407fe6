"""The four tabs of the "Asal & status" page: composition, cross-tables, trends and waiting."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pora_dash.present import origins as present_origins
from pora_dash.present.disclosure import Policy
from pora_dash.present.tables import TOTAL, Protected
from pora_dash.reads import origins, stability
from pora_dash.render import origins_charts
from pora_dash.store.models import SEXES
from pora_dash.ui import chart
from pora_dash.ui.origins import Origins, counts_block, long_stay, table
from pora_dash.ui.session import lang, tr
from pora_dash.ui.widgets import withheld


def composition(o: Origins) -> None:
    """Nationality, status, accommodation, and the pyramid of sex and age."""
    names = o.names
    left, right = st.columns(2, gap="large")
    with left:
        counts_block(
            o,
            "nat_status",
            margin="rows",
            what=tr("origins.by_nationality"),
            stem="asal-kewarganegaraan",
            keys={tr("col.nationality"): names.nationality, tr("col.code"): str},
            label=lambda c: f"{names.nationality(c)} ({c})",
            top=12,
        )
    with right:
        counts_block(
            o,
            "nat_status",
            margin="columns",
            what=tr("origins.by_status"),
            stem="asal-status",
            keys={tr("filter.status"): names.status},
            label=names.status,
            colours=origins_charts.STATUS_COLOURS,
        )
        counts_block(
            o,
            "accommodation",
            what=tr("origins.by_accommodation"),
            stem="asal-akomodasi",
            keys={tr("filter.accommodation"): lambda a: tr(f"accommodation.{a}")},
            label=lambda a: tr(f"accommodation.{a}"),
        )
    pyramid(o)


def pyramid(o: Origins) -> None:
    """Males left, females right, by age band; the table beside."""
    what = tr("origins.pyramid")
    shown = o.shown["sex_age"]
    # the table needs its four columns in view at 1280 px: in 2/5 its totals were cut off
    chart_col, table_col = st.columns([1, 1], gap="large")
    with chart_col:
        if not shown.ok:
            withheld(shown.withheld, what)
        else:
            chart.show(
                origins_charts.pyramid,
                present_origins.pyramid_data(shown, lang()),
                o.names,
                {s: tr(f"sex.{s}") for s in SEXES},
                title=o.title(what),
                axis_title=tr("col.count"),
            )
        st.caption(tr("origins.age_note"))
    with table_col:
        if shown.ok:
            table(
                o,
                "sex_age",
                stem="asal-umur-jenis-kelamin",
                sheet=what,
                keys={tr("origins.age_band"): o.names.band},
                column_name=lambda s: tr(f"sex.{s}"),
            )


def cross_tables(o: Origins) -> None:
    """Nationality × status, and the parts of the region × status or nationality."""
    names = o.names
    what = tr("origins.nat_by_status")
    st.subheader(what)
    st.caption(tr("origins.sort_hint"))
    table(
        o,
        "nat_status",
        stem="asal-kewarganegaraan-status",
        sheet=what,
        keys={tr("col.nationality"): names.nationality, tr("col.code"): str},
        column_name=names.status,
    )

    what = tr(f"origins.area_by.{min(o.page.filters.level() + 1, 3)}")
    st.subheader(what)
    split = st.segmented_control(
        tr("origins.columns"),
        ["status", "nationality"],
        default="status",
        key="asal_area_columns",
        format_func=lambda c: tr(f"origins.columns.{c}"),
    )
    by_nationality = split == "nationality"
    table(
        o,
        "area_nat" if by_nationality else "area_status",
        stem="asal-wilayah-kewarganegaraan" if by_nationality else "asal-wilayah-status",
        sheet=what,
        keys={tr("col.region"): names.region, tr("col.code"): str},
        column_name=names.nationality if by_nationality else names.status,
    )


def trend_chart(o: Origins, dimension: str, events: pd.DataFrame) -> None:
    """Active persons per month by status or by the main nationalities."""
    what = tr(f"origins.trend.{dimension}")
    shown = o.shown[f"trend_{dimension}"]
    if not shown.ok:
        withheld(shown.withheld, what)
        return
    name = o.names.status if dimension == "status" else o.names.nationality
    columns = list(o.raw[f"trend_{dimension}"].columns)
    chart.show(
        origins_charts.lines,
        present_origins.trend_data(shown, name, lang()),
        events,
        origins_charts.trend_colours(dimension, columns, name),
        title=o.title(what),
        axis_title=tr("trend.active"),
        lang=lang(),
    )


def trends(o: Origins) -> None:
    """Active persons per month by status and nationality; arrivals and departures."""
    filters = o.page.filters
    months = o.raw["trend_status"].index
    start = pd.Timestamp(months[0]).date() if len(months) else filters.reference_date()
    events = o.read(stability.calendar_events, start=start, end=filters.reference_date())
    for dimension, stem in (("status", "asal-tren-status"), ("nationality", "asal-tren-wn")):
        trend_chart(o, dimension, events)
        st.caption(tr("origins.current_status_note"))
        with st.expander(tr("origins.table")):
            table(
                o,
                f"trend_{dimension}",
                stem=stem,
                sheet=tr(f"origins.sheet.trend_{dimension}"),
                keys={tr("trend.month"): o.names.month},
                column_name=o.names.status if dimension == "status" else o.names.nationality,
                total=tr("trend.active"),
            )
    flows(o, events)


def flows(o: Origins, events: pd.DataFrame) -> None:
    """Arrivals and departures by reason, per month or per year, with their table."""
    what = tr("origins.flows")
    period = st.segmented_control(
        tr("origins.period"),
        ["month", "year"],
        default="month",
        key="asal_flow_period",
        format_func=lambda p: tr(f"origins.period.{p}"),
    )
    period = period or "month"
    flows = present_origins.flows_table(o.read(origins.flows_by_reason, period=period))
    chained = o.raw["trend_status"] if period == "month" else None

    def protect_flows(policy: Policy) -> Protected:
        return present_origins.protect_flows(flows, chained, policy, population=o.active)

    shown = protect_flows(o.show)
    if not shown.ok:
        withheld(shown.withheld, what)
    elif not (flows.to_numpy() > 0).any():
        st.subheader(what)
        st.info(tr("origins.no_flows"))
    else:
        chart.show(
            origins_charts.flows,
            present_origins.flows_data(shown, o.names),
            events,
            yearly=period == "year",
            title=o.title(what),
            axis_title=tr("trend.flows"),
            lang=lang(),
        )
    st.caption(tr("origins.flows_note"))
    with st.expander(tr("origins.table")):
        table(
            o,
            "flows",
            stem=f"asal-arus-{period}",
            sheet=tr("origins.sheet.flows"),
            keys={
                tr(f"origins.period.{period}"): o.names.month
                if period == "month"
                else lambda p: p[:4]
            },
            column_name=o.names.flow,
            total=tr("origins.departures_total"),
            protect=protect_flows,
        )


def waiting(o: Origins) -> None:
    """Asylum seekers' time since registration; refugees' years in Indonesia."""
    left, right = st.columns(2, gap="large")
    with left:
        if o.raw["asylum_wait"].loc[TOTAL, "count"] == 0:
            st.subheader(tr("origins.asylum_waiting"))
            st.info(tr("origins.no_asylum_seekers"), icon=":material/search_off:")
        else:
            long_stay(o, "asylum_wait", "5y_plus", "origins.asylum_5y")
            counts_block(
                o,
                "asylum_wait",
                what=tr("origins.asylum_waiting"),
                sheet=tr("origins.sheet.asylum_waiting"),
                stem="asal-tunggu-pencari-suaka",
                keys={tr("origins.since_registration"): lambda b: tr(f"origins.wait.{b}")},
                label=lambda b: tr(f"origins.wait.{b}"),
                colours=origins_charts.WAIT_COLOURS,
            )
        st.caption(tr("origins.asylum_waiting_note"))
    with right:
        if o.raw["refugee_stay"].loc[TOTAL, "count"] == 0:
            st.subheader(tr("origins.refugee_stay"))
            st.info(tr("origins.no_refugees"), icon=":material/search_off:")
        else:
            long_stay(o, "refugee_stay", "10y_plus", "origins.refugee_10y")
            counts_block(
                o,
                "refugee_stay",
                what=tr("origins.refugee_stay"),
                sheet=tr("origins.sheet.refugee_stay"),
                stem="asal-lama-pengungsi",
                keys={tr("origins.since_arrival"): lambda b: tr(f"origins.stay.{b}")},
                label=lambda b: tr(f"origins.stay.{b}"),
                colours=origins_charts.LONG_COLOURS,
            )
        st.caption(tr("origins.refugee_stay_note"))


TABS = {
    "composition": composition,
    "crosstab": cross_tables,
    "trends": trends,
    "waiting": waiting,
}
