"""A map as an image, drawn on the server with matplotlib (Agg, no tiles): the brief's map and the map page's PNG download, with the same disclosure rule.

Figures are built with the object API (`matplotlib.figure.Figure`), never pyplot: no global
state, so two maps can be drawn at once in different threads. The colour-blind-safe YlGnBu
classes come from `maps` (areas with nobody neutral, the first class exactly "<5" so colour
reveals no more than the label).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any, Protocol

import matplotlib

matplotlib.use("Agg")  # before any figure: no display, no GUI toolkit

import pandas as pd  # noqa: E402
from matplotlib import image as mpimg  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402

from pora_dash.access.scope import Scope  # noqa: E402
from pora_dash.geo import (
    labels,
    reference,  # noqa: E402
)
from pora_dash.i18n import fmt_int, t  # noqa: E402
from pora_dash.present.disclosure import Policy  # noqa: E402
from pora_dash.render import maps, mapview
from pora_dash.render.palette import (
    CONTEXT_LABEL,
    EDGE,
    INK,
    LAND_CONTEXT,
    MUTED,
    NO_DATA,
    SEA,
    ZERO,
)

DPI = 200


WIDTH_IN = 7.1  # the PDF's text width


HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]


MOVETO, LINETO, CLOSEPOLY = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)
Box = tuple[float, float, float, float]  # south, west, north, east


def new_figure(width_in: float, height_in: float) -> Figure:
    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)  # attaches itself: text extents can be measured before saving
    return fig


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _path(geometry: dict[str, Any]) -> Path:
    """All rings of a (multi)polygon as one compound path (holes cut by the even-odd rule)."""
    vertices: list[list[float]] = []
    codes: list[int] = []
    for ring in maps.rings(geometry):
        vertices.extend([*ring, ring[0]])
        codes.extend([MOVETO, *[LINETO] * (len(ring) - 1), CLOSEPOLY])
    return Path(vertices, codes)


def _patches(features: list[dict[str, Any]], **style: Any) -> PatchCollection:
    return PatchCollection([PathPatch(_path(f["geometry"])) for f in features], **style)


def _fitted(box: Box, ratio: float, squash: float) -> Box:
    """`box` widened (or heightened) about its centre to the axes' width/height `ratio`."""
    south, west, north, east = box
    width, height = (east - west) * squash, north - south
    if width / height < ratio:
        grow = (height * ratio / squash - (east - west)) / 2
        return (south, west - grow, north, east + grow)
    grow = (width / ratio - height) / 2
    return (south - grow, west, north + grow, east)


@dataclass(frozen=True)
class MapImage:
    png: bytes
    width_in: float
    height_in: float
    wide: bool  # a wide region: the PDF puts legend and table under the map, not beside it
    legend: list[tuple[str, str, bool]]  # (fill colour, label, outline only)
    names: list[str]  # the area names drawn (those with room)


class MapSource(Protocol):
    """What a map image needs: the brief has it, and so does the map page's download."""

    @property
    def map_view(self) -> mapview.View: ...
    @property
    def lang(self) -> str: ...
    @property
    def scope(self) -> Scope: ...
    @property
    def areas(self) -> pd.DataFrame: ...  # code, count
    @property
    def policy(self) -> Policy: ...
    @property
    def region_name(self) -> str: ...


def area_map(
    brief: MapSource, *, full_in: float = WIDTH_IN, side_in: float = 4.1, max_height_in: float = 5.0
) -> MapImage:
    """Choropleth of the parts of the region (kecamatan in a kab/kota, ...) by active persons,
    with neighbouring areas as grey context and a scale bar. A wide region (the nation) is
    drawn `full_in` wide, any other `side_in` wide, leaving room beside it for the legend and
    the table; the height follows the region's shape, up to `max_height_in`."""
    view, lang = brief.map_view, brief.lang
    level = reference.boundary_level(view.level)
    features = [
        f
        for f in reference.feature_collection(level, view.parent)["features"]
        if brief.scope.covers_part_of(f["properties"]["code"])
    ]
    counts = shown_counts(brief)
    classes = maps.make_classes(
        counts.values(), lambda v: fmt_int(v, lang), first_break=None if brief.policy.exact else 5
    )
    box = maps.view_box(features, counts)
    squash = math.cos(math.radians((box[0] + box[2]) / 2))
    shape = (box[2] - box[0]) / ((box[3] - box[1]) * squash)  # height / width on paper
    wide = shape < 0.55
    width_in = full_in if wide else side_in
    height_in = min(max_height_in, max(2.4, width_in * shape))
    fig = new_figure(width_in, height_in)
    ax = fig.add_axes((0, 0, 1, 1))
    box = _fitted(box, width_in / height_in, squash)
    context = _draw_areas(ax, brief, features, counts, classes, box)
    ax.set_xlim(box[1], box[3])
    ax.set_ylim(box[0], box[2])
    ax.set_aspect(1 / squash)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(EDGE)
    names = _labels(fig, ax, features, counts, context)
    _scale_bar(ax, box, lang)
    legend = [(c, label, False) for c, label in zip(classes.colours, classes.labels, strict=True)]
    legend.append((ZERO, t("brief.map.nobody", lang), False))
    if not counts:  # the breakdown into areas is not shown to this audience
        legend.append((NO_DATA, t("map.legend.not_shown", lang), False))
    if view.selected:
        legend.append((INK, brief.region_name, True))
    return MapImage(png_bytes(fig), width_in, height_in, wide, legend, names)


def shown_counts(brief: MapSource) -> dict[str, int]:
    """The areas' counts as the brief's audience sees them ("<5" as 1, which falls in the
    "<5" class only); none when the breakdown into areas is not shown."""
    raw = dict(zip(map(str, brief.areas["code"]), map(int, brief.areas["count"]), strict=True))
    shown = brief.policy.breakdown(sum(raw.values()), list(raw.values()))
    if not shown.ok:
        return {}
    return {c: 1 if v is None else v for c, v in zip(raw, shown.values, strict=True)}


def map_png(source: MapSource, title: str, notes: list[str]) -> bytes:
    """The map as a PNG for slides and letters: a title, the map with its names and scale
    bar, the legend beside it, and the source and disclosure lines under it."""
    drawing = area_map(source, full_in=8.4, side_in=5.6, max_height_in=5.6)
    picture = mpimg.imread(io.BytesIO(drawing.png), format="png")
    legend_in, head_in, foot_in = 2.4, 0.55, 0.22 * len(notes) + 0.2
    width_in = drawing.width_in + legend_in
    height_in = max(drawing.height_in, 2.6) + head_in + foot_in
    fig = new_figure(width_in, height_in)
    ax = fig.add_axes(
        (0, foot_in / height_in, drawing.width_in / width_in, drawing.height_in / height_in)
    )
    ax.imshow(picture, interpolation="lanczos")
    ax.set_axis_off()
    fig.text(
        0.012, 1 - 0.3 / height_in, title, fontsize=12, fontweight="bold", color=INK, va="center"
    )
    handles = [
        Rectangle((0, 0), 1, 1, facecolor="none" if outline else colour, edgecolor=colour if outline else EDGE,
                  linewidth=1.5 if outline else 0.6)
        for colour, _, outline in drawing.legend
    ]  # fmt: skip
    fig.legend(
        handles, [label for _, label, _ in drawing.legend], loc="upper left", frameon=False, fontsize=8,
        title=t("map.metric.count", source.lang), title_fontsize=8.5, alignment="left",
        bbox_to_anchor=((drawing.width_in + 0.15) / width_in, 1 - head_in / height_in),
    )  # fmt: skip
    for i, line in enumerate(notes):
        fig.text(
            0.012,
            (foot_in - 0.2 - 0.22 * i) / height_in,
            line,
            fontsize=6.8,
            color=MUTED,
            va="bottom",
        )
    return png_bytes(fig)


def _draw_areas(
    ax: Any,
    brief: MapSource,
    features: list[dict[str, Any]],
    counts: dict[str, int],
    classes: maps.Classes,
    box: Box,
) -> list[dict[str, Any]]:
    """Neighbours, areas by class, the region's outline, a chosen kecamatan's; returns the
    neighbours drawn."""
    view = brief.map_view
    ax.set_facecolor(SEA)
    context: list[dict[str, Any]] = []
    if view.parent is not None:  # neighbouring kab/kota (of other provinces too)
        context = _context(ax, 2, view.parent, box)
    nobody = 0 if counts else None  # an area missing from shown counts holds nobody
    fills = [classes.colour(counts.get(f["properties"]["code"], nobody)) for f in features]
    ax.add_collection(_patches(features, facecolor=fills, edgecolor="white", linewidth=0.6))
    if view.parent is not None:  # the region's own outline, over its parts
        outline = reference.boundaries(reference.boundary_level(view.level - 1)).get(view.parent)
        if outline:
            ax.add_collection(_patches([outline], facecolor="none", edgecolor=INK, linewidth=0.9))
    if view.selected:
        chosen = [f for f in features if f["properties"]["code"] == view.selected]
        ax.add_collection(_patches(chosen, facecolor="none", edgecolor=INK, linewidth=1.8))
    return context


def _context(ax: Any, level: int, parent: str, box: Box) -> list[dict[str, Any]]:
    """The region's neighbours in grey, for orientation; returns them (their names are placed
    after the areas' own)."""
    context = reference.features_in_box(reference.boundary_level(level), box)
    ax.add_collection(_patches(context, facecolor=LAND_CONTEXT, edgecolor=EDGE, linewidth=0.5))
    return [f for f in context if f["properties"]["code"] != parent]


def _labels(
    fig: Figure,
    ax: Any,
    features: list[dict[str, Any]],
    counts: dict[str, int],
    context: list[dict[str, Any]],
) -> list[str]:
    """Area names at their label points, areas with people first, then the neighbours' names
    in grey italics; a name that would overlap one already placed or leave the frame is left
    out (the table lists every area)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = []
    names: list[str] = []
    size = 6.8 if len(features) <= 20 else 5.8
    own = sorted(features, key=lambda f: -counts.get(f["properties"]["code"], 0))
    area_style = {"fontsize": size, "color": INK, "zorder": 5, "path_effects": HALO}
    context_style = {"fontsize": 6, "color": CONTEXT_LABEL, "style": "italic", "zorder": 3}
    for f, style in [
        *((f, area_style) for f in (own if len(own) <= 60 else [])),
        *((f, context_style) for f in context),
    ]:
        p = f["properties"]
        label = ax.text(p["lng"], p["lat"], labels.map_label(p["name"]), ha="center", va="center",
                        **style)  # fmt: skip
        extent = label.get_window_extent(renderer).expanded(1.05, 1.15)
        inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
        if not inside or any(extent.overlaps(other) for other in placed):
            label.remove()
        else:
            placed.append(extent)
            names.append(label.get_text())
    return names


def _nice_km(span_km: float) -> float:
    target = span_km / 5
    exp = 10 ** math.floor(math.log10(target))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target)


def _scale_bar(ax: Any, box: Box, lang: str) -> None:
    south, west, north, east = box
    km_per_degree = 111.32 * math.cos(math.radians((south + north) / 2))
    km = _nice_km((east - west) * km_per_degree)
    width = km / km_per_degree
    x0, y0 = west + (east - west) * 0.03, south + (north - south) * 0.04
    height = (north - south) * 0.012
    for i, colour in enumerate((INK, "white")):  # two half-length blocks
        ax.add_patch(Rectangle((x0 + i * width / 2, y0), width / 2, height, facecolor=colour,
                               edgecolor=INK, linewidth=0.6, zorder=6))  # fmt: skip
    ax.text(x0 + width + (east - west) * 0.01, y0 + height / 2, f"{fmt_int(km, lang)} km",
            fontsize=6.5, va="center", color=INK, zorder=6, path_effects=HALO)  # fmt: skip
