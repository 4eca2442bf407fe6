"""The three tabs of the stability page (app_pages/stability.py): incidents on a time line
with their list, field operations with their findings, and the calendar with the comparison of
the 90 days before an event against the same days a year earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pora_dash.i18n import fmt_date
from pora_dash.present.stability import finding_label, operation_label
from pora_dash.present.stability_tables import (
    calendar_table,
    comparison_table,
    incident_points,
    incident_table,
    operation_tables,
    operations_by_kind,
)
from pora_dash.reads import followups, stability
from pora_dash.reads.stability import FINDING_TYPES
from pora_dash.render import charts
from pora_dash.store.models import EVENT_KINDS, OPERATION_KINDS
from pora_dash.ui import cache, chart
from pora_dash.ui.page import PageContext, in_session, write
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import WRAPPED_ROW, table_height, wrapped_table_height
from pora_dash.ui.widgets import download_buttons
from pora_dash.writes.calendar import add_event
from pora_dash.writes.operations import add_operation


@dataclass(frozen=True)
class Stability:
    """What the three tabs share: the page and its reads for the filter."""

    page: PageContext
    incidents: pd.DataFrame
    ops: pd.DataFrame
    events: pd.DataFrame
    today: dt.date
    start: dt.date
    filter_line: str


# The incident list on a screen: its columns in this order, with these widths in pixels.
INCIDENT_WIDTHS = (
    ("col.date", 100),
    ("stability.kind", 115),
    ("stability.severity", 70),
    ("col.region", 140),
    ("stability.people_short", 110),
    ("stability.description", 280),
    ("stability.source", 150),
)
INCIDENT_COLUMNS = [key for key, _ in INCIDENT_WIDTHS]


def incidents_tab(view: Stability) -> None:
    """Incidents by type and date, sized by the people as shown; their list."""
    show, place = view.page.policy, view.page.place
    incidents, events = view.incidents, view.events
    today, start, filter_line = view.today, view.start, view.filter_line
    if incidents.empty:
        st.info(tr("stability.no_incidents"), icon=":material/search_off:")
    else:
        points = incident_points(incidents, show)
        chart.show(
            charts.incident_timeline,
            points,
            events,
            start=start,
            today=today,
            lang=lang(),
            place=place,
        )
        table = incident_table(points, show, screen=True)
        st.dataframe(
            table,
            hide_index=True,
            height=wrapped_table_height(len(table), 15),
            width="stretch",
            row_height=WRAPPED_ROW,
            # what happened, where and to how many inside 1280 px; the source scrolls sideways
            column_order=[tr(k) for k in INCIDENT_COLUMNS],
            column_config={tr(k): st.column_config.Column(width=w) for k, w in INCIDENT_WIDTHS},
        )
        download_buttons(
            "kejadian",
            lambda p: {tr("stability.tab.incidents"): incident_table(points, p)},
            filter_line,
        )
    if view.page.may("import"):
        st.caption(tr("stability.record_hint"))


def operations_tab(view: Stability) -> None:
    """Findings of the period's operations, operations by kind, their list; a form to add one."""
    filters, scope, show, place = view.page
    ops, today, filter_line = view.ops, view.today, view.filter_line
    findings = cache.read(
        stability.finding_totals, filters=filters, scope=scope, period_days=filters.period_days
    )
    if ops.empty:
        st.info(tr("stability.no_operations"), icon=":material/search_off:")
    else:
        summary, listing = operation_tables(findings, ops, show)
        cols = st.columns([2, 3])
        with cols[0]:
            st.subheader(tr("stability.findings"))
            st.dataframe(summary, hide_index=True, height=table_height(len(summary), 10))
        with cols[1]:
            st.subheader(tr("stability.by_kind"))
            by_kind = operations_by_kind(ops, lang())
            chart.show(charts.operations_by_kind, by_kind, lang())
        st.subheader(tr("stability.operation_list"))
        st.dataframe(
            listing, hide_index=True, height=table_height(len(listing), 15), width="stretch"
        )
        download_buttons(
            "operasi",
            lambda p: dict(
                zip(
                    (tr("stability.tab.operations"), tr("stability.findings")),
                    reversed(operation_tables(findings, ops, p)),
                    strict=True,
                )
            ),
            filter_line,
        )

    if view.page.may("edit_meetings"):
        with st.expander(tr("operation.add"), icon=":material/add_task:"):
            st.caption(tr("operation.region_hint", place=place))
            choices = in_session(followups.agencies, region=filters.wilayah)
            names = dict(zip(choices["id"], choices["name"], strict=True))
            with st.form("add_operation", clear_on_submit=True):
                fields = st.columns(3)
                op_kind = fields[0].selectbox(
                    tr("stability.op_kind"),
                    list(OPERATION_KINDS),
                    format_func=lambda k: operation_label(k, lang()),
                )
                held = fields[1].date_input(tr("col.date"), value=today, format="DD/MM/YYYY")
                lead = fields[2].selectbox(
                    tr("stability.lead"),
                    list(names),
                    index=None,
                    format_func=lambda i: names[i],
                    placeholder=tr("operation.pick"),
                )
                taking_part = st.multiselect(
                    tr("stability.agencies"),
                    list(names),
                    format_func=lambda i: names[i],
                    placeholder=tr("operation.pick"),
                )
                st.caption(tr("operation.findings_hint"))
                grid = st.columns(4)
                counts = {
                    f: grid[n % 4].number_input(
                        finding_label(f, lang()), min_value=0, step=1, value=0, key=f"op_{f}"
                    )
                    for n, f in enumerate(FINDING_TYPES)
                }
                text = st.text_area(
                    tr("stability.description"),
                    max_chars=2000,
                    placeholder=tr("text.no_names_short"),
                    help=tr("text.no_names"),
                )
                if st.form_submit_button(tr("operation.save"), icon=":material/save:"):
                    write(
                        add_operation,
                        done="operation.saved",
                        toast=True,
                        held_on=held,
                        kind=op_kind,
                        region_code=filters.wilayah,
                        lead_agency_id=lead,
                        agency_ids=list(taking_part),
                        findings={f: int(v) for f, v in counts.items()},
                        description=text,
                        scope=scope,
                        username=view.page.user.username,
                        today=today,
                    )


def calendar_tab(view: Stability) -> None:
    """An event against the same days a year earlier; the calendar; a form to add an event."""
    filters, scope, show, place = view.page
    events, today, filter_line = view.events, view.today, view.filter_line
    st.subheader(tr("stability.compare"))
    st.caption(tr("stability.compare.help"))
    choices = events[events["kind"].isin(["pilkada", "campaign", "other", "holiday"])]
    choices = choices.drop_duplicates(["name", "starts_on"]).reset_index(drop=True)
    if choices.empty:
        st.info(tr("stability.no_events"), icon=":material/event_busy:")
    else:
        choice_labels = [
            f"{n} · {fmt_date(d, lang())}"
            for n, d in zip(choices["name"], choices["starts_on"], strict=True)
        ]
        # the election nearest to the reference date first, then the rest in time order
        elections = choices[choices["kind"] == "pilkada"]
        nearest = (
            (elections["starts_on"] - today).abs().idxmin()
            if not elections.empty
            else len(choices) - 1
        )
        picked = st.selectbox(
            tr("stability.event"),
            range(len(choices)),
            index=int(nearest),
            format_func=lambda i: choice_labels[i],
            key="compare_event",
        )
        event_day = choices["starts_on"].iloc[picked]
        comparison = cache.read(
            stability.event_comparison, filters=filters, scope=scope, event_day=event_day, days=90
        )
        compare = comparison_table(comparison, event_day, 90, show)
        st.dataframe(compare, hide_index=True, height=table_height(len(compare)))
        download_buttons(
            "perbandingan_peristiwa",
            lambda p: {tr("stability.compare"): comparison_table(comparison, event_day, 90, p)},
            filter_line,
        )
    st.subheader(tr("stability.calendar"))
    calendar = calendar_table(events, lang())
    st.dataframe(calendar, hide_index=True, height=table_height(len(calendar), 10), width="stretch")
    if view.page.may("edit_meetings"):
        with st.expander(tr("event.add"), icon=":material/event:"):
            with st.form("add_event", clear_on_submit=True):
                name = st.text_input(tr("stability.event"), max_chars=160)
                cols = st.columns(3)
                kind = cols[0].selectbox(
                    tr("stability.event_kind"),
                    list(EVENT_KINDS),
                    format_func=lambda k: tr(f"event.{k}"),
                )
                first = cols[1].date_input(tr("stability.from"), value=today, format="DD/MM/YYYY")
                last = cols[2].date_input(tr("stability.until"), value=today, format="DD/MM/YYYY")
                regional = st.checkbox(
                    tr("event.only_here", place=place),
                    value=filters.wilayah is not None,
                    disabled=filters.wilayah is None,
                )
                if st.form_submit_button(tr("event.save"), icon=":material/save:"):
                    write(
                        add_event,
                        done="event.saved",
                        toast=True,
                        name=name,
                        kind=kind,
                        starts_on=first,
                        ends_on=last,
                        region_code=filters.wilayah if regional else None,
                        scope=scope,
                        username=view.page.user.username,
                    )
