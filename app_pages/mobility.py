"""Mobilitas (mobility): where people move between areas, and where an arrival cohort is now.

- Flows between areas in the period (the filters' `periode` days up to `tanggal`): provinces
  nationally, kab/kota inside a province, kecamatan inside a kab/kota; a flow map, the top
  corridors, net movement per area and the whole origin–destination table.
- The flows by nationality and by UNHCR status, and the moves per month with the calendar.
- A cohort: of those who arrived in the region in the chosen months (`kohort`,
  `kohort_sampai` in the URL), how many are still there, moved on (where to) or left (why).

The rules are in pora_dash/reads/mobility.py; every count of people is published through
pora_dash/present/mobility.py for this screen's audience.
"""

import datetime as dt

import streamlit as st

from pora_dash.present import mobility as present
from pora_dash.present.disclosure import text
from pora_dash.reads import mobility, stability
from pora_dash.ui import cache, data_page, download_buttons, tr, withheld
from pora_dash.ui import mobility as view
from pora_dash.ui.sidebar import describe

page = data_page("nav.mobility")
filters, scope, show, place = page
today = filters.reference_date()
st.caption(tr("mobility.intro"))

flows = cache.read(mobility.flows, filters=filters, scope=scope)
shown = present.protect_flows(flows, show)
total = int(flows["n"].sum())

st.header(tr("mobility.flows_heading"))
cards = st.columns(3)
cards[0].metric(tr("mobility.total_moves"), text(shown.total, page.lang), border=True)
cards[1].metric(tr("mobility.areas"), str(len(shown.net())), border=True)
cards[2].metric(tr("mobility.top_corridor"), view.corridor_text(shown.corridors()), border=True)
if flows.empty:
    st.info(tr("mobility.empty"), icon=":material/search_off:")
elif not shown.ok:
    withheld(shown.table.withheld)
else:
    view.flow_map(shown, key=f"flows_{filters.key()}", region=filters.wilayah)
    left, right = st.columns(2)
    with left:
        view.corridors_table(shown)
    with right:
        view.net_table(shown)
    view.od_table(shown)

by = {
    column: cache.read(mobility.flows_by, filters=filters, scope=scope, column=column)
    for column in ("nationality", "unhcr_status")
}
if total:
    view.breakdown_tables({k: present.protect_breakdown(f, total, show) for k, f in by.items()})

monthly = cache.read(mobility.monthly_moves, filters=filters, scope=scope)
events = cache.read(
    stability.calendar_events,
    filters=filters,
    scope=scope,
    start=today - dt.timedelta(days=2 * 365),
    end=today,
)
view.monthly_chart(present.protect_monthly(monthly, show), events)

download_buttons(
    "mobilitas",
    lambda policy: view.files(flows, by, monthly, policy),
    describe(filters),
)

st.header(tr("mobility.cohort.heading"))
start, end = view.cohort_months(filters)
view.cohort_picker(filters, start, end)
cohort = cache.read(mobility.cohort, filters=filters, scope=scope, start=start, end=end)
view.cohort_section(present.protect_cohort(cohort, show), place, start, end)
