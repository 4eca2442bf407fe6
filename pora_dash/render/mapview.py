"""What the map page shows for a filter: which areas, which metric, colours, tooltips, layers.

Kept apart from the page so it can be tested without a browser: `build(...)` returns the
folium map plus the legend and the figures per area that the page also lists. The figures as
an audience may see them come from `present.map` (`shown_counts`, `metric_values`,
`format_value`, reachable here too for the pages and slides).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.geo import labels, reference
from pora_dash.i18n import fmt_date, fmt_dec, fmt_int, fmt_pct, t
from pora_dash.present.disclosure import Policy, Published, text
from pora_dash.present.map import (  # the figures as shown; pages and slides ask mapview
    format_value,
    metric_values,
    shown_counts,
)
from pora_dash.render import maps
from pora_dash.render.palette import SEVERITY_COLOURS, SITE_COLOURS, SITE_OTHER

METRICS = ("count", "per100k", "arrivals", "undocumented")


@dataclass(frozen=True)
class View:
    level: int  # administrative level of the areas drawn (1 provinces, 2 kab/kota, 3 kecamatan)
    parent: str | None  # the region whose parts are drawn (None: the nation)
    selected: str | None  # a kecamatan chosen inside its kab/kota, outlined


def view_for(filters: Filters) -> View:
    """Provinces for the nation, kab/kota inside a province, kecamatan inside a kab/kota; a
    chosen kecamatan is shown among its neighbours."""
    level = filters.level()
    if level == 3:
        return View(3, reference.parent_of(filters.wilayah or ""), filters.wilayah)
    return View(level + 1, filters.wilayah, None)


def metrics_available(view: View) -> tuple[str, ...]:
    """Rates per inhabitants need a population, known for provinces and kab/kota only."""
    return METRICS if view.level <= 2 else tuple(m for m in METRICS if m != "per100k")


def _formatter(metric: str, lang: str):  # type: ignore[no-untyped-def]
    if metric in ("count", "arrivals"):
        return lambda v: fmt_int(int(v), lang)
    if metric == "per100k":
        return lambda v: fmt_dec(v, lang, 2)
    return lambda v: fmt_pct(v, lang, 0)


def build(
    *,
    filters: Filters,
    scope: Scope,
    frame: pd.DataFrame,
    metric: str,
    policy: Policy,
    sites: pd.DataFrame | None,
    incidents: pd.DataFrame | None,
    tile_url: str | None = None,
    tile_attribution: str | None = None,
) -> tuple[folium.Map, list[tuple[str, str, str]], dict[str, float | None]]:
    lang = policy.lang
    view = view_for(filters)
    level_name = reference.boundary_level(view.level)
    features = [
        f
        for f in reference.feature_collection(level_name, view.parent)["features"]
        if scope.covers_part_of(f["properties"]["code"])
    ]
    codes = [f["properties"]["code"] for f in features]
    values = metric_values(frame, metric, policy)
    classes = maps.make_classes(
        values.values(),
        _formatter(metric, lang),
        first_break=5 if metric in ("count", "arrivals") and not policy.exact else None,
    )
    counts, withheld = shown_counts(frame, "active", policy)
    metric_label = t(f"map.metric.{metric}", lang)
    # nobody there: 0, not "unknown" (unless the areas are not shown at all)
    zero = 0 if metric in ("count", "arrivals") and not withheld else None
    fills = {c: classes.colour(values.get(c, zero)) for c in codes}
    tips = {
        c: maps.tooltip_html(
            labels.name(c),
            c,
            [(metric_label, format_value(metric, values.get(c, zero), policy))]
            + (
                [(t("map.metric.count", lang), _count_text(counts, c, withheld, lang))]
                if metric != "count"
                else []
            ),
        )
        for c in codes
    }
    people = {c: int(v or 0) for c, v in values.items()}
    box = maps.view_box(features, people) if features else (-11.0, 95.0, 6.0, 141.0)
    m = maps.base_map(
        [[box[0], box[1]], [box[2], box[3]]], tile_url=tile_url, tile_attribution=tile_attribution
    )
    if view.level > 1 and not tile_url:
        margin = max(box[2] - box[0], box[3] - box[1]) * 0.5
        around = (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)
        maps.add_context(
            m,
            {
                "type": "FeatureCollection",
                "features": reference.features_in_box("province", around),
            },
        )
    maps.add_areas(m, features, fills=fills, tips=tips, selected=view.selected)
    if sites is not None and not sites.empty:
        maps.add_points(m, _site_points(sites, policy), name="sites")
    if incidents is not None and not incidents.empty:
        maps.add_points(m, _incident_points(incidents, lang), name="incidents")
    maps.add_hit_targets(m, _small_areas(features, box, tips))
    maps.add_labels(m, _labels(features, values, view.selected))
    legend = [(c, label, "box") for c, label in zip(classes.colours, classes.labels, strict=True)]
    if zero is not None:
        legend.append((maps.ZERO, t("map.legend.zero", lang), "box"))
    if withheld or any(values.get(c, zero) is None for c in codes):
        legend.append((maps.NO_DATA, t("map.legend.not_shown", lang), "box"))
    sections = [(metric_label, legend)]
    if sites is not None and not sites.empty:
        kinds = sorted(set(sites["kind"]) & set(SITE_COLOURS))
        rows = [(SITE_COLOURS[k], t(f"accommodation.{k}", lang), "dot") for k in kinds]
        sections.append((t("map.layer.sites", lang), rows))
    if incidents is not None and not incidents.empty:
        levels = sorted(set(int(v) for v in incidents["severity"]) & set(SEVERITY_COLOURS))
        rows = [(SEVERITY_COLOURS[v], t(f"severity.{v}", lang), "dot") for v in levels]
        sections.append((t("map.layer.incidents", lang), rows))
    maps.add_legend(m, sections)
    return maps.finish(m), legend, values


def _labels(
    features: list[dict[str, Any]], values: dict[str, float | None], selected: str | None
) -> list[dict[str, object]]:
    """Names of the areas drawn: the selected one always, then the areas by their figure
    (largest first), then the rest by size on the map."""

    def rank(f: dict[str, Any]) -> tuple[int, float, float]:
        code = f["properties"]["code"]
        box = maps.feature_box(f)
        return (code != selected, -(values.get(code) or 0), -(box[2] - box[0]) * (box[3] - box[1]))

    return [
        {
            "lat": f["properties"]["lat"],
            "lng": f["properties"]["lng"],
            "name": labels.map_label(f["properties"]["name"]),
            "short": labels.PROVINCE_SHORT.get(f["properties"]["code"]),
            "always": f["properties"]["code"] == selected,
        }
        for f in sorted(features, key=rank)
    ]


def _small_areas(
    features: list[dict[str, Any]], box: maps.Box, tips: dict[str, str]
) -> list[tuple[float, float, str, str]]:
    """Areas under about 1/60 of the view's width or height (DKI Jakarta among the provinces,
    a city kecamatan beside rural ones): they get a ring to click."""
    height, width = box[2] - box[0], box[3] - box[1]
    small = []
    for f in features:
        south, west, north, east = maps.feature_box(f)
        if (north - south) < height / 60 and (east - west) < width / 60:
            p = f["properties"]
            small.append((p["lat"], p["lng"], p["code"], tips.get(p["code"], "")))
    return small


def _count_text(counts: dict[str, Published], code: str, withheld: str | None, lang: str) -> str:
    return "–" if withheld else text(counts.get(code, 0), lang)


def _label_point(code: str | None) -> tuple[float, float] | None:
    for level in ("kecamatan", "kabkota", "province"):
        point = reference.label_point(level, code or "")
        if point:
            return point
    return None


def _site_points(sites: pd.DataFrame, policy: Policy) -> list[tuple[float, float, str, str, float]]:
    lang = policy.lang
    points: list[tuple[float, float, str, str, float]] = []
    for s in sites.itertuples():
        where = (s.lat, s.lng) if pd.notna(s.lat) else _label_point(s.kecamatan_code)
        if where is None:
            continue
        capacity = int(s.capacity) if pd.notna(s.capacity) else None
        popup = "<br>".join(
            [
                f"<b>{maps.safe(s.name)}</b>",
                maps.safe(t(f"accommodation.{s.kind}", lang)),
                f"{maps.safe(t('map.site.capacity', lang))}: {maps.safe(fmt_int(capacity, lang))}",
                f"{maps.safe(t('map.site.occupancy', lang))}: {maps.safe(policy.count(int(s.occupancy)))}",
            ]
        )
        radius = 4 + min(6, (capacity or 20) ** 0.5 / 3)
        points.append((where[0], where[1], SITE_COLOURS.get(s.kind, SITE_OTHER), popup, radius))
    return points


def _incident_points(
    incidents: pd.DataFrame, lang: str
) -> list[tuple[float, float, str, str, float]]:
    points: list[tuple[float, float, str, str, float]] = []
    for i in incidents.itertuples():
        where = (
            (i.lat, i.lng)
            if pd.notna(i.lat)
            else _label_point(i.kecamatan_code or i.kabkota_code or i.region_code)
        )
        if where is None:
            continue
        popup = "<br>".join(
            [
                f"<b>{maps.safe(t(f'incident.{i.kind}', lang))}</b> · {maps.safe(fmt_date(i.date, lang))}",
                f"{maps.safe(t('map.incident.severity', lang))}: {maps.safe(t(f'severity.{i.severity}', lang))}",
                maps.safe(i.description),
            ]
        )
        points.append(
            (
                where[0],
                where[1],
                SEVERITY_COLOURS.get(int(i.severity), SEVERITY_COLOURS[3]),
                popup,
                4 + 2 * int(i.severity),
            )
        )
    return points


def clicked_code(value: Any, view: View) -> str | None:
    """The area code from st_folium's return value, when the click was on one of our areas."""
    if not isinstance(value, dict):
        return None
    drawing = value.get("last_active_drawing") or {}
    code = (drawing.get("properties") or {}).get("code") if isinstance(drawing, dict) else None
    if (
        isinstance(code, str)
        and reference.is_valid_code(code)
        and reference.level_of_code(code) == view.level
    ):
        return code
    return None


@dataclass(frozen=True)
class MapFile:
    """The map page's current map, as the brief's map drawing takes it."""

    map_view: View
    lang: str
    scope: Scope
    areas: pd.DataFrame  # code, count (active persons)
    policy: Policy
    region_name: str


def png_source(
    view: View, frame: pd.DataFrame, policy: Policy, place: str, scope: Scope
) -> MapFile:
    areas = frame[["code", "active"]].rename(columns={"active": "count"})
    return MapFile(view, policy.lang, scope, areas, policy, place)


def png(source: MapFile, title: str, notes: list[str]) -> bytes:
    """The map as a PNG, drawn on the server like the brief's, with the same rule."""
    from pora_dash.render.map_image import map_png  # matplotlib loads only when a PNG is asked for

    return map_png(source, title, notes)
