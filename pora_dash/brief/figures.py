"""The brief's map and trend chart, drawn on the server with matplotlib (Agg, no tiles).

Figures are built with the object API (`matplotlib.figure.Figure`), never pyplot: no global
state, so two briefs can be drawn at once in different threads. Colours are the app's: the
map's colour-blind-safe YlGnBu classes from `maps` (areas with nobody neutral, the first class
exactly "<5" so colour reveals no more than the label), the charts' Okabe–Ito palette.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import statistics
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before any figure: no display, no GUI toolkit

from babel.dates import format_date  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.dates import MonthLocator, date2num, num2date  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from pora_dash import maps, reference  # noqa: E402
from pora_dash.brief.content import Brief  # noqa: E402
from pora_dash.charts import OKABE_ITO  # noqa: E402
from pora_dash.i18n import fmt_date, fmt_int, t  # noqa: E402
from pora_dash.privacy import THRESHOLD  # noqa: E402

DPI = 200
WIDTH_IN = 7.1  # the PDF's text width
INK = "#1b1f24"
MUTED = "#5f6b76"
EDGE = "#b9c0c7"
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
Box = tuple[float, float, float, float]  # south, west, north, east
MOVETO, LINETO, CLOSEPOLY = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)

_LABEL_PREFIXES = (
    ("Kabupaten Administrasi ", ""),
    ("Kota Administrasi ", ""),
    ("Kabupaten ", "Kab. "),
)


def _figure(width_in: float, height_in: float) -> Figure:
    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)  # attaches itself: text extents can be measured before saving
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


# --- map ------------------------------------------------------------------------------------


def _path(geometry: dict[str, Any]) -> Path:
    """All rings of a (multi)polygon as one compound path (holes cut by the even-odd rule)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    vertices: list[list[float]] = []
    codes: list[int] = []
    for ring in (ring for polygon in polygons for ring in polygon if len(ring) >= 3):
        vertices.extend([*ring, ring[0]])
        codes.extend([MOVETO, *[LINETO] * (len(ring) - 1), CLOSEPOLY])
    return Path(vertices, codes)


def _patches(features: list[dict[str, Any]], **style: Any) -> PatchCollection:
    return PatchCollection([PathPatch(_path(f["geometry"])) for f in features], **style)


def map_label(name: str) -> str:
    """A name short enough for the map: 'Jakarta Utara', 'Kab. Tegal', 'Kota Tegal'."""
    name = name.strip()
    for long, short in _LABEL_PREFIXES:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def _centre(box: Box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def _view_box(level: str, features: list[dict[str, Any]], counts: dict[str, int]) -> Box:
    """Around the areas, leaving out empty outliers far from the rest (Kepulauan Seribu would
    otherwise turn Jakarta's map into sea): an area without people whose centre lies more than
    three times the median distance from the middle is not framed (it stays in the table)."""
    codes = [f["properties"]["code"] for f in features]
    boxes = {c: reference.bbox(level, [c]) for c in codes}
    centres = {c: _centre(b) for c, b in boxes.items() if b}
    if len(centres) >= 4:
        mid = (
            statistics.median(y for y, _ in centres.values()),
            statistics.median(x for _, x in centres.values()),
        )
        far = {c: math.dist(mid, p) for c, p in centres.items()}
        typical = statistics.median(far.values()) or 1e-9
        codes = [c for c in codes if far.get(c, 0) <= 3 * typical or counts.get(c, 0) > 0]
    south, west, north, east = reference.bbox(level, codes) or (-11.0, 95.0, 6.0, 141.0)
    pad_y, pad_x = (north - south) * 0.05, (east - west) * 0.05
    return (south - pad_y, west - pad_x, north + pad_y, east + pad_x)


def _fitted(box: Box, ratio: float, squash: float) -> Box:
    """`box` widened (or heightened) about its centre to the axes' width/height `ratio`."""
    south, west, north, east = box
    width, height = (east - west) * squash, north - south
    if width / height < ratio:
        grow = (height * ratio / squash - (east - west)) / 2
        return (south, west - grow, north, east + grow)
    grow = (width / ratio - height) / 2
    return (south - grow, west, north + grow, east)


def area_map(brief: Brief, *, width_in: float = WIDTH_IN) -> bytes:
    """Choropleth of the parts of the region (kecamatan in a kab/kota, ...) by active persons,
    with neighbouring areas as grey context, a legend and a scale bar; PNG bytes. The height
    follows the region's shape; a wide region gets its legend underneath instead of beside."""
    view, lang = brief.map_view, brief.lang
    level = reference.boundary_level(view.level)
    features = [
        f
        for f in reference.feature_collection(level, view.parent)["features"]
        if brief.scope.covers_part_of(f["properties"]["code"])
    ]
    counts = dict(zip(map(str, brief.areas["code"]), map(int, brief.areas["count"]), strict=True))
    classes = maps.make_classes(counts.values(), lambda v: fmt_int(v, lang), first_break=THRESHOLD)
    box = _view_box(level, features, counts)
    squash = math.cos(math.radians((box[0] + box[2]) / 2))
    shape = (box[2] - box[0]) / ((box[3] - box[1]) * squash)  # height / width on paper
    wide = shape < 0.55
    map_width = 1.0 if wide else 0.74
    legend_height = 0.55  # inches under a wide map
    height_in = min(5.0, max(2.6, width_in * map_width * shape))
    fig = _figure(width_in, height_in + (legend_height if wide else 0))
    map_height = height_in / (height_in + (legend_height if wide else 0))
    ax = fig.add_axes((0, 1 - map_height, map_width, map_height))
    box = _fitted(box, (width_in * map_width) / height_in, squash)
    _draw_areas(ax, brief, features, counts, classes, box)
    ax.set_xlim(box[1], box[3])
    ax.set_ylim(box[0], box[2])
    ax.set_aspect(1 / squash)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(EDGE)
    _labels(fig, ax, features, counts)
    _scale_bar(ax, box, lang)
    if wide:
        _legend_row(fig.add_axes((0, 0, 1, 1 - map_height - 0.02)), classes, brief)
    else:
        _legend_column(fig.add_axes((0.77, 0.08, 0.23, 0.84)), classes, brief)
    return _png(fig)


def _draw_areas(
    ax: Any,
    brief: Brief,
    features: list[dict[str, Any]],
    counts: dict[str, int],
    classes: maps.Classes,
    box: Box,
) -> None:
    view = brief.map_view
    ax.set_facecolor(maps.SEA)
    if view.parent is not None:  # neighbouring kab/kota (of other provinces too)
        _context(ax, 2, view.parent, box)
    fills = [classes.colour(counts.get(f["properties"]["code"])) for f in features]
    ax.add_collection(_patches(features, facecolor=fills, edgecolor="white", linewidth=0.6))
    if view.parent is not None:  # the region's own outline, over its parts
        outline = reference.boundaries(reference.boundary_level(view.level - 1)).get(view.parent)
        if outline:
            ax.add_collection(_patches([outline], facecolor="none", edgecolor=INK, linewidth=0.9))
    if view.selected:
        chosen = [f for f in features if f["properties"]["code"] == view.selected]
        ax.add_collection(_patches(chosen, facecolor="none", edgecolor=INK, linewidth=1.8))


def _context(ax: Any, level: int, parent: str, box: Box) -> None:
    """The region's neighbours in grey, with their names, for orientation."""
    context = reference.features_in_box(reference.boundary_level(level), box)
    ax.add_collection(_patches(context, facecolor=maps.LAND_CONTEXT, edgecolor=EDGE, linewidth=0.5))
    south, west, north, east = box
    for f in context:
        p = f["properties"]
        if p["code"] != parent and west < p["lng"] < east and south < p["lat"] < north:
            ax.text(p["lng"], p["lat"], map_label(p["name"]), fontsize=6, color="#8a939c",
                    ha="center", va="center", style="italic", zorder=3)  # fmt: skip


def _labels(fig: Figure, ax: Any, features: list[dict[str, Any]], counts: dict[str, int]) -> None:
    """Area names at their label points; areas with people first, and a name that would
    overlap one already placed is left out (the table lists every area)."""
    if len(features) > 60:
        return
    order = sorted(features, key=lambda f: -counts.get(f["properties"]["code"], 0))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = []
    size = 6.8 if len(features) <= 20 else 5.8
    for f in order:
        p = f["properties"]
        label = ax.text(p["lng"], p["lat"], map_label(p["name"]), fontsize=size, ha="center",
                        va="center", color=INK, zorder=5, path_effects=HALO)  # fmt: skip
        extent = label.get_window_extent(renderer).expanded(1.05, 1.15)
        inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
        if not inside or any(extent.overlaps(other) for other in placed):
            label.remove()
        else:
            placed.append(extent)


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


def _legend_rows(classes: maps.Classes, brief: Brief) -> list[tuple[str, str, float]]:
    """(fill, label, edge width) of each legend entry; edge width > 1 is an outline only."""
    rows = [(c, label, 0.5) for c, label in zip(classes.colours, classes.labels, strict=True)]
    rows.append((maps.NO_DATA, t("brief.map.nobody", brief.lang), 0.5))
    if brief.map_view.selected:
        rows.append(("none", brief.region_name, 1.6))
    return rows


def _legend_title(brief: Brief) -> tuple[str, str]:
    lang = brief.lang
    return t("brief.map.legend", lang), t("home.as_of", lang, date=fmt_date(brief.as_of, lang))


def _legend_column(ax: Any, classes: maps.Classes, brief: Brief) -> None:
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    title, date = _legend_title(brief)
    ax.text(0, 0.98, title, fontsize=8, weight="bold", va="top", color=INK)
    ax.text(0, 0.91, date, fontsize=7, va="top", color=MUTED)
    for i, (fill, label, edge) in enumerate(_legend_rows(classes, brief)):
        y = 0.79 - i * 0.085
        ax.add_patch(Rectangle((0, y - 0.025), 0.14, 0.05, facecolor=fill,
                               edgecolor=INK if edge > 1 else "#8a939c", linewidth=edge))  # fmt: skip
        ax.text(0.2, y, label, fontsize=7.5, va="center", color=INK)


def _legend_row(ax: Any, classes: maps.Classes, brief: Brief) -> None:
    """The legend in one line under a wide map, each entry placed after the measured width of
    the one before."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    renderer = ax.figure.canvas.get_renderer()
    to_axes = ax.transAxes.inverted()

    def right_edge(text: Any) -> float:
        return float(to_axes.transform(text.get_window_extent(renderer))[1][0])

    title, date = _legend_title(brief)
    x = right_edge(ax.text(0, 0.55, f"{title} · {date}", fontsize=7.5, weight="bold",
                           va="center", color=INK)) + 0.03  # fmt: skip
    for fill, label, edge in _legend_rows(classes, brief):
        ax.add_patch(Rectangle((x, 0.38), 0.02, 0.34, facecolor=fill,
                               edgecolor=INK if edge > 1 else "#8a939c", linewidth=edge))  # fmt: skip
        x = right_edge(ax.text(x + 0.027, 0.55, label, fontsize=7.5, va="center", color=INK))
        x += 0.025


# --- trend ----------------------------------------------------------------------------------


def _month_label(value: float, lang: str) -> str:
    day = num2date(value).date()
    return format_date(day, "MMM yy", locale="id_ID" if lang == "id" else "en_US")


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def trend_chart(
    brief: Brief, *, width_in: float = WIDTH_IN, height_in: float = 3.9
) -> bytes | None:
    """Active persons per month (line) over arrivals (up) and departures (down), with the
    brief's period, Pilkada voting days and campaign periods marked; None when the counts
    are too small to draw without singling anyone out."""
    lang, policy, frame = brief.lang, brief.policy, brief.trend
    active = [policy.value(int(v)) for v in frame["active"]]
    if all(v is None for v in active if v != 0) and frame["active"].sum() > 0:
        return None
    x = [date2num(m) + 14 for m in frame["month"]]  # mid-month
    low, high = date2num(frame["month"].iloc[0]), date2num(_month_end(frame["month"].iloc[-1])) + 1
    fig = _figure(width_in, height_in)
    top, bottom = fig.subplots(
        2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2], "hspace": 0.08}
    )
    number = FuncFormatter(lambda v, _pos: fmt_int(abs(v), lang))
    top.plot(x, [math.nan if v is None else v for v in active], color=OKABE_ITO[0], linewidth=2,
             marker="o", markersize=2.5, label=t("trend.active", lang))  # fmt: skip
    top.set_ylim(bottom=0)
    top.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    arrivals = [policy.value(int(v)) or 0 for v in frame["arrivals"]]
    departures = [policy.value(int(v)) or 0 for v in frame["departures"]]
    bottom.bar(x, arrivals, width=20, color=OKABE_ITO[2], label=t("trend.arrivals", lang))
    bottom.bar(x, [-v for v in departures], width=20, color=OKABE_ITO[1],
               label=t("trend.departures", lang))  # fmt: skip
    bottom.axhline(0, color=INK, linewidth=0.6)
    bottom.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    bottom.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    bottom.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _month_label(v, lang)))
    bottom.tick_params(axis="x", labelsize=7)
    period = Rectangle((0, 0), 1, 1, color="#fff4d6", label=t("brief.chart.period", lang))
    for ax in (top, bottom):
        start = max(low, date2num(brief.period.start))
        ax.axvspan(
            start, min(high, date2num(brief.period.end) + 1), color="#fff4d6", zorder=0, lw=0
        )
        ax.yaxis.set_major_formatter(number)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="y", color="#e3e7eb", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(low, high)
    _events(top, bottom, brief, low, high)
    top.set_ylabel(t("trend.active", lang), fontsize=7.5, color=MUTED)
    bottom.set_ylabel(t("trend.flows", lang), fontsize=7.5, color=MUTED)
    handles = [*top.get_legend_handles_labels()[0], *bottom.get_legend_handles_labels()[0], period]
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), fontsize=7, frameon=False,
               bbox_to_anchor=(0.5, 1.0))  # fmt: skip
    fig.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.09)
    return _png(fig)


def _events(top: Any, bottom: Any, brief: Brief, low: float, high: float) -> None:
    """Campaign periods as a hatched band; Pilkada voting days as labelled dashed rules."""
    for i, event in enumerate(brief.events.itertuples()):
        start, end = date2num(event.starts_on), date2num(event.ends_on) + 1
        if end < low or start > high:
            continue
        colour = OKABE_ITO[4] if event.kind == "campaign" else OKABE_ITO[3]
        for ax in (top, bottom):
            if event.kind == "campaign":
                ax.axvspan(max(start, low), min(end, high), facecolor="none", edgecolor=colour,
                           hatch="////", linewidth=0, alpha=0.35, zorder=0)  # fmt: skip
            else:
                ax.axvline(start, color=colour, linestyle="--", linewidth=1)
        at = max(start, low)
        right_half = (at - low) / (high - low) > 0.6
        top.annotate(
            event.name,
            xy=(at, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-3 if right_half else 3, -3 - 9 * (i % 2)),
            textcoords="offset points",
            ha="right" if right_half else "left",
            fontsize=6.3,
            color=colour,
            va="top",
            path_effects=HALO,
        )
