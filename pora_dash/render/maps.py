"""Folium map builders that work with no internet and escape every value they draw.

- No tiles by default: a plain sea-coloured background with the province outlines as context
  (tiles only when an administrator configures a reachable tile server).
- Every CSS/JS asset points at the app's own static files (`static/vendor/`), never a CDN.
- Colours are computed on the server into each feature (`fill`), so the browser receives only
  the polygons in view, already simplified for the level, plus their colour and tooltip.
- Tooltips and popups carry only HTML-escaped text; `${` and backticks are neutralised
  because folium places tooltip text inside JavaScript template literals.
"""

from __future__ import annotations

import html
import json
import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
from branca.element import Element, MacroElement
from jinja2 import Template

from pora_dash.render import jenks
from pora_dash.render.palette import (
    CONTEXT_LABEL,
    INK,
    LAND_CONTEXT,
    NO_DATA,
    OUTLINE,
    RAMP,
    SEA,
    SMALL_FILL,
    ZERO,
)

STATIC = "/app/static/vendor/leaflet-1.9.4"
LEAFLET_JS = [("leaflet", f"{STATIC}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/leaflet.css")]

PALETTE = RAMP  # the brief's legend and the web map's share it


def safe(text: object) -> str:
    """HTML-escape, and break `${`/backticks so text is inert inside JS template literals."""
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("${", "&#36;{")


@dataclass(frozen=True)
class Classes:
    """Class breaks: value v falls in class i when breaks[i] <= v < breaks[i + 1]; with
    `small`, the first class is "<5" (values 1-4 of a protected audience)."""

    breaks: tuple[float, ...]
    labels: tuple[str, ...]
    small: bool = False

    @property
    def colours(self) -> list[str]:
        """SMALL_FILL for "<5", then the ramp spread over the other classes."""
        n = len(self.labels) - int(self.small)
        spread = (
            [RAMP[2]] if n == 1 else [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]
        )
        return ([SMALL_FILL] if self.small else []) + (spread if n > 0 else [])

    def colour(self, value: float | None) -> str:
        if value is None or math.isnan(value):
            return NO_DATA
        if value <= 0:
            return ZERO
        for i in range(len(self.labels) - 1, -1, -1):
            if value >= self.breaks[i]:
                return self.colours[i]
        return self.colours[0]


def readable(x: float) -> float:
    """A class bound rounded up to two significant digits (137 -> 140, 0.234 -> 0.24).

    >>> readable(137), readable(1234), readable(0.234), readable(5)
    (140, 1300, 0.24, 5)
    """
    if x <= 0:
        return 0
    step = 10 ** (math.floor(math.log10(x)) - 1)
    rounded = math.ceil(round(x / step, 9)) * step
    return int(rounded) if rounded >= 1 else round(rounded, 12)


def natural_breaks(values: Sequence[float], k: int) -> list[float]:
    """Lower bounds of up to `k` classes of `values` (sorted, positive) by Fisher-Jenks
    natural breaks, rounded to readable numbers."""
    distinct = sorted(set(values))
    k = min(k, len(distinct))
    if k <= 1:
        return [distinct[0]] if distinct else []
    cuts = [distinct[0]]
    for upper in jenks.uppers(values, k)[:-1]:
        above = [v for v in distinct if v > upper]
        bound = readable(above[0]) if above else None
        if bound is not None and bound > cuts[-1] and bound <= distinct[-1]:
            cuts.append(bound)
    return cuts


def make_classes(
    values: Iterable[float | None], fmt: Callable[[float], str], *, first_break: float | None = None
) -> Classes:
    """Up to five classes of the positive values by natural breaks, rounded to readable
    numbers.

    `first_break=5` (a protected audience's counts) makes "<5" a class of its own with its own
    colour, so colour never reveals more than the "<5" label does; the other classes start
    at 5 or more.
    """
    positive = sorted(float(v) for v in values if v is not None and v == v and v > 0)
    if not positive:
        return Classes(breaks=(), labels=())
    small = first_break is not None and positive[0] < first_break
    rest = [v for v in positive if first_break is None or v >= first_break]
    cuts = natural_breaks(rest, 5 - int(small)) if rest else []
    if small:
        cuts = [1.0, *cuts]
    labels = []
    for i, start in enumerate(cuts):
        if small and i == 0:
            labels.append("<5")
        elif i + 1 < len(cuts):
            labels.append(f"{fmt(start)} – <{fmt(cuts[i + 1])}")
        else:
            labels.append(f"≥ {fmt(start)}")
    return Classes(breaks=tuple(cuts), labels=tuple(labels), small=small)


Box = tuple[float, float, float, float]  # south, west, north, east


def _centre(box: Box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def feature_box(feature: dict[str, Any]) -> Box:
    points = np.concatenate([np.asarray(ring)[:, :2] for ring in rings(feature["geometry"])])
    (west, south), (east, north) = points.min(axis=0), points.max(axis=0)
    return (float(south), float(west), float(north), float(east))


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [ring for polygon in polygons for ring in polygon if len(ring) >= 3]


def view_box(features: list[dict[str, Any]], counts: dict[str, int]) -> Box:
    """Around the areas, leaving out empty outliers far from the rest (Kepulauan Seribu would
    otherwise turn Jakarta's map into sea): an area without people whose centre lies more than
    three times the median distance from the middle is not framed (it stays in the table)."""
    boxes = {f["properties"]["code"]: feature_box(f) for f in features}
    if len(boxes) >= 4:
        centres = {c: _centre(b) for c, b in boxes.items()}
        mid = (
            statistics.median(y for y, _ in centres.values()),
            statistics.median(x for _, x in centres.values()),
        )
        far = {c: math.dist(mid, p) for c, p in centres.items()}
        typical = statistics.median(far.values()) or 1e-9
        boxes = {c: b for c, b in boxes.items() if far[c] <= 3 * typical or counts.get(c, 0) > 0}
    if not boxes:
        return (-11.0, 95.0, 6.0, 141.0)
    south, west = min(b[0] for b in boxes.values()), min(b[1] for b in boxes.values())
    north, east = max(b[2] for b in boxes.values()), max(b[3] for b in boxes.values())
    pad_y, pad_x = (north - south) * 0.05, (east - west) * 0.05
    return (south - pad_y, west - pad_x, north + pad_y, east + pad_x)


class _FitOnSize(MacroElement):
    """Fit the region to the map's real size once the frame has one (and again when it is
    resized), until the user pans or zooms: the server's first guess assumes a width. The
    legend (top right) keeps its corner free: the region is fitted either below it or to its
    left, whichever draws it larger (at 1280 px the legend covered Papua and Maluku Utara)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var bounds = {{ this.bounds_json }};
            var touched = false;
            var box = map.getContainer();
            ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (e) {
                box.addEventListener(e, function () { touched = true; }, {passive: true});
            });
            function fit() {
                if (touched || !(box.clientWidth > 0 && box.clientHeight > 0)) { return; }
                map.invalidateSize(false);
                var plain = [[10, 10], [10, 10]], ways = [plain];
                var legend = box.querySelector('.pora-legend');
                if (legend && legend.offsetHeight) {
                    // the control's own margin is 10 px; 10 more between it and the areas
                    var below = legend.offsetHeight + 20, beside = legend.offsetWidth + 20;
                    ways = [[[10, below], [10, 10]], [[10, 10], [beside, 10]]];
                }
                var best = plain, most = -Infinity, size = map.getSize();
                ways.forEach(function (w) {
                    var pad = L.point(w[0]).add(w[1]);
                    // a frame still too small for this way (while it loads) gives no zoom
                    if (size.x - pad.x < 50 || size.y - pad.y < 50) { return; }
                    var zoom = map.getBoundsZoom(bounds, false, pad);
                    if (isFinite(zoom) && zoom > most) { best = w; most = zoom; }
                });
                map.fitBounds(bounds, {
                    paddingTopLeft: best[0], paddingBottomRight: best[1], animate: false});
            }
            if (window.ResizeObserver) { new ResizeObserver(fit).observe(box); }
            setTimeout(fit, 0);
        })();
        {% endmacro %}"""
    )

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()
        self.bounds_json = json.dumps([list(b) for b in bounds])


class _MetricScale(MacroElement):
    """A scale bar in kilometres only."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )


class _Legend(MacroElement):
    """A legend drawn as a Leaflet control; its HTML is built from escaped strings only."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var legend = L.control({position: 'topright'});
        legend.onAdd = function () {
            var div = L.DomUtil.create('div', 'pora-legend');
            div.innerHTML = {{ this.html_json }};
            return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, sections: Sequence[tuple[str, Sequence[tuple[str, str, str]]]]) -> None:
        super().__init__()
        parts = []
        for n, (title, rows) in enumerate(sections):
            # the first title (the metric) is bold; the layers' titles are smaller headings
            head = (
                f"<b>{safe(title)}</b>"
                if n == 0
                else f'<span class="pora-legend-sub">{safe(title)}</span>'
            )
            items = "".join(
                f'<div><i class="pora-key-{shape}" style="background:{colour}"></i>{safe(label)}</div>'
                for colour, label, shape in rows
            )
            parts.append(head + items)
        self.html_json = json.dumps("".join(parts))


class _Labels(MacroElement):
    """Area names drawn on the map, most important first; a name that would overlap one
    already shown, a control, a marker matching `avoid` (a CSS selector) or leave the map, is
    hidden, and the check runs again after each zoom or pan. `clearance` is the gap in pixels
    between a point and a name moved beside it. Names are escaped on the server and set as
    text in the browser."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var labels = {{ this.labels_json }};
            var avoid = {{ this.avoid_json }};
            var gap = {{ this.gap_json }};
            var layer = L.layerGroup().addTo(map);
            var shown = labels.map(function (l) {
                var icon = L.divIcon({className: 'pora-label' + (l.always ? ' pora-label-chosen' : ''),
                                      html: '', iconSize: null});
                var marker = L.marker([l.lat, l.lng], {icon: icon, interactive: false,
                                                       keyboard: false}).addTo(layer);
                var el = marker.getElement();
                var span = document.createElement('span');
                span.textContent = l.name;
                el.appendChild(span);
                return {label: l, el: el, span: span};
            });
            // where a name may go: on its point, else near it (above, below, beside, diagonal)
            var nudges = [[0, 0], [0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1],
                          [-1, 1], [0, -2], [0, 2], [-1.6, 0]];
            // The size of each name (and of its short form), measured once: two layouts for
            // all names. The positions are then computed, not read back from the page: a
            // read after each try forced a layout per try, some 290 ms of the national map.
            function measure() {
                shown.forEach(function (s) {
                    s.names = s.label.short ? [s.label.name, s.label.short] : [s.label.name];
                    s.span.style.marginLeft = '0px';
                    s.span.style.marginTop = '0px';
                    s.span.textContent = s.names[0];
                });
                var full = shown.map(function (s) { return s.span.getBoundingClientRect(); });
                shown.forEach(function (s) { s.span.textContent = s.names[s.names.length - 1]; });
                var last = shown.map(function (s) { return s.span.getBoundingClientRect(); });
                if (!full.length || !full[0].width) { return false; }  // not laid out yet
                shown.forEach(function (s, i) {
                    s.sizes = [[full[i].width, full[i].height], [last[i].width, last[i].height]]
                        .slice(0, s.names.length);
                });
                return true;
            }
            var measured = false;
            function declutter() {
                var container = map.getContainer();
                var box = container.getBoundingClientRect();
                if (!shown.length) { container.setAttribute('data-labels-shown', 0); return; }
                if (!box.width || !box.height) { return; }
                measured = measured || measure();
                if (!measured) { return; }
                // the legend, zoom buttons and scale bar are in the way of names too
                var placed = [...container.querySelectorAll('.leaflet-control')]
                    .map(function (c) { return c.getBoundingClientRect(); });
                // and the markers the names must leave visible (the flow map's area dots)
                if (avoid) {
                    container.querySelectorAll(avoid).forEach(function (c) {
                        placed.push(c.getBoundingClientRect());
                    });
                }
                var controls = placed.length;
                shown.forEach(function (s) {
                    // the marker's own point (Leaflet rounds it), the name centred on it
                    var p = map.layerPointToContainerPoint(
                        map.latLngToLayerPoint([s.label.lat, s.label.lng]).round());
                    var cx = box.left + p.x, cy = box.top + p.y;
                    s.choice = null;
                    for (var i = 0; i < nudges.length * s.names.length && !s.choice; i++) {
                        var v = Math.floor(i / nudges.length), n = nudges[i % nudges.length];
                        var w = s.sizes[v][0], h = s.sizes[v][1];
                        var dx = n[0] * (w / 2 + gap[0]), dy = n[1] * (h / 2 + gap[1]);
                        var r = {left: cx - w / 2 + dx, right: cx + w / 2 + dx,
                                 top: cy - h / 2 + dy, bottom: cy + h / 2 + dy};
                        var inside = r.left >= box.left && r.right <= box.right &&
                                     r.top >= box.top && r.bottom <= box.bottom;
                        var fits = inside && placed.every(function (q) {
                            return r.right + 2 < q.left || r.left - 2 > q.right ||
                                   r.bottom < q.top || r.top > q.bottom;
                        });
                        if (fits || s.label.always) {
                            s.choice = {v: v, dx: dx, dy: dy};
                            placed.push(r);
                        }
                    }
                });
                shown.forEach(function (s) {  // only writes from here: no layout in between
                    var c = s.choice;
                    s.el.style.visibility = c ? 'visible' : 'hidden';
                    s.span.textContent = s.names[c ? c.v : 0];
                    s.span.setAttribute('title', s.label.name);
                    s.span.style.marginLeft = (c ? c.dx : 0) + 'px';
                    s.span.style.marginTop = (c ? c.dy : 0) + 'px';
                });
                container.setAttribute('data-labels-shown', placed.length - controls);
            }
            map.on('zoomend moveend resize', declutter);
            // the frame is sized after the script runs: place again once it has its size
            if (window.ResizeObserver) { new ResizeObserver(declutter).observe(map.getContainer()); }
            setTimeout(declutter, 0);
            setTimeout(declutter, 500);
        })();
        {% endmacro %}"""
    )

    def __init__(
        self,
        labels: Sequence[Mapping[str, object]],
        avoid: str | None = None,
        clearance: tuple[int, int] = (9, 7),
    ) -> None:
        super().__init__()
        self.labels_json = json.dumps(list(labels))
        self.avoid_json = json.dumps(avoid)
        self.gap_json = json.dumps(list(clearance))


_CSS = f"""<style>
.leaflet-container {{ background: {SEA}; font: 14px/1.4 system-ui, sans-serif; }}
.pora-legend {{ background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); color: {INK}; }}
.pora-legend i {{ width: 18px; height: 14px; float: left; margin: 2px 8px 0 0;
  border: 1px solid {CONTEXT_LABEL}; }}
.pora-legend i.pora-key-dot {{ width: 12px; height: 12px; border-radius: 50%;
  margin: 3px 11px 0 3px; border-color: {INK}; }}
.pora-legend div {{ clear: both; line-height: 20px; }}
.pora-legend-sub {{ display: block; clear: both; margin-top: 6px; font-weight: 600; }}
.pora-label {{ background: none; border: none; }}
.pora-label span {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font: 600 12px/1.1 system-ui, sans-serif; color: {INK}; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }}
.pora-label-chosen span {{ font-size: 14px; font-weight: 700; }}
.leaflet-tooltip {{ font-size: 14px; }}
/* the map fills its frame, whatever height the page gives the frame (slides stretch it) */
html, body {{ height: 100%; }}
#map_div, .folium-map {{ height: 100vh !important; min-height: 300px; }}
</style>"""


def _strip_cdn(element: object) -> None:
    """Point an element's assets at our static files (Leaflet), dropping every other CDN link."""
    if hasattr(element, "default_js"):
        element.default_js = LEAFLET_JS if isinstance(element, folium.Map) else []  # type: ignore[attr-defined]
    if hasattr(element, "default_css"):
        element.default_css = LEAFLET_CSS if isinstance(element, folium.Map) else []  # type: ignore[attr-defined]
    for child in getattr(element, "_children", {}).values():
        _strip_cdn(child)


def view_of(
    box: tuple[float, float, float, float],
    *,
    width_px: int = 1100,
    height_px: int = 640,
    padding: float = 0.08,
) -> tuple[tuple[float, float], float]:
    """Centre and zoom (Web Mercator, quarter steps) that fit `box` (south, west, north, east)
    in a map of the given size. Computed on the server so the first drawing is already right,
    whatever size the map's frame has while it loads."""
    south, west, north, east = box

    def y(lat: float) -> float:
        rad = math.radians(lat)
        return math.log(math.tan(math.pi / 4 + rad / 2))

    lon_span = max(east - west, 1e-6) / 360
    lat_span = max(y(north) - y(south), 1e-6) / (2 * math.pi)
    usable = 1 - 2 * padding
    zoom = min(
        math.log2(width_px * usable / 256 / lon_span),
        math.log2(height_px * usable / 256 / lat_span),
    )
    centre_y = (y(north) + y(south)) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return (centre_lat, (west + east) / 2), max(3.0, math.floor(zoom * 4) / 4)


def base_map(
    bounds: Sequence[Sequence[float]] | None,
    *,
    tile_url: str | None = None,
    tile_attribution: str | None = None,
) -> folium.Map:
    # SVG (not canvas): each area is a DOM path with a class per region code, which keeps
    # hit-testing exact and lets browser tests click "pora-area-33-29".
    m = folium.Map(
        tiles=None,
        control_scale=False,
        zoom_snap=0.25,
        attribution_control=bool(tile_url),
    )
    _MetricScale().add_to(m)
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=tile_attribution or "").add_to(m)
    m.get_root().header.add_child(Element(_CSS))  # type: ignore[attr-defined]
    if bounds:
        (south, west), (north, east) = bounds
        centre, zoom = view_of((south, west, north, east))
        m.location, m.options["zoom"] = list(centre), zoom
        _FitOnSize(bounds).add_to(m)
    return m


def add_context(m: folium.Map, outlines: Mapping) -> None:
    """Province outlines drawn under the data, not clickable, as orientation without tiles."""
    folium.GeoJson(
        outlines,
        name="context",
        style_function=lambda _f: {
            "color": OUTLINE,
            "weight": 0.8,
            "fillColor": LAND_CONTEXT,
            "fillOpacity": 1,
        },
        interactive=False,
        control=False,
    ).add_to(m)


def add_areas(
    m: folium.Map,
    features: Sequence[Mapping],
    *,
    fills: Mapping[str, str],
    tips: Mapping[str, str],
    selected: str | None = None,
) -> None:
    """The choropleth: each feature coloured by `fills[code]`, tooltip `tips[code]` (HTML
    built by `tooltip_html`, already escaped); the `selected` area is outlined."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "code": f["properties"]["code"],
                    "fill": fills.get(f["properties"]["code"], NO_DATA),
                    "line": 3 if f["properties"]["code"] == selected else 1,
                    "tip": tips.get(f["properties"]["code"], ""),
                },
            }
            for f in features
        ],
    }
    folium.GeoJson(
        collection,
        name="areas",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "className": f"pora-area pora-area-{f['properties']['code'].replace('.', '-')}",
            "color": INK if f["properties"]["line"] > 1 else CONTEXT_LABEL,
            "weight": f["properties"]["line"],
            "fillOpacity": 0.9,
        },
        highlight_function=lambda _f: {"weight": 3, "color": INK},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        zoom_on_click=False,
    ).add_to(m)


def tooltip_html(name: str, code: str, lines: Sequence[tuple[str, str]]) -> str:
    rows = "".join(f"<br>{safe(label)}: <b>{safe(value)}</b>" for label, value in lines)
    return f"<b>{safe(name)}</b> <small>{safe(code)}</small>{rows}"


def add_points(
    m: folium.Map, points: Iterable[tuple[float, float, str, str, float]], *, name: str
) -> None:
    """Circle markers as one GeoJSON layer: (lat, lng, colour, escaped tooltip HTML, radius).

    One layer with per-feature style is far smaller than a marker object each, and its
    tooltips use the same escaped-text path as the areas (no popup templates, no jQuery).
    """
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lng, 5), round(lat, 5)]},
                "properties": {"fill": colour, "tip": tip, "radius": round(radius, 1)},
            }
            for lat, lng, colour, tip, radius in points
        ],
    }
    if not collection["features"]:
        return
    folium.GeoJson(
        collection,
        name=name,
        marker=folium.CircleMarker(
            radius=6,
            weight=1,
            color=INK,
            fill=True,
            fill_opacity=0.9,
            className=f"pora-point pora-{name}",
        ),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "radius": f["properties"]["radius"],
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(m)


def add_legend(
    m: folium.Map, sections: Sequence[tuple[str, Sequence[tuple[str, str, str]]]]
) -> None:
    """One legend for every layer: (title, [(colour, label, "box" | "dot"), ...]) each."""
    _Legend(sections).add_to(m)


def add_labels(
    m: folium.Map,
    labels: Sequence[Mapping[str, object]],
    *,
    avoid: str | None = None,
    clearance: tuple[int, int] = (9, 7),
) -> None:
    """Area names: dicts of lat, lng, name, short (a shorter name to try when the name has
    no room, or None) and always (the selected area), most important first; the browser
    hides those that still would overlap. Names keep clear of the markers matching the CSS
    selector `avoid`, moved `clearance` (x, y) pixels beside their point when they must."""
    _Labels(labels, avoid, clearance).add_to(m)


def add_hit_targets(m: folium.Map, targets: Iterable[tuple[float, float, str, str]]) -> None:
    """A ring with a 10 px radius on each area too small to click at this zoom: (lat, lng,
    code, escaped tooltip HTML). A click on it answers like a click on the area."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lng, 5), round(lat, 5)]},
                "properties": {"code": code, "tip": tip},
            }
            for lat, lng, code, tip in targets
        ],
    }
    if not collection["features"]:
        return
    folium.GeoJson(
        collection,
        name="small_areas",
        marker=folium.CircleMarker(
            radius=10,
            weight=2,
            color=INK,
            fill=True,
            fill_opacity=0.0,
            className="pora-hit",
        ),  # fmt: skip
        style_function=lambda f: {
            "className": f"pora-hit pora-hit-{f['properties']['code'].replace('.', '-')}"
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(m)


def finish(m: folium.Map) -> folium.Map:
    """Call last: every asset served by the app, none from a CDN."""
    _strip_cdn(m)
    return m
