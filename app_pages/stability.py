"""Stabilitas (stability context): what happened where, around the people of concern.

- Incidents in the period (type, severity, region, people involved, source agency, short
  description), filtered by type and severity (kept in the URL: `jenis`, `tingkat`), on a
  timeline with the calendar events and as a list; the map page draws the same incidents.
- Field operations (operasi gabungan, pendataan, monitoring): agencies, findings as counts by
  type, the follow-up actions linked to each.
- The calendar (Pilkada, campaign periods, holidays) and "the 90 days before an event" against
  the same dates a year earlier.
"""

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from pora_dash.geo import labels
from pora_dash.i18n import fmt_date, fmt_int
from pora_dash.present.disclosure import Policy, for_file, text
from pora_dash.present.stability import (
    comparison_cells,
    finding_label,
    finding_texts,
    incident_people,
    operation_label,
)
from pora_dash.reads import followups, stability
from pora_dash.reads.followups import FollowupError
from pora_dash.reads.stability import FINDING_TYPES, year_before
from pora_dash.render import charts
from pora_dash.render.mapview import SEVERITY_COLOURS
from pora_dash.store import db
from pora_dash.store.models import EVENT_KINDS, INCIDENT_KINDS, OPERATION_KINDS
from pora_dash.ui import (
    allowed,
    cache,
    current_user,
    data_page,
    download_buttons,
    lang,
    tr,
)
from pora_dash.ui.sidebar import (
    describe,
    table_height,
    url_multiselect,
)
from pora_dash.writes.calendar import add_event
from pora_dash.writes.operations import add_operation

filters, scope, show, place = data_page("nav.stability")
filter_line = describe(filters)
today = filters.reference_date()
start = today - dt.timedelta(days=filters.period_days)


picks = st.columns([3, 2])
with picks[0]:
    kinds = url_multiselect(
        "stability.kind", list(INCIDENT_KINDS), "jenis", lambda k: tr(f"incident.{k}")
    )
with picks[1]:
    severities = url_multiselect(
        "stability.severity", ["1", "2", "3"], "tingkat", lambda s: tr(f"severity.{s}")
    )

incidents = cache.read(
    stability.incidents,
    filters=filters,
    scope=scope,
    period_days=filters.period_days,
    kinds=tuple(kinds),
    severities=tuple(int(s) for s in severities),
)
ops = cache.read(
    stability.operations, filters=filters, scope=scope, period_days=filters.period_days
)
events = cache.read(
    stability.calendar_events,
    filters=filters,
    scope=scope,
    start=today - dt.timedelta(days=2 * 365),
    end=today + dt.timedelta(days=365),
)

people_total, people_each = incident_people(list(incidents["people"]), show)
row = st.columns(4)
row[0].metric(
    tr("stability.incidents"),
    fmt_int(len(incidents), lang()),
    help=tr("stability.incidents.help", n=filters.period_days),
    border=True,
)
row[1].metric(
    tr("stability.high"),
    fmt_int(int((incidents["severity"] == 3).sum()), lang()),
    help=tr("stability.high.help"),
    border=True,
)
row[2].metric(
    tr("stability.people"),
    people_total,
    help=tr("stability.people.help"),
    border=True,
)
row[3].metric(
    tr("stability.operations"),
    fmt_int(len(ops), lang()),
    help=tr("stability.operations.help", n=filters.period_days),
    border=True,
)


def area(code: str | None) -> str:
    return labels.local(code)


tab_incidents, tab_ops, tab_calendar = st.tabs(
    [tr("stability.tab.incidents"), tr("stability.tab.operations"), tr("stability.tab.calendar")]
)

with tab_incidents:
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
        order = [tr(f"severity.{s}") for s in (1, 2, 3)]
        points = (
            alt.Chart(data)
            .mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.5)
            .encode(
                x=alt.X(
                    "when:T",
                    axis=charts.month_axis(lang()),
                    scale=alt.Scale(domain=[start.isoformat(), today.isoformat()]),
                ),
                y=alt.Y(
                    "kind_txt:N",
                    title=None,
                    sort=[tr(f"incident.{k}") for k in INCIDENT_KINDS],
                    axis=alt.Axis(labelLimit=260),
                ),
                color=alt.Color(
                    "severity_txt:N",
                    title=tr("stability.severity"),
                    scale=alt.Scale(domain=order, range=list(SEVERITY_COLOURS.values())),
                    legend=alt.Legend(orient="top"),
                ),
                size=alt.Size(
                    "size:Q",
                    title=tr("stability.people_short"),
                    scale=alt.Scale(range=[60, 600]),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("date_txt:N", title=tr("col.date")),
                    alt.Tooltip("kind_txt:N", title=tr("stability.kind")),
                    alt.Tooltip("severity_txt:N", title=tr("stability.severity")),
                    alt.Tooltip("area:N", title=tr("col.region")),
                    alt.Tooltip("people_txt:N", title=tr("stability.people_short")),
                ],
            )
        )
        layers: list = [points]
        rules = charts.event_rules(events, lang(), start, today)
        if rules is not None:
            layers.insert(0, rules)
        st.altair_chart(
            alt.layer(*layers)
            .properties(height=300, title=tr("stability.timeline", place=place))
            .configure_axis(labelFontSize=13, titleFontSize=13),
            width="stretch",
        )

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
    if allowed("import"):
        st.caption(tr("stability.record_hint"))

with tab_ops:
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
            st.altair_chart(
                alt.Chart(by_kind)
                .mark_bar(color=charts.OKABE_ITO[0])
                .encode(
                    x=alt.X("n:Q", axis=charts.number_axis(tr("stability.operations"), lang())),
                    y=alt.Y("label:N", title=None, sort="-x"),
                    tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("n:Q", title="")],
                )
                .properties(height=40 * len(by_kind) + 40),
                width="stretch",
            )
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

    if allowed("edit_meetings"):
        with st.expander(tr("operation.add"), icon=":material/add_task:"):
            st.caption(tr("operation.region_hint", place=place))
            with db.session_scope() as session:
                choices = followups.agencies(session, region=filters.wilayah)
            names = dict(zip(choices["id"], choices["name"], strict=True))
            with st.form("add_operation", clear_on_submit=True):
                cols = st.columns(3)
                op_kind = cols[0].selectbox(
                    tr("stability.op_kind"),
                    list(OPERATION_KINDS),
                    format_func=lambda k: operation_label(k, lang()),
                )
                held = cols[1].date_input(tr("col.date"), value=today, format="DD/MM/YYYY")
                lead = cols[2].selectbox(
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
                    user = current_user()
                    try:
                        with db.session_scope() as session:
                            add_operation(
                                session,
                                held_on=held,
                                kind=op_kind,
                                region_code=filters.wilayah,
                                lead_agency_id=lead,
                                agency_ids=list(taking_part),
                                findings={f: int(v) for f, v in counts.items()},
                                description=text,
                                scope=scope,
                                username=user.username if user else "?",
                                today=today,
                            )
                    except FollowupError as exc:
                        st.error(tr(exc.key, **exc.values))
                    else:
                        st.toast(tr("operation.saved"), icon=":material/check:")
                        st.rerun()

with tab_calendar:
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
    if allowed("edit_meetings"):
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
                    user = current_user()
                    try:
                        with db.session_scope() as session:
                            add_event(
                                session,
                                name=name,
                                kind=kind,
                                starts_on=first,
                                ends_on=last,
                                region_code=filters.wilayah if regional else None,
                                scope=scope,
                                username=user.username if user else "?",
                            )
                    except FollowupError as exc:
                        st.error(tr(exc.key, **exc.values))
                    else:
                        st.toast(tr("event.saved"), icon=":material/check:")
                        st.rerun()
