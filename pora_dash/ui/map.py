"""The pieces of the map page (Peta): the metric and layer controls, the map itself (a click
on an area opens it), the list to open any area, the PNG download and the table of areas."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pora_dash.access.scope import Scope
from pora_dash.config import settings
from pora_dash.geo import labels
from pora_dash.present.map import area_table, format_value
from pora_dash.render import mapview
from pora_dash.ui.page import PageContext
from pora_dash.ui.session import tr
from pora_dash.ui.sidebar import describe, set_region, table_height
from pora_dash.ui.widgets import download_file, file_policy, withheld

LAYERS = ["sites", "incidents"]


def _on_metric() -> None:
    chosen = st.session_state.get("map_metric") or "count"
    if chosen == "count":
        st.query_params.pop("metrik", None)
    else:
        st.query_params["metrik"] = chosen


def controls(view: mapview.View) -> tuple[str, list[str]]:
    """The metric (kept in the URL as `metrik`) and the layers drawn over the areas."""
    available = mapview.metrics_available(view)
    metric = st.query_params.get("metrik", "count")
    metric = metric if metric in available else "count"
    # one row where both fit (1920 px), else the layers go under the metric: in two fixed
    # columns at 1280 px the metric's and the layers' last buttons were cut off
    metric_col = layers_col = st.container(horizontal=True, gap="medium")
    st.session_state["map_metric"] = metric
    metric_col.segmented_control(
        tr("map.metric"),
        available,
        key="map_metric",
        format_func=lambda m: tr(f"map.metric.{m}"),
        on_change=_on_metric,
    )
    layers = layers_col.pills(
        tr("map.layers"),
        LAYERS,
        selection_mode="multi",
        default=LAYERS,
        key="map_layers",
        format_func=lambda x: tr(f"map.layer.{x}"),
    )
    return metric, layers


def area_map(
    page: PageContext,
    view: mapview.View,
    frame: pd.DataFrame,
    metric: str,
    layers: list[str],
    points: dict[str, pd.DataFrame | None],
) -> dict[str, float | None]:
    """The map of the areas (and the chosen layers' `points`); a click on an area the user
    may see opens it. Returns the figure per area, as shown."""
    filters, scope, show = page.filters, page.scope, page.policy
    config = settings()
    folium_map, _, values = mapview.build(
        filters=filters,
        scope=scope,
        frame=frame,
        metric=metric,
        policy=show,
        sites=points["sites"],
        incidents=points["incidents"],
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
    return values


def _open_area(current: str | None, scope: Scope) -> None:
    chosen = st.session_state.get("map_open_area")
    if chosen and chosen != current and scope.allows(chosen):
        set_region(chosen)


def open_area_and_png(
    page: PageContext,
    view: mapview.View,
    frame: pd.DataFrame,
    metric: str,
    values: dict[str, float | None],
) -> None:
    """Every area of the map, to open without aiming at it (the small ones too); beside it,
    the map as a PNG (audited)."""
    scope, show = page.scope, page.policy
    openable = sorted((c for c in values if scope.allows(c)), key=labels.name)
    pick, png = st.columns([3, 2], vertical_alignment="bottom")
    pick.selectbox(
        tr("map.open_area"),
        openable,
        index=None,
        key="map_open_area",
        placeholder=tr("map.open_area.placeholder"),
        format_func=lambda c: f"{labels.name(c)} · {format_value(metric, values.get(c), show)}",
        on_change=_open_area,
        args=(page.filters.wilayah, scope),
    )
    with png:
        png_download(page, view, frame)


def png_download(page: PageContext, view: mapview.View, frame: pd.DataFrame) -> None:
    """The count map as a PNG, protected unless an exact-access user chooses the internal one."""
    files = file_policy("peta")
    image = mapview.png_source(view, frame, files, page.place, page.scope)
    notes = [describe(page.filters), tr("map.png.source")]
    notes.append(tr("export.internal_mark") if files.exact else tr("disclosure.rule"))
    title = f"{tr('map.metric.count')} · {page.place}"

    def drawn() -> bytes:
        return mapview.png(image, title, notes)

    download_file(
        tr("map.png"),
        drawn,
        file_name=f"peta-{page.filters.wilayah or 'indonesia'}.png",
        mime="image/png",
        detail={"filter": notes[0], "variant": "internal" if files.exact else "protected"},
        key="map_png",
    )


def areas_table(values: dict[str, float | None], metric: str, page: PageContext) -> None:
    """The areas and their figures, in a closed expander, drawn once it is opened: a table in
    a closed expander still made every viewer's browser load and parse the table's script
    (1,2 MB) while it was drawing the map beside it."""
    box = st.expander(tr("map.table"), expanded=False, key="map_table", on_change="rerun")
    if box.open:
        with box:
            table = area_table(values, metric, page.policy)
            st.dataframe(table, hide_index=True, height=table_height(len(table)))
