"""The flow map: a line from area to area for each flow shown, its width by the published
count, an arrowhead near the destination, and the areas' net movement as coloured dots.
Offline like the area map (no tiles: province outlines as context, Leaflet from our files).

Every figure drawn or put in a tooltip comes from the published tables of `present.mobility`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import folium
import pandas as pd

from pora_dash.geo import labels, reference
from pora_dash.i18n import t
from pora_dash.render import maps
from pora_dash.render.palette import INK, OKABE_ITO, SMALL_FILL

LEVEL_OF_WIDTH = {2: "province", 5: "kabkota", 8: "kecamatan"}
FLOW = OKABE_ITO[0]
GAIN, LOSS = OKABE_ITO[2], OKABE_ITO[3]
INDONESIA = (-11.0, 95.0, 6.0, 141.0)


def centre(code: str) -> tuple[float, float] | None:
    """(lat, lng) of an area's label point, at its own level."""
    level = LEVEL_OF_WIDTH.get(len(code))
    return reference.label_point(level, code) if level else None


def width_of(value: int | None, largest: int) -> float:
    """Line width in pixels: 2 for "<5", up to 14 for the largest flow (by area: sqrt)."""
    if value is None or largest <= 0:
        return 2.0
    return 2.5 + 11.5 * math.sqrt(value / largest)


def arc(
    start: tuple[float, float], end: tuple[float, float], bend: float = 0.18, steps: int = 24
) -> list[tuple[float, float]]:
    """A gentle curve from `start` to `end` (lat, lng), bowed to the right of the direction of
    travel, so that the flows A → B and B → A are two lines, not one."""
    (y0, x0), (y1, x1) = start, end
    cy, cx = (y0 + y1) / 2 - (x1 - x0) * bend, (x0 + x1) / 2 + (y1 - y0) * bend
    return [
        (
            (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1,
            (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1,
        )
        for t in (i / steps for i in range(steps + 1))
    ]


def arrowhead(line: list[tuple[float, float]], size: float) -> list[tuple[float, float]]:
    """A triangle pointing along `line` at 85 % of its length (`size` in degrees)."""
    i = max(1, int(len(line) * 0.85))
    (y0, x0), (ty, tx) = line[i - 1], line[i]
    dy, dx = ty - y0, tx - x0
    length = math.hypot(dx, dy) or 1.0
    uy, ux = dy / length, dx / length
    by, bx = ty - uy * size, tx - ux * size
    half = size * 0.55
    return [(ty, tx), (by - ux * half, bx + uy * half), (by + ux * half, bx - uy * half)]


def build(
    corridors: pd.DataFrame,
    net: pd.DataFrame,
    *,
    name: Callable[[str], str],
    lang: str,
    region: str | None = None,
) -> folium.Map:
    """`corridors`: origin, destination, value (published, None for "<5"), text;
    `net`: area, inward_txt, outward_txt, net, net_txt. `name(code)` names an area. The view
    frames the filtered `region` (lines to farther areas run on beyond the frame), or else
    every area with a flow."""
    points = {c: centre(c) for c in set(corridors["origin"]) | set(corridors["destination"])}
    placed = [p for p in points.values() if p]
    own = reference.bbox(LEVEL_OF_WIDTH[len(region[:8])], [region[:8]]) if region else None
    box = _padded(own) if own else _box(placed)
    m = maps.base_map([[box[0], box[1]], [box[2], box[3]]])
    margin = max(box[2] - box[0], box[3] - box[1]) * 0.5
    around = (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)
    maps.add_context(
        m, {"type": "FeatureCollection", "features": reference.features_in_box("province", around)}
    )
    if region:  # the region's own areas, outlined
        inner = {2: "kabkota", 5: "kecamatan", 8: "kecamatan"}[len(region[:8])]
        parent = region[:8] if inner == "kecamatan" and len(region) >= 8 else region
        areas = reference.feature_collection(inner, parent if len(parent) < 8 else parent[:5])
        maps.add_context(m, areas)
    values = [v for v in corridors["value"] if v is not None]
    largest = max(values, default=0)
    size = max(box[2] - box[0], box[3] - box[1]) / 45
    people = t("mobility.people", lang)
    for row in corridors.itertuples():
        a, b = points.get(row.origin), points.get(row.destination)
        if not a or not b:
            continue
        tip = maps.tooltip_html(
            f"{name(row.origin)} → {name(row.destination)}", "", [(people, row.text)]
        )
        small = row.value is None
        line = arc(a, b)
        folium.PolyLine(
            line,
            color=FLOW,
            weight=width_of(row.value, largest),
            opacity=0.75,
            dash_array="6 5" if small else None,
            tooltip=folium.Tooltip(tip, sticky=True),
            class_name="pora-flow",
        ).add_to(m)
        folium.Polygon(
            arrowhead(line, size),
            color=INK,
            weight=0.5,
            fill=True,
            fill_color=FLOW,
            fill_opacity=0.95,
            interactive=False,
        ).add_to(m)
    _net_dots(m, net, points, name=name, lang=lang)
    maps.add_labels(
        m,
        [
            {
                "lat": p[0],
                "lng": p[1],
                "name": labels.map_label(name(code)),
                "short": labels.PROVINCE_SHORT.get(code),
                "always": False,
            }
            for code, p in sorted(points.items(), key=lambda kv: _rank(kv[0], net))
            if p
        ],
        # a name beside its area's dot, not on it: the dots of Jakarta, Banten and Jawa
        # Barat lie a few pixels apart nationally
        avoid=".pora-flow-area",
        clearance=(11, 11),
    )
    maps.add_legend(m, [(t("mobility.map.legend", lang), _legend(lang))])
    return maps.finish(m)


def _rank(code: str, net: pd.DataFrame) -> float:
    row = net[net["area"] == code]
    value = row["net"].iloc[0] if len(row) else None
    return -abs(value) if value is not None else 0.0


def _net_dots(
    m: folium.Map,
    net: pd.DataFrame,
    points: dict[str, tuple[float, float] | None],
    *,
    name: Callable[[str], str],
    lang: str,
) -> None:
    for row in net.itertuples():
        p = points.get(row.area)
        if not p:
            continue
        colour = (
            SMALL_FILL
            if row.net is None
            else GAIN
            if row.net > 0
            else LOSS
            if row.net < 0
            else "#ffffff"
        )
        tip = maps.tooltip_html(
            name(row.area),
            row.area,
            [
                (t("mobility.in", lang), row.inward_txt),
                (t("mobility.out", lang), row.outward_txt),
                (t("mobility.net", lang), row.net_txt),
            ],
        )
        folium.CircleMarker(
            p,
            radius=7,
            color=INK,
            weight=1,
            fill=True,
            fill_color=colour,
            fill_opacity=1,
            tooltip=folium.Tooltip(tip, sticky=True),
            class_name="pora-flow-area",
        ).add_to(m)


def _legend(lang: str) -> Sequence[tuple[str, str, str]]:
    return [
        (FLOW, t("mobility.map.line", lang), "box"),
        (GAIN, t("mobility.map.gain", lang), "dot"),
        (LOSS, t("mobility.map.loss", lang), "dot"),
        ("#ffffff", t("mobility.map.even", lang), "dot"),
        (SMALL_FILL, t("mobility.map.small", lang), "dot"),
    ]


def _padded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    south, west, north, east = box
    pad = max(north - south, east - west, 0.05) * 0.25
    return south - pad, west - pad, north + pad, east + pad


def _box(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    if not points:
        return INDONESIA
    lats, lngs = [p[0] for p in points], [p[1] for p in points]
    pad = max(max(lats) - min(lats), max(lngs) - min(lngs), 0.2) * 0.15
    return min(lats) - pad, min(lngs) - pad, max(lats) + pad, max(lngs) + pad
