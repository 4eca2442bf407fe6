"""Ringkasan (overview): the whole picture for the current filter, at a glance.

- Headline figures: active persons of concern, refugees, asylum seekers, share with a UNHCR
  card or certificate, new arrivals in the last 30 and 90 days with the change against the
  period before, kecamatan hosting, open and overdue follow-up actions.
- Monthly trend of the active population with arrivals, departures and calendar events.
- Top areas (the parts of the current region) and top nationalities; choosing a row filters.
- "Bandingkan": another month (`banding=2025-11`) or another region (`banding_wilayah=12.71`)
  side by side: headline figures, nationalities and statuses, with the change.
- Team members see exact counts; viewers see counts rounded to 5 ("<5" for 1–4), and no
  breakdown of fewer than 20 people. Downloads are rounded unless a team member chooses the
  internal variant (TERBATAS).
"""

import streamlit as st

from pora_dash.present import overview as present_overview
from pora_dash.reads import overview
from pora_dash.ui import cache, compare, data_page, download_buttons, tr
from pora_dash.ui.first_run import first_run_steps
from pora_dash.ui.overview import breakdowns, early_warnings, trend_section
from pora_dash.ui.sidebar import describe
from pora_dash.ui.widgets import headline_section

page = data_page("nav.overview")
first_run_steps()  # an empty database: the administrator's three steps (pora_dash/ui/first_run.py)
early_warnings(page)

head = headline_section(page.filters, page.scope, page.policy)
if head.active == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()
compare.block(page)  # "Bandingkan": another month or region side by side, when asked for

trend_section(page)

level = min(page.filters.level() + 1, 3)  # the parts of the current region
areas = cache.read(overview.by_area, filters=page.filters, scope=page.scope)
nat = cache.read(overview.by_nationality, filters=page.filters, scope=page.scope)
breakdowns(page, areas, nat, level)

download_buttons(
    "ringkasan",
    lambda policy: present_overview.file_sheets(areas, nat, level, policy),
    describe(page.filters),
)
if not page.policy.exact:
    st.caption(tr("disclosure.rule"))
