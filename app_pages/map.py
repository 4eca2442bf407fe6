"""Peta (map): where people of concern are, at the level that fits the filter.

- Provinces for the nation, kab/kota inside a province, kecamatan inside a kab/kota; a click
  on an area drills down into it; the breadcrumb goes back up.
- Metric switch: count, per 100,000 inhabitants (province and kab/kota), new arrivals in the
  period, share without a UNHCR document. Areas without anyone are neutral.
- Layers: accommodation sites (capacity, occupancy) and incidents in the period.
- No tiles and no CDN: everything is served by the app; province outlines give orientation.
- Only a click on an area reruns the page (pan and zoom do not).
"""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pora_dash.config import settings
from pora_dash.geo import labels
from pora_dash.reads import areas, stability
from pora_dash.render import mapview
from pora_dash.ui import (
    cache,
    current_scope,
    download_file,
    file_policy,
    page_filters,
    place_name,
    policy,
    tr,
    withheld,
)
from pora_dash.ui.sidebar import (
    breadcrumb,
    describe,
    filter_panel,
    period_caption,
    set_region,
    table_height,
)

filters = page_filters()
scope = current_scope()
show = policy()
filter_panel(filters, scope)

place = place_name(filters)
st.title(f"{tr('nav.map')} · {place}")
breadcrumb(filters, scope)
st.caption(period_caption(filters))

view = mapview.view_for(filters)
available = mapview.metrics_available(view)
metric = st.query_params.get("metrik", "count")
metric = metric if metric in available else "count"


def _on_metric() -> None:
    chosen = st.session_state.get("map_metric") or "count"
    if chosen == "count":
        st.query_params.pop("metrik", None)
    else:
        st.query_params["metrik"] = chosen


controls = st.columns([3, 2])
st.session_state["map_metric"] = metric
controls[0].segmented_control(
    tr("map.metric"),
    available,
    key="map_metric",
    format_func=lambda m: tr(f"map.metric.{m}"),
    on_change=_on_metric,
)
layers = controls[1].pills(
    tr("map.layers"),
    ["sites", "incidents"],
    selection_mode="multi",
    default=["sites", "incidents"],
    key="map_layers",
    format_func=lambda x: tr(f"map.layer.{x}"),
)

area_filters = filters.with_region(view.parent) if view.selected else filters
frame = cache.read(
    areas.area_metrics, filters=area_filters, scope=scope, period_days=filters.period_days
)
sites = cache.read(areas.sites, filters=area_filters, scope=scope) if "sites" in layers else None
incidents = (
    cache.read(
        stability.incidents, filters=area_filters, scope=scope, period_days=filters.period_days
    )
    if "incidents" in layers
    else None
)

if frame["active"].sum() == 0 and frame["arrivals"].sum() == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")

config = settings()
folium_map, legend, values = mapview.build(
    filters=filters,
    scope=scope,
    frame=frame,
    metric=metric,
    policy=show,
    sites=sites,
    incidents=incidents,
    tile_url=config.tile_url,
    tile_attribution=config.tile_attribution,
)
_, reason = mapview.shown_counts(frame, "active", show)
if reason:
    withheld(reason)
returned = st_folium(
    folium_map,
    key=f"map_{filters.key()}_{metric}_{'-'.join(layers)}",
    height=640,
    use_container_width=True,
    returned_objects=["last_active_drawing"],
)
target = mapview.clicked_code(returned, view)
if target and target != filters.wilayah and view.level <= 3 and scope.allows(target):
    set_region(target)
    st.rerun()
st.caption(tr("map.hint"))


def _open_area() -> None:
    chosen = st.session_state.get("map_open_area")
    if chosen and chosen != filters.wilayah and scope.allows(chosen):
        set_region(chosen)


# Every area of the map, to open without aiming at it (the small ones too)
openable = sorted((c for c in values if scope.allows(c)), key=labels.name)
pick, png = st.columns([3, 2], vertical_alignment="bottom")
pick.selectbox(
    tr("map.open_area"),
    openable,
    index=None,
    key="map_open_area",
    placeholder=tr("map.open_area.placeholder"),
    format_func=lambda c: f"{labels.name(c)} · {mapview.format_value(metric, values.get(c), show)}",
    on_change=_open_area,
)
with png:
    files = file_policy("peta")
    image = mapview.png_source(view, frame, files, place, scope)
    notes = [describe(filters), tr("map.png.source")]
    notes.append(tr("export.internal_mark") if files.exact else tr("disclosure.rule"))
    download_file(
        tr("map.png"),
        lambda: mapview.png(image, f"{tr('map.metric.count')} · {place}", notes),
        file_name=f"peta-{filters.wilayah or 'indonesia'}.png",
        mime="image/png",
        detail={"filter": notes[0], "variant": "internal" if files.exact else "protected"},
        key="map_png",
    )

with st.expander(tr("map.table"), expanded=False):
    rows = sorted(
        ((c, v) for c, v in values.items() if v is not None), key=lambda cv: -(cv[1] or 0)
    )
    table = pd.DataFrame(
        {
            tr("col.region"): [labels.name(c) for c, _ in rows],
            tr("col.code"): [c for c, _ in rows],
            tr(f"map.metric.{metric}"): [mapview.format_value(metric, v, show) for _, v in rows],
        }
    )
    st.dataframe(table, hide_index=True, height=table_height(len(table)))

if not show.exact:
    st.caption(tr("disclosure.rule"))
