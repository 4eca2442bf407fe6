"""Asal & status (origins and UNHCR status): from where, with what status, since when.

- Composition of the active persons under the shared filters: by nationality (Indonesian
  names, ISO codes beside), by UNHCR status, by accommodation, and by sex and age band (a
  population pyramid: males left, females right).
- Cross-tables with row and column totals, sortable by any column: nationality × status for
  the current region, and the parts of the region × status (or × the main nationalities).
- Trends over 36 months: active persons by current status and by the main nationalities, and
  arrivals and departures by reason per month or per year, with calendar events.
- Time waiting: asylum seekers by time since UNHCR registration, refugees by years in
  Indonesia since arrival, with the longest stays as headline figures.
- "Bandingkan": another month (`banding=2025-11`) or another region (`banding_wilayah=12.71`)
  side by side: headline figures, and the nationality and status tables, with the change.
- Every table downloads as CSV and Excel (filter line on top, audited). Team members see
  exact counts; viewers see counts rounded to 5 ("<5" for 1–4), and a table that breaks
  down fewer than 20 people, or would give a small count back, is not shown to them. Files
  are rounded unless a team member chooses the internal variant (TERBATAS).
"""

import streamlit as st

from pora_dash.reads import population
from pora_dash.ui import cache, compare, data_page, tr
from pora_dash.ui.origins import read_tables, subtitle
from pora_dash.ui.origins_tabs import TABS

page = data_page("nav.origins", period=False)
st.caption(subtitle(page.filters))  # the charts' subtitle: the filters and the date

active = cache.read(population.active_total, filters=page.filters, scope=page.scope)
if active == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()
compare.block(page, tables="origins")  # another month or region side by side, when asked for

# Every count table of the page, read once; protected once per audience (screen or file).
origins = read_tables(page, active)

# Only the open tab draws (each holds several charts, tables and downloads).
tabs = st.tabs([tr(f"origins.tab.{t}") for t in TABS], key="asal_tab", on_change="rerun")
for tab, draw in zip(tabs, TABS.values(), strict=True):
    if tab.open:
        with tab:
            draw(origins)

if not page.policy.exact:
    st.caption(tr("disclosure.rule"))
