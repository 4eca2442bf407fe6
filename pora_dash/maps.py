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
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

STATIC = "/app/static/vendor/leaflet-1.9.4"
LEAFLET_JS = [("leaflet", f"{STATIC}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/leaflet.css")]

SEA = "#dfe8f1"
LAND_CONTEXT = "#f7f7f4"
NO_DATA = "#eceff1"
OUTLINE = "#7a8591"
# ColorBrewer YlGnBu, 5 classes: sequential and colour-blind safe.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")


def safe(text: object) -> str:
    """HTML-escape, and break `${`/backticks so text is inert inside JS template literals."""
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("${", "&#36;{")


@dataclass(frozen=True)
class Classes:
    """Class breaks: value v falls in class i when breaks[i] <= v < breaks[i + 1]."""

    breaks: tuple[float, ...]
    labels: tuple[str, ...]

    @property
    def colours(self) -> list[str]:
        """The palette spread over the classes in use: one class is not the palest tint."""
        n = len(self.labels)
        if n <= 1:
            return [PALETTE[2]] * n
        return [PALETTE[round(1 + i * (len(PALETTE) - 2) / (n - 1))] for i in range(n)]

    def colour(self, value: float | None) -> str:
        if value is None or value <= 0 or math.isnan(value):
            return NO_DATA
        for i in range(len(self.labels) - 1, -1, -1):
            if value >= self.breaks[i]:
                return self.colours[i]
        return self.colours[0]


def _nice(x: float) -> float:
    """Round up to 1, 2 or 5 times a power of ten (readable legend bounds)."""
    if x <= 0:
        return 0
    exp = 10 ** math.floor(math.log10(x))
    return next(m * exp for m in (1, 2, 5, 10) if m * exp >= x)


def make_classes(
    values: Iterable[float | None], fmt: Callable[[float], str], *, first_break: float | None = None
) -> Classes:
    """Up to five classes from quantiles of the positive values, rounded to nice numbers.

    `first_break=5` makes the first class exactly "1–4" (the suppressed range of counts), so
    colour never reveals more than the "<5" label does.
    """
    positive = sorted(v for v in values if v is not None and v > 0)
    if not positive:
        return Classes(breaks=(), labels=())
    low = positive[0] if first_break is None else min(positive[0], 1)
    cuts: list[float] = [low]
    if first_break is not None and positive[-1] >= first_break:
        cuts.append(first_break)
    for q in (0.5, 0.75, 0.9):
        candidate = _nice(positive[min(int(q * len(positive)), len(positive) - 1)])
        if candidate > cuts[-1] and candidate <= positive[-1]:
            cuts.append(candidate)
    labels = []
    for i, start in enumerate(cuts):
        if i + 1 < len(cuts):
            labels.append(f"{fmt(start)} – <{fmt(cuts[i + 1])}")
        else:
            labels.append(f"≥ {fmt(start)}")
    if first_break is not None and len(cuts) > 1 and cuts[1] == first_break:
        labels[0] = "<5" if first_break == 5 else labels[0]
    return Classes(breaks=tuple(cuts), labels=tuple(labels))


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
        var legend = L.control({position: 'bottomright'});
        legend.onAdd = function () {
            var div = L.DomUtil.create('div', 'pora-legend');
            div.innerHTML = {{ this.html_json }};
            return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        import json

        items = "".join(
            f'<div><i style="background:{colour}"></i>{safe(label)}</div>' for colour, label in rows
        )
        self.html_json = json.dumps(f"<b>{safe(title)}</b>{items}")


_CSS = f"""<style>
.leaflet-container {{ background: {SEA}; font: 14px/1.4 system-ui, sans-serif; }}
.pora-legend {{ background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); color: #1b1f24; }}
.pora-legend i {{ width: 18px; height: 14px; float: left; margin: 2px 8px 0 0;
  border: 1px solid #8a939c; }}
.pora-legend div {{ clear: both; line-height: 20px; }}
.leaflet-tooltip {{ font-size: 14px; }}
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
            "color": "#1b1f24" if f["properties"]["line"] > 1 else "#ffffff",
            "weight": f["properties"]["line"],
            "fillOpacity": 0.9,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#1b1f24"},
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
            color="#1b1f24",
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


def add_legend(m: folium.Map, title: str, rows: Sequence[tuple[str, str]]) -> None:
    _Legend(title, rows).add_to(m)


def finish(m: folium.Map) -> folium.Map:
    """Call last: every asset served by the app, none from a CDN."""
    _strip_cdn(m)
    return m
