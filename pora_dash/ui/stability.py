"""The three tabs of the stability page (app_pages/stability.py): incidents on a time line
with their list, field operations with their findings, and the calendar with the comparison of
the 90 days before an event against the same days a year earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pora_dash.geo import labels
from pora_dash.i18n import fmt_date
from pora_dash.present.disclosure import Policy, for_file, text
from pora_dash.present.stability import (
    comparison_cells,
    finding_label,
    finding_texts,
    incident_people,
    operation_label,
)
from pora_dash.reads import followups, stability
from pora_dash.reads.stability import FINDING_TYPES, year_before
from pora_dash.render import charts
from pora_dash.store.models import EVENT_KINDS, OPERATION_KINDS
from pora_dash.ui import cache
from pora_dash.ui.page import PageContext, in_session, write
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import (
    table_height,
)
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
    people_each: list
    today: dt.date
    start: dt.date
    filter_line: str


def area(code: str | None) -> str:
    return labels.local(code)


def incidents_tab(view: Stability) -> None:
    """Incidents by type and date, sized by the people as shown; their list."""
    show, place = view.page.policy, view.page.place
    incidents, events, people_each = view.incidents, view.events, view.people_each
    today, start, filter_line = view.today, view.start, view.filter_line
    if incidents.empty:
        st.info(tr("stability.no_incidents"), icon=":material/search_off:")
    else:
        data = incidents.copy()
        data["when"] = pd.to_datetime(data["date"])
        data["date_txt"] = [fmt_date(d, lang()) for d in data["date"]]
        data["kind_txt"] = [tr(f"incident.{k}") for k in data["kind"]]
        data["severity_txt"] = [tr(f"severity.{s}") for s in data["severity"]]
        data["area"] = [area(c) for c in data["region_code"]]
        data["people_txt"] = [text(v, lang()) for v in people_each]
        # the circle grows with the people as shown: "<5" and "–" get the smallest circle
        data["size"] = [v if isinstance(v, int) else 1 for v in people_each]
        timeline = charts.incident_timeline(
            data, events, start=start, today=today, lang=lang(), place=place
        )
        st.altair_chart(timeline, width="stretch")

        def incident_table(policy: Policy) -> pd.DataFrame:
            _, people = incident_people(list(data["people"]), policy)
            return pd.DataFrame(
                {
                    tr("col.date"): data["date_txt"],
                    tr("stability.kind"): data["kind_txt"],
                    tr("stability.severity"): data["severity_txt"],
                    tr("col.region"): data["area"],
                    tr("stability.people_short"): [for_file(v) for v in people],
                    tr("stability.source"): data["source"].fillna("–"),
                    tr("stability.description"): data["description"],
                }
            )

        table = incident_table(show)
        table[tr("stability.people_short")] = data["people_txt"]
        st.dataframe(table, hide_index=True, height=table_height(len(table), 15), width="stretch")
        download_buttons(
            "kejadian", lambda p: {tr("stability.tab.incidents"): incident_table(p)}, filter_line
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

        def operation_tables(policy: Policy) -> tuple[pd.DataFrame, pd.DataFrame]:
            totals, each = finding_texts(
                dict(zip(findings["finding"], findings["count"], strict=True)),
                list(ops["findings"]),
                policy,
            )
            summary = pd.DataFrame(
                {
                    tr("stability.finding"): [
                        finding_label(f, lang()) for f in findings["finding"]
                    ],
                    tr("col.count"): [totals[f] for f in findings["finding"]],
                    tr("stability.in_operations"): findings["operations"],
                }
            )
            listing = pd.DataFrame(
                {
                    tr("col.date"): [fmt_date(d, lang()) for d in ops["date"]],
                    tr("stability.op_kind"): [operation_label(k, lang()) for k in ops["kind"]],
                    tr("col.region"): [area(c) for c in ops["region_code"]],
                    tr("stability.lead"): ops["lead"].fillna("–"),
                    tr("stability.agencies"): ["; ".join(a) for a in ops["agencies"]],
                    tr("stability.findings"): [
                        "; ".join(f"{finding_label(k, lang())}: {v}" for k, v in found.items())
                        or "–"
                        for found in each
                    ],
                    tr("stability.linked_actions"): [
                        tr("stability.actions_of", n=n, pending=p) if n else "–"
                        for n, p in zip(ops["actions"], ops["actions_pending"], strict=True)
                    ],
                }
            )
            return summary, listing

        summary, listing = operation_tables(show)
        cols = st.columns([2, 3])
        with cols[0]:
            st.subheader(tr("stability.findings"))
            st.dataframe(summary, hide_index=True, height=table_height(len(summary), 10))
        with cols[1]:
            st.subheader(tr("stability.by_kind"))
            by_kind = ops.groupby("kind").size().reset_index(name="n")
            by_kind["label"] = [operation_label(k, lang()) for k in by_kind["kind"]]
            st.altair_chart(charts.operations_by_kind(by_kind, lang()), width="stretch")
        st.subheader(tr("stability.operation_list"))
        st.dataframe(
            listing, hide_index=True, height=table_height(len(listing), 15), width="stretch"
        )
        download_buttons(
            "operasi",
            lambda p: dict(
                zip(
                    (tr("stability.tab.operations"), tr("stability.findings")),
                    reversed(operation_tables(p)),
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
        end = event_day - dt.timedelta(days=1)
        begin = end - dt.timedelta(days=90)

        def span(a: dt.date, b: dt.date) -> str:
            return f"{fmt_date(a + dt.timedelta(days=1), lang())} – {fmt_date(b, lang())}"

        before_col = tr("stability.before_event", span=span(begin, end))
        earlier_col = tr("stability.year_earlier", span=span(year_before(begin), year_before(end)))

        def comparison_table(policy: Policy) -> pd.DataFrame:
            cells = comparison_cells(comparison, policy)
            return pd.DataFrame(
                {
                    tr("stability.metric"): [tr(f"comparison.{m}") for m in comparison["metric"]],
                    before_col: cells["before"],
                    earlier_col: cells["earlier"],
                    tr("stability.change"): cells["change"],
                }
            )

        compare = comparison_table(show)
        st.dataframe(compare, hide_index=True, height=table_height(len(compare)))
        download_buttons(
            "perbandingan_peristiwa",
            lambda p: {tr("stability.compare"): comparison_table(p)},
            filter_line,
        )
    st.subheader(tr("stability.calendar"))
    listing = events.copy()
    calendar = pd.DataFrame(
        {
            tr("stability.event"): listing["name"],
            tr("stability.event_kind"): [tr(f"event.{k}") for k in listing["kind"]],
            tr("stability.from"): [fmt_date(d, lang()) for d in listing["starts_on"]],
            tr("stability.until"): [fmt_date(d, lang()) for d in listing["ends_on"]],
        }
    )
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
