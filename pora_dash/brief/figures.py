"""The brief's map and trend chart, drawn on the server with matplotlib (Agg, no tiles).

Figures are built with the object API (`matplotlib.figure.Figure`), never pyplot: no global
state, so two briefs can be drawn at once in different threads. Colours are the app's: the
map's colour-blind-safe YlGnBu classes from `maps` (areas with nobody neutral, the first class
exactly "<5" so colour reveals no more than the label), the charts' Okabe–Ito palette.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before any figure: no display, no GUI toolkit

from babel.dates import format_date  # noqa: E402
from matplotlib.dates import MonthLocator, date2num, num2date  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from pora_dash.brief.content import Brief  # noqa: E402
from pora_dash.i18n import fmt_int, t  # noqa: E402
from pora_dash.present import trend as present_trend  # noqa: E402
from pora_dash.render.charts import OKABE_ITO, SMALL_BAR  # noqa: E402
from pora_dash.render.map_image import HALO, INK, MUTED, WIDTH_IN, new_figure, png_bytes  # noqa: E402
from pora_dash.render.palette import GRID, PERIOD_FILL

# --- map ------------------------------------------------------------------------------------


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
    lang = brief.lang
    shown = present_trend.protect(brief.trend, brief.policy)
    if not shown.ok:
        return None
    frame = shown.frame
    active = list(frame["active"])
    x = [date2num(m) + 14 for m in frame["month"]]  # mid-month
    low, high = date2num(frame["month"].iloc[0]), date2num(_month_end(frame["month"].iloc[-1])) + 1
    fig = new_figure(width_in, height_in)
    top, bottom = fig.subplots(
        2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2], "hspace": 0.08}
    )
    number = FuncFormatter(lambda v, _pos: fmt_int(abs(v), lang))
    top.plot(x, [math.nan if v is None else v for v in active], color=OKABE_ITO[0], linewidth=2,
             marker="o", markersize=2.5, label=t("trend.active", lang))  # fmt: skip
    drawn = [v for v in active if v is not None]
    top.set_ylim(0, max(max(drawn, default=0), 5) * 1.4)  # headroom for the event labels
    top.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    for series, sign, colour in (("arrivals", 1, OKABE_ITO[2]), ("departures", -1, OKABE_ITO[1])):
        values = list(frame[series])
        known = [sign * (v or 0) for v in values]
        bottom.bar(x, known, width=20, color=colour, label=t(f"trend.{series}", lang))
        small = [i for i, v in enumerate(values) if v is None]  # "<5": hatched, length unknown
        bottom.bar([x[i] for i in small], [sign * SMALL_BAR for _ in small], width=20,
                   facecolor="none", edgecolor=colour, hatch="////", linewidth=0.6)  # fmt: skip
    bottom.axhline(0, color=INK, linewidth=0.6)
    bottom.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    bottom.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    bottom.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _month_label(v, lang)))
    bottom.tick_params(axis="x", labelsize=7)
    period = Rectangle((0, 0), 1, 1, color=PERIOD_FILL, label=t("brief.chart.period", lang))
    for ax in (top, bottom):
        start = max(low, date2num(brief.period.start))
        ax.axvspan(
            start, min(high, date2num(brief.period.end) + 1), color=PERIOD_FILL, zorder=0, lw=0
        )
        ax.yaxis.set_major_formatter(number)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
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
    return png_bytes(fig)


def _events(top: Any, bottom: Any, brief: Brief, low: float, high: float) -> None:
    """Campaign periods as a hatched band; Pilkada voting days as labelled dashed rules."""
    drawn = 0
    for event in brief.events.itertuples():
        start, end = date2num(event.starts_on), date2num(event.ends_on) + 1
        if end < low or start > high:
            continue
        row, drawn = drawn % 3, drawn + 1  # labels on three staggered lines
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
            xytext=(-3 if right_half else 3, -3 - 8.5 * row),
            textcoords="offset points",
            ha="right" if right_half else "left",
            fontsize=6.3,
            color=colour,
            va="top",
            path_effects=HALO,
        )
