"""Peta (map): where people of concern are, at the level that fits the filter.

- Provinces for the nation, kab/kota inside a province, kecamatan inside a kab/kota; a click
  on an area drills down into it; the breadcrumb goes back up.
- Metric switch: count, per 100,000 inhabitants (province and kab/kota), new arrivals in the
  period, share without a UNHCR document. Areas without anyone are neutral.
- Layers: accommodation sites (capacity, occupancy) and incidents in the period.
- No tiles and no CDN: everything is served by the app; province outlines give orientation.
- Only a click on an area reruns the page (pan and zoom do not).
"""

import streamlit as st

from pora_dash.reads import areas, stability
from pora_dash.render import mapview
from pora_dash.ui import cache, data_page, tr
from pora_dash.ui.map import area_map, areas_table, controls, open_area_and_png

page = data_page("nav.map")
view = mapview.view_for(page.filters)
metric, layers = controls(view)

# a chosen kecamatan is drawn among its neighbours: the areas are those of its kab/kota
area_filters = page.filters.with_region(view.parent) if view.selected else page.filters
days = page.filters.period_days
frame = cache.read(areas.area_metrics, filters=area_filters, scope=page.scope, period_days=days)
points = {
    "sites": cache.read(areas.sites, filters=area_filters, scope=page.scope)
    if "sites" in layers
    else None,
    "incidents": cache.read(
        stability.incidents, filters=area_filters, scope=page.scope, period_days=days
    )
    if "incidents" in layers
    else None,
}
if frame["active"].sum() == 0 and frame["arrivals"].sum() == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")

values = area_map(page, view, frame, metric, layers, points)
open_area_and_png(page, view, frame, metric, values)
areas_table(values, metric, page)

if not page.policy.exact:
    st.caption(tr("disclosure.rule"))
