"""The pieces of the Mobilitas page: flows (map, corridors, net movement, the full table),
breakdowns, the monthly moves and the arrival cohort. Everything shown comes from
`present.mobility`, published for this screen's audience."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pora_dash.filters import DATE_MIN, Filters
from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_date, fmt_month
from pora_dash.present import mobility as present
from pora_dash.present.disclosure import Policy, text
from pora_dash.present.disclosure import for_file as file_value
from pora_dash.present.tables import TOTAL, Protected, display, for_file, labelled
from pora_dash.render import flowmap, mobility_charts
from pora_dash.ui import chart
from pora_dash.ui.session import lang, tr
from pora_dash.ui.widgets import withheld

COHORT_PARAMS = ("kohort", "kohort_sampai")


def area_name(code: str) -> str:
    return labels.name(code)


def table_name(code: str) -> str:
    """'DKI Jakarta', 'Kab. Brebes': the two tables side by side have half the page, and the
    counts must not scroll out of sight on a projector."""
    return labels.short(code)


def short_name(code: str) -> str:
    """'DKI', 'Jabar', 'Kab. Pidie', 'Jakarta Selatan': for a card or a crowded place."""
    return labels.PROVINCE_SHORT.get(code) or labels.short(code)


def corridor_text(corridors: pd.DataFrame) -> str:
    """The largest corridor as 'Jabar → DKI' ("–" when none is shown)."""
    if corridors.empty:
        return "–"
    first = corridors.iloc[0]
    return f"{short_name(first['origin'])} → {short_name(first['destination'])}"


def flow_map(shown: present.Flows, key: str, region: str | None) -> None:
    """The flow map of the flows shown, and the note under it."""
    corridors, net = shown.corridors(), shown.net()
    if corridors.empty:
        return
    drawn = flowmap.build(corridors, net, name=area_name, lang=lang(), region=region)
    st_folium(drawn, key=key, height=560, width="stretch", returned_objects=[])
    st.caption(tr("mobility.map.hint"))


def corridors_table(shown: present.Flows, top: int = 10) -> None:
    corridors = shown.corridors().head(top)
    st.subheader(tr("mobility.corridors"))
    frame = pd.DataFrame(
        {
            tr("mobility.origin"): [table_name(c) for c in corridors["origin"]],
            tr("mobility.destination"): [table_name(c) for c in corridors["destination"]],
            tr("mobility.people"): list(corridors["text"]),
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def net_table(shown: present.Flows) -> None:
    net = shown.net()
    st.subheader(tr("mobility.net_heading"))
    frame = pd.DataFrame(
        {
            tr("mobility.area"): [table_name(c) for c in net["area"]],
            tr("mobility.in"): list(net["inward_txt"]),
            tr("mobility.out"): list(net["outward_txt"]),
            tr("mobility.net"): list(net["net_txt"]),
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def od_labelled(table: Protected, for_a_file: bool) -> pd.DataFrame:
    """The whole origin–destination table with names, for the screen or a file."""
    values = for_file(table) if for_a_file else display(table, lang())
    return labelled(
        values,
        keys={tr("mobility.origin"): area_name},
        column_name=area_name,
        total=tr("mobility.total"),
    ).rename(columns={tr("mobility.total"): tr("mobility.total_out")}, errors="ignore")


def od_table(shown: present.Flows) -> None:
    with st.expander(tr("mobility.od_heading"), icon=":material/table:"):
        st.caption(tr("mobility.od_help"))
        st.dataframe(od_labelled(shown.table, False), hide_index=True, width="stretch")


def breakdown_tables(by: dict[str, Protected]) -> None:
    """Flows by nationality and by status, side by side."""
    columns = st.columns(2)
    for column, (key, table) in zip(columns, by.items(), strict=True):
        with column:
            st.subheader(tr(f"mobility.by.{key}"))
            if not table.ok:
                withheld(table.withheld)
                continue
            rows = table.values.drop(index=TOTAL, errors="ignore")
            frame = pd.DataFrame(
                {
                    tr(f"mobility.by.{key}.column"): [group_name(key, str(c)) for c in rows.index],
                    tr("mobility.people"): [text(v, lang()) for v in rows["count"]],
                }
            )
            st.dataframe(frame, hide_index=True, width="stretch")


def group_name(key: str, code: str) -> str:
    """A nationality's or a status's name."""
    return country_name(code, lang()) if key == "nationality" else tr(f"status.{code}")


def monthly_chart(table: Protected, events: pd.DataFrame) -> None:
    st.subheader(tr("mobility.monthly"))
    if not table.ok:
        withheld(table.withheld)
        return
    chart.show(mobility_charts.monthly, table, events, lang=lang(), labels=_direction_labels())
    st.caption(tr("mobility.monthly_help"))


def _direction_labels() -> dict[str, str]:
    return {d: tr(f"mobility.direction.{d}") for d in (*present.DIRECTIONS, "total", "month")}


def _month_param(name: str, today: dt.date) -> dt.date | None:
    raw = st.query_params.get(name)
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(f"{raw}-01")
    except ValueError:
        st.warning(tr("notice.bad_param", param=name, value=raw), icon=":material/info:")
        return None
    if not DATE_MIN <= day <= today:
        st.warning(tr("notice.bad_param", param=name, value=raw), icon=":material/info:")
        return None
    return day


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def cohort_months(filters: Filters) -> tuple[dt.date, dt.date]:
    """The arrival months of the cohort from the URL (`kohort`, `kohort_sampai`: YYYY-MM),
    by default the month a year before the reference date; a bad value gets a notice."""
    today = filters.reference_date()
    default = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    first = _month_param("kohort", today) or default
    last = _month_param("kohort_sampai", today) or first
    if last < first:
        st.warning(tr("mobility.cohort.order"), icon=":material/info:")
        last = first
    return first, min(_month_end(last), today)


def _set_cohort() -> None:
    first, last = st.session_state.get("cohort_first"), st.session_state.get("cohort_last")
    if first:
        st.query_params["kohort"] = first
    if last and last != first:
        st.query_params["kohort_sampai"] = last
    else:
        st.query_params.pop("kohort_sampai", None)


def cohort_picker(filters: Filters, start: dt.date, end: dt.date) -> None:
    today = filters.reference_date()
    months = pd.period_range(end=pd.Period(today, "M"), periods=120, freq="M")
    options = [str(p) for p in reversed(months)]
    first, last = start.strftime("%Y-%m"), end.strftime("%Y-%m")
    for key, value in (("cohort_first", first), ("cohort_last", last)):
        if value in options:
            st.session_state[key] = value
    columns = st.columns(2, width=520)

    def month_name(m: str) -> str:
        return fmt_month(dt.date.fromisoformat(f"{m}-01"), lang())

    columns[0].selectbox(
        tr("mobility.cohort.from"), options, key="cohort_first", format_func=month_name,
        on_change=_set_cohort,
    )  # fmt: skip
    columns[1].selectbox(
        tr("mobility.cohort.to"), options, key="cohort_last", format_func=month_name,
        on_change=_set_cohort,
    )  # fmt: skip


def cohort_section(cohort: present.Cohort, place: str, start: dt.date, end: dt.date) -> None:
    language = lang()
    st.caption(
        tr(
            "mobility.cohort.caption",
            place=place,
            start=fmt_date(start, language),
            end=fmt_date(end, language),
        )
    )
    total = text(cohort.total, language)
    if not cohort.ok:
        st.metric(tr("mobility.cohort.total"), total, border=True)
        withheld(cohort.withheld)
        return
    cards = st.columns(4)
    cards[0].metric(tr("mobility.cohort.total"), total, border=True)
    for card, outcome in zip(cards[1:], present.OUTCOMES, strict=True):
        card.metric(
            tr(f"mobility.cohort.{outcome}"), text(cohort.outcomes[outcome], language), border=True
        )
    details = cohort.details
    frame = pd.DataFrame(
        {
            tr("mobility.cohort.outcome"): [tr(f"mobility.cohort.{o}") for o in details["outcome"]],
            tr("mobility.cohort.where"): [
                tr(f"lifecycle.{d}") if o == "departed" else area_name(str(d))
                for o, d in zip(details["outcome"], details["detail"], strict=True)
            ],
            tr("mobility.people"): list(details["text"]),
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def files(
    flows: pd.DataFrame,
    by: dict[str, pd.DataFrame],
    monthly: pd.DataFrame,
    policy: Policy,
) -> dict[str, pd.DataFrame]:
    """The page's tables for a download, protected for the file's audience."""
    shown = present.protect_flows(flows, policy)
    total = int(flows["n"].sum())
    sheets: dict[str, pd.DataFrame] = {}
    if shown.ok:
        corridors = shown.corridors()
        sheets[tr("mobility.corridors")] = pd.DataFrame(
            {
                tr("mobility.origin"): [area_name(c) for c in corridors["origin"]],
                tr("mobility.destination"): [area_name(c) for c in corridors["destination"]],
                tr("mobility.people"): [file_value(v) for v in corridors["value"]],
            }
        )
        net = shown.net()
        sheets[tr("mobility.net_heading")] = pd.DataFrame(
            {
                tr("mobility.area"): [table_name(c) for c in net["area"]],
                tr("mobility.in"): list(net["inward_txt"]),
                tr("mobility.out"): list(net["outward_txt"]),
                tr("mobility.net"): list(net["net_txt"]),
            }
        )
    for key, frame in by.items():
        table = present.protect_breakdown(frame, total, policy)
        if table.ok:
            sheets[tr(f"mobility.by.{key}")] = labelled(
                for_file(table),
                keys={tr(f"mobility.by.{key}.column"): partial(group_name, key)},
                column_name=lambda _c: tr("mobility.people"),
                total=tr("mobility.total"),
            )
    month_table = present.protect_monthly(monthly, policy)
    if month_table.ok:
        directions = _direction_labels()
        sheets[tr("mobility.monthly")] = labelled(
            for_file(month_table),
            keys={tr("mobility.direction.month"): lambda m: m},
            column_name=lambda c: directions[c],
            total=tr("mobility.total"),
        )
    return sheets or {tr("mobility.heading"): pd.DataFrame({tr("mobility.total"): [0]})}
