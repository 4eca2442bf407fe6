"""The charts of grouped counts (the "Asal & status" page and the slides): bars, a population
pyramid, lines and flows over time.

Nothing here reads the database or Streamlit, nor decides what an audience may see: the data
comes in as published counts (`present.tables.chart_data`), where None is a count shown as
"<5", drawn as an outlined bar of unknown length (up to 5) with its label, never as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from pora_dash.present.tables import TOTAL
from pora_dash.render.charts import OKABE_ITO, count_label, event_rules, month_axis, signed_label
from pora_dash.render.palette import GREY, TEXT, ink_on

STATUS_COLOURS = {
    "refugee": OKABE_ITO[0],
    "asylum_seeker": OKABE_ITO[1],
    "registered_pending": OKABE_ITO[2],
    "not_registered": OKABE_ITO[3],
    "rejected": OKABE_ITO[4],
}
SEX_COLOURS = {"M": OKABE_ITO[0], "F": OKABE_ITO[1]}
FLOW_COLOURS = {
    "arrivals": OKABE_ITO[2],
    "resettled": OKABE_ITO[0],
    "voluntary_return": OKABE_ITO[5],
    "moved": OKABE_ITO[1],
    "deceased": OKABE_ITO[7],
    "unknown": OKABE_ITO[4],
}
# Streamlit fits a chart into its height: title, subtitle, legend and axes take this much of it
FRAME_HEIGHT = 150
ROW_HEIGHT = 34  # per bar of a horizontal bar chart: room for a 14px label on a projector
LEGEND = alt.Legend(title=None, orient="top", labelLimit=400)
# A legend of five or six long names over a full-width time chart: a Vega legend on one row
# does not wrap, and at 1280 px 'Ditolak / ditutup' ran off the chart. Three a row.
LEGEND_ROWS = alt.Legend(title=None, orient="top", labelLimit=400, columns=3)
AXIS_STYLE: dict[str, Any] = {"labelFontSize": 14, "titleFontSize": 14}
TITLE_STYLE: dict[str, Any] = {"fontSize": 17, "anchor": "start"}


# --- charts --------------------------------------------------------------------------------


def _count_axis(
    title: str | None, lang: str, *, absolute: bool = False, signed: bool = False
) -> alt.Axis:
    """`absolute`: two sides of one count (a pyramid's men and women), both as sizes;
    `signed`: arrivals up and departures down, labelled '200' and '−200'."""
    value = "abs(datum.value)" if absolute else "datum.value"
    return alt.Axis(
        title=title,
        labelExpr=signed_label(lang) if signed else count_label(value, lang),
        tickMinStep=1,  # counts: no 0,5 ticks shown as duplicate whole numbers
        grid=True,
    )


SMALL_BAR = 5  # a "<5" count is drawn as an outlined bar this long: the most it can be


def _num(value: Any) -> int | None:
    """A published count to draw, or None for "<5" (None or NaN)."""
    return None if value is None or value != value else int(value)


def _drawn(values: Sequence[Any]) -> tuple[list[int], list[bool]]:
    """The length to draw each count with, and which are "<5" (outlined, unknown length)."""
    counts = [_num(v) for v in values]
    return [SMALL_BAR if n is None else n for n in counts], [n is None for n in counts]


def _marked(mark: Any) -> Any:
    """A bar mark whose "<5" bars are outlined and dashed: a length not known, not a zero."""
    return mark.encode(
        fillOpacity=alt.condition("datum.small", alt.value(0.12), alt.value(1.0)),
        strokeDash=alt.condition("datum.small", alt.value([4, 3]), alt.value([1, 0])),
        strokeWidth=alt.condition("datum.small", alt.value(1.5), alt.value(0)),
    )


def _finish(chart: Any, title: str | alt.TitleParams) -> Any:
    return (
        chart.properties(title=title)
        .configure_axis(**AXIS_STYLE)
        .configure_legend(labelFontSize=14, titleFontSize=14)
        .configure_title(**TITLE_STYLE)
        .configure_view(strokeWidth=0)
    )


# a bar at least this share of the longest has its count written inside it
INSIDE = 0.55


def bars(
    labels: Sequence[str],
    values: Sequence[int | None],
    texts: Sequence[str],
    *,
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
    colours: Sequence[str] | None = None,
) -> Any:
    """Horizontal bars with their count written at the end (inside the longest bars, which
    leave no room beside them in a narrow column); a None value ("<5") is an outlined bar of
    unknown length with its text."""
    drawn, small = _drawn(values)
    fills = list(colours) if colours else [OKABE_ITO[0]] * len(labels)
    top = max(drawn or [0])
    data = pd.DataFrame(
        {
            "label": list(labels),
            "value": drawn,
            "small": small,
            "text": list(texts),
            "colour": fills,
            "inside": [not s and n >= INSIDE * top for n, s in zip(drawn, small, strict=True)],
            "ink": [ink_on(f) for f in fills],
        }
    )
    y = alt.Y("label:N", sort=list(labels), title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("label:N", title=""), alt.Tooltip("text:N", title=axis_title)]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    scale = alt.Scale(domain=[0, top * 1.12]) if top else alt.Scale()  # room for the labels
    bar = _marked(
        base.mark_bar(cornerRadiusEnd=2).encode(
            x=alt.X("value:Q", axis=_count_axis(axis_title, lang), scale=scale),
            color=alt.Color("colour:N", scale=None),
            stroke=alt.Color("colour:N", scale=None),
        )
    )
    beside = (
        base.transform_filter("!datum.inside")
        .mark_text(align="left", dx=4, fontSize=14, color=TEXT)
        .encode(x="value:Q", text="text:N")
    )
    within = (
        base.transform_filter("datum.inside")
        .mark_text(align="right", dx=-4, fontSize=14)
        .encode(x="value:Q", text="text:N", color=alt.Color("ink:N", scale=None))
    )
    height = FRAME_HEIGHT + ROW_HEIGHT * max(3, len(data))
    return _finish(alt.layer(bar, beside, within).properties(height=height), title)


def pyramid(
    frame: pd.DataFrame,
    *,
    bands: Sequence[str],
    band_labels: dict[str, str],
    sex_labels: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """A population pyramid: males to the left, females to the right, oldest band on top.

    `frame`: band, sex, value (published; None for "<5": an outlined bar of unknown length),
    text (the count as shown)."""
    data = frame.copy()
    drawn, small = _drawn(list(data["value"]))
    data["x"] = [-n if s == "M" else n for n, s in zip(drawn, data["sex"], strict=True)]
    data["small"] = small
    data["band_label"] = data["band"].map(band_labels)
    data["sex_label"] = data["sex"].map(sex_labels)
    order = [band_labels[b] for b in reversed(bands)]
    y = alt.Y("band_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=120))
    tooltip = [
        alt.Tooltip("band_label:N", title=""),
        alt.Tooltip("sex_label:N", title=""),
        alt.Tooltip("text:N", title=axis_title),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    colours = alt.Scale(
        domain=[sex_labels["M"], sex_labels["F"]], range=[SEX_COLOURS["M"], SEX_COLOURS["F"]]
    )
    reach = max([abs(n) for n in drawn] or [1]) * 1.15  # labels fit
    bar = _marked(
        base.mark_bar().encode(
            x=alt.X(
                "x:Q",
                axis=_count_axis(axis_title, lang, absolute=True),
                scale=alt.Scale(domain=[-reach, reach], nice=False),
            ),
            color=alt.Color("sex_label:N", scale=colours, legend=LEGEND),
            stroke=alt.Color("sex_label:N", scale=colours, legend=None),
        )
    )
    left = (
        base.transform_filter("datum.sex == 'M'")
        .mark_text(align="right", dx=-4, fontSize=13, color=TEXT)
        .encode(x="x:Q", text="text:N")
    )
    right = (
        base.transform_filter("datum.sex == 'F'")
        .mark_text(align="left", dx=4, fontSize=13, color=TEXT)
        .encode(x="x:Q", text="text:N")
    )
    return _finish(
        alt.layer(bar, left, right).properties(height=FRAME_HEIGHT + ROW_HEIGHT * len(bands)), title
    )


def lines(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    colours: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """One line per group over the months, with the calendar events.

    `frame`: month, label (the group's name), value (None where suppressed: a gap), text."""
    data = frame.copy()
    data["date"] = pd.to_datetime(data["month"])
    labels = list(dict.fromkeys(data["label"]))
    scale = alt.Scale(domain=labels, range=[colours.get(x, GREY) for x in labels])
    top = max([v for v in data["value"] if v is not None] or [0])
    # room above the lines for the events' labels
    headroom = alt.Scale(domain=[0, top * 1.3]) if top else alt.Scale()
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=30))
        .encode(
            x=alt.X("date:T", axis=month_axis(lang)),
            y=alt.Y("value:Q", axis=_count_axis(axis_title, lang), scale=headroom),
            color=alt.Color("label:N", scale=scale, legend=LEGEND_ROWS),
            tooltip=[
                alt.Tooltip("date:T", title="", format="%m/%Y"),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
    )
    rules = event_rules(events, lang, frame["month"].min(), frame["month"].max())
    chart = line if rules is None else alt.layer(rules, line)
    return _finish(chart.properties(height=FRAME_HEIGHT + 300), title)


def flows(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    yearly: bool,
    colours: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """Arrivals up and departures (stacked by reason) down, per month or per year.

    `frame`: period, series (code; "__total__" rows carry the departures' total, used as the
    year's label only), label, value (published; None for "<5": an outlined segment of
    unknown length), text. Years carry their totals as labels; months have tooltips."""
    data = frame.copy()
    data["date"] = pd.to_datetime(data["period"])
    totals = data[data["series"] == TOTAL]
    data = data[data["series"] != TOTAL].reset_index(drop=True)
    drawn, small = _drawn(list(data["value"]))
    data["small"] = small
    data["signed"] = [
        n if s == "arrivals" else -n for n, s in zip(drawn, data["series"], strict=True)
    ]
    labels = list(dict.fromkeys(data["label"]))
    codes = list(dict.fromkeys(data["series"]))
    scale = alt.Scale(domain=labels, range=[colours.get(c, GREY) for c in codes])
    x = (
        alt.X("year(date):O", title=None, axis=alt.Axis(labelAngle=0))
        if yearly
        else alt.X("yearmonth(date):T", axis=month_axis(lang))
    )
    per_period = (
        data.assign(
            up=[max(v, 0) for v in data["signed"]], down=[max(-v, 0) for v in data["signed"]]
        )
        .groupby("date")[["up", "down"]]
        .sum()
    )
    # room above the bars for the events' labels
    domain = [-per_period["down"].max() * 1.1, max(per_period["up"].max() * 1.35, 1)]
    bar = _marked(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "sum(signed):Q",
                axis=_count_axis(axis_title, lang, signed=True),
                scale=alt.Scale(domain=domain),
            ),
            color=alt.Color("label:N", scale=scale, sort=labels, legend=LEGEND_ROWS),
            stroke=alt.Color("label:N", scale=scale, legend=None),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("date:T", title="", format="%Y" if yearly else "%m/%Y"),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
        .transform_calculate(order=f"indexof({codes!r}, datum.series)")
    )
    layers: list[Any] = [bar]
    if yearly:
        layers += _year_totals(data, totals, x, per_period)
    else:
        rules = event_rules(events, lang, frame["period"].min(), frame["period"].max())
        if rules is not None:
            layers.insert(0, rules)
    return _finish(alt.layer(*layers).properties(height=FRAME_HEIGHT + 300), title)


def _year_totals(
    data: pd.DataFrame, totals: pd.DataFrame, x: Any, per_period: pd.DataFrame
) -> list[Any]:
    """Labels above the arrivals and below the departures of each year: the published
    arrivals and the published total of departures (never a sum of rounded parts)."""
    rows = []
    for date, group in data.groupby("date"):
        arrived = group[group["series"] == "arrivals"]
        if len(arrived):
            rows.append(
                {
                    "date": date,
                    "y": per_period.loc[date, "up"],
                    "text": arrived["text"].iloc[0],
                    "up": True,
                }
            )
        total = totals[totals["date"] == date]
        if len(total):
            rows.append(
                {
                    "date": date,
                    "y": -per_period.loc[date, "down"],
                    "text": total["text"].iloc[0],
                    "up": False,
                }
            )
    if not rows:
        return []
    labels = pd.DataFrame(rows)
    return [
        alt.Chart(labels[labels["up"] == up])
        .mark_text(fontSize=13, color=TEXT, baseline="bottom" if up else "top", dy=-3 if up else 3)
        .encode(x=x, y="y:Q", text="text:N")
        for up in (True, False)
        if (labels["up"] == up).any()
    ]
