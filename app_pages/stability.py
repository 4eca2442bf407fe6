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

import streamlit as st

from pora_dash.i18n import fmt_int
from pora_dash.present.stability import incident_people
from pora_dash.reads import stability
from pora_dash.store.models import INCIDENT_KINDS
from pora_dash.ui import cache, data_page, lang, tr
from pora_dash.ui import stability as view
from pora_dash.ui.sidebar import describe, url_multiselect

page = data_page("nav.stability")
filters, scope, show, place = page
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

people_total, _ = incident_people(list(incidents["people"]), show)
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


shared = view.Stability(page, incidents, ops, events, today, start, filter_line)
tab_incidents, tab_ops, tab_calendar = st.tabs(
    [tr("stability.tab.incidents"), tr("stability.tab.operations"), tr("stability.tab.calendar")]
)
with tab_incidents:
    view.incidents_tab(shared)
with tab_ops:
    view.operations_tab(shared)
with tab_calendar:
    view.calendar_tab(shared)
