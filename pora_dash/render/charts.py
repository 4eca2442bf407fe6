"""Chart builders (Altair/Vega-Lite, rendered by Streamlit itself: no CDN).

Colour-blind-safe (Okabe–Ito), numbers in the viewer's language, calendar events drawn as
labelled rules on every time chart.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import altair as alt
import pandas as pd

from pora_dash.i18n import MINUS, fmt_date, t
from pora_dash.render.palette import OKABE_ITO, SEVERITY_COLOURS
from pora_dash.store.models import INCIDENT_KINDS

MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


TREND_LABELS = ("active", "arrivals", "departures", "flows", "month")  # keys trend.<k>
SMALL_BAR = 5  # the length of an outlined "<5" bar: the most it can be


def number_axis(title: str, lang: str) -> alt.Axis:
    return alt.Axis(title=title, labelExpr=count_label("datum.value", lang))


def month_axis(lang: str) -> alt.Axis:
    names = "[" + ",".join(f"'{m}'" for m in MONTHS[lang]) + "]"
    return alt.Axis(
        title=None,
        labelExpr=f"{names}[month(datum.value)] + ' ' + year(datum.value)",
        tickCount="month",
        labelAngle=0,
        labelOverlap=True,
    )


def event_rules(events: pd.DataFrame, lang: str, start: Any, end: Any) -> Any:
    """Vertical rules for calendar events inside the chart's range."""
    if events.empty:
        return None
    inside = events[(events["ends_on"] >= start) & (events["starts_on"] <= end)].copy()
    if inside.empty:
        return None
    inside["date"] = pd.to_datetime(inside["starts_on"])
    inside["end"] = pd.to_datetime(inside["ends_on"])
    inside["when"] = [fmt_date(d, lang) for d in inside["starts_on"]]
    tooltip = [alt.Tooltip("name:N", title=""), alt.Tooltip("when:N", title="")]
    layers: list[alt.Chart] = []
    periods = inside[inside["kind"] == "campaign"]
    if not periods.empty:  # campaign periods as a shaded band
        layers.append(
            alt.Chart(periods)
            .mark_rect(color=OKABE_ITO[4], opacity=0.12)
            .encode(x="date:T", x2="end:T", tooltip=tooltip)
        )
    days = inside[inside["kind"].isin(["pilkada", "other"])].reset_index(drop=True)
    if not days.empty:  # single days as labelled rules, labels staggered so none overlap
        days["label_y"] = [10 + 16 * (i % 4) for i in range(len(days))]
        base = alt.Chart(days)
        layers.append(
            base.mark_rule(color=OKABE_ITO[3], strokeDash=[4, 3], strokeWidth=1.5).encode(
                x="date:T", tooltip=tooltip
            )
        )
        layers.extend(_event_names(days, pd.to_datetime(start), pd.to_datetime(end)))
    return alt.layer(*layers) if layers else None


def _event_names(days: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[Any]:
    """The events' names beside their rules: right of the rule, or left of it in the last
    fifth of the range (there a name ran off the chart's right edge), each over a white halo
    so it stays legible where another event's rule runs through it."""
    span = (end - start) or pd.Timedelta(days=1)
    late = (days["date"] - start) / span > 0.8
    where: dict[str, Any] = {"x": "date:T", "y": alt.Y("label_y:Q", scale=None), "text": "name:N"}
    names: list[Any] = []
    for part, align, dx in ((days[~late], "left", 4), (days[late], "right", -4)):
        if part.empty:
            continue
        text: dict[str, Any] = {"align": align, "dx": dx, "fontSize": 12, "baseline": "middle"}
        base = alt.Chart(part)
        names.append(
            base.mark_text(
                **text, color="#ffffff", stroke="#ffffff", strokeWidth=4, strokeJoin="round"
            ).encode(**where)
        )
        names.append(base.mark_text(**text, color=OKABE_ITO[3]).encode(**where))
    return names


def trend(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    lang: str,
    title: str,
    labels: dict[str, str] | None = None,
) -> tuple[alt.TopLevelMixin, alt.TopLevelMixin]:
    """Active population (line), and monthly arrivals (up) and departures (down) as bars.

    `frame` is a protected trend (`present.trend.protect`): published counts, None for "<5".
    A "<5" month leaves a gap in the line and an outlined bar of unknown length (up to 5)
    with its label; the tooltips show the counts as published. Returns the two charts to draw
    one under the other."""
    if labels is None:
        labels = {k: t(f"trend.{k}", lang) for k in TREND_LABELS}
    data = frame.copy()
    data["date"] = pd.to_datetime(data["month"])
    data["month_txt"] = [f"{MONTHS[lang][d.month - 1]} {d.year}" for d in data["date"]]
    data["active"] = pd.Series([v if v is not None else None for v in data["active"]], dtype=float)
    tooltip = [
        alt.Tooltip("month_txt:N", title=labels["month"]),
        alt.Tooltip("active_txt:N", title=labels["active"]),
        alt.Tooltip("arrivals_txt:N", title=labels["arrivals"]),
        alt.Tooltip("departures_txt:N", title=labels["departures"]),
    ]
    # both charts on one time axis: the same domain, and y axes of the same width
    start = data["date"].min() - pd.Timedelta(days=16)
    end = data["date"].max() + pd.Timedelta(days=16)
    time = alt.Scale(domain=[start.isoformat(), end.isoformat()])
    base = alt.Chart(data).encode(x=alt.X("date:T", axis=month_axis(lang), scale=time))
    line = base.mark_line(color=OKABE_ITO[0], strokeWidth=3, point=True).encode(
        # headroom above the line for the events' names (they stay clear of the data)
        y=alt.Y(
            "active:Q",
            axis=number_axis(labels["active"], lang),
            scale=alt.Scale(zero=True, domainMax=_headroom(data["active"])),
        ),
        tooltip=tooltip,
    )
    flows = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": data["date"],
                    "month_txt": data["month_txt"],
                    "flow_label": labels[flow],
                    "n_txt": data[f"{flow}_txt"],
                    "small": [v is None for v in data[flow]],
                    "signed": [sign * (SMALL_BAR if v is None else v) for v in data[flow]],
                }
            )
            for flow, sign in (("arrivals", 1), ("departures", -1))
        ],
        ignore_index=True,
    )
    colours = alt.Color(
        "flow_label:N",
        scale=alt.Scale(
            domain=[labels["arrivals"], labels["departures"]], range=[OKABE_ITO[2], OKABE_ITO[1]]
        ),
        legend=alt.Legend(title=None, orient="top", direction="horizontal"),
    )
    flow_tooltip = [
        alt.Tooltip("month_txt:N", title=labels["month"]),
        alt.Tooltip("flow_label:N", title=""),
        alt.Tooltip("n_txt:N", title=""),
    ]
    ticks = _flow_ticks(flows["signed"])
    flow_base = alt.Chart(flows).encode(
        x=alt.X("date:T", axis=month_axis(lang), scale=time),
        y=alt.Y(
            "signed:Q",
            axis=alt.Axis(title=labels["flows"], values=ticks, labelExpr=signed_label(lang)),
            scale=alt.Scale(domain=[ticks[0], ticks[-1]]) if len(ticks) > 1 else alt.Scale(),
        ),
        tooltip=flow_tooltip,
    )
    known = flow_base.transform_filter("!datum.small").mark_bar(opacity=0.9).encode(color=colours)
    small = (  # "<5": an outlined bar of unknown length, never a zero
        flow_base.transform_filter("datum.small")
        .mark_bar(filled=False, strokeDash=[3, 2], strokeWidth=1.5)
        .encode(stroke=colours)
    )
    top: Any = line
    rules = event_rules(events, lang, frame["month"].min(), frame["month"].max())
    if rules is not None:
        top = alt.layer(rules, line)
    style: dict[str, Any] = {"labelFontSize": 13, "titleFontSize": 13}
    return (
        top.properties(height=280, title=title)
        .configure_axis(**style)
        .configure_axisY(minExtent=Y_AXIS_PX),
        alt.layer(known, small)
        .properties(height=190)
        .configure_axis(**style)
        .configure_axisY(minExtent=Y_AXIS_PX),
    )


def _headroom(values: pd.Series) -> float | alt.UndefinedType:
    """The top of the active-persons axis: a third above the largest value."""
    top = values.max()
    return alt.Undefined if pd.isna(top) or top <= 0 else float(top) * 1.45


def _flow_ticks(signed: pd.Series) -> list[int]:
    """Three ticks for arrivals up and departures down: the largest of each, rounded to a
    readable step, and 0 between them.

    >>> _flow_ticks(pd.Series([12, -33, 4]))
    [-40, 0, 20]
    """
    ticks = [0]
    low, high = signed.min(), signed.max()
    if pd.notna(low) and low < 0:
        ticks.insert(0, -_step_up(-low))
    if pd.notna(high) and high > 0:
        ticks.append(_step_up(high))
    return ticks


def _step_up(x: float) -> int:
    """Up to one significant digit (12 -> 20, 33 -> 40, 620 -> 700, 5 -> 5)."""
    power = 10 ** (len(str(int(x))) - 1)
    return int(math.ceil(x / power) * power)


Y_AXIS_PX = 58  # room for "12.000" and the axis title: stacked charts line up


def signed_label(lang: str) -> str:
    """Arrivals up, departures down: '200' above zero, '−200' below (the typographic minus,
    as `i18n.fmt_signed` writes a difference), with the thousands separator; the same size on
    both sides of zero never reads as the same number."""
    return f"(datum.value < 0 ? '{MINUS}' : '') + {count_label('abs(datum.value)', lang)}"


def count_label(value: str, lang: str) -> str:
    """A Vega expression writing the whole number `value` with the language's thousands
    separator ('12.295' in Indonesian, '12,295' in English)."""
    sep = "." if lang == "id" else ","
    return f"replace(format({value}, ',d'), regexp(',', 'g'), '{sep}')"


def meeting_calendar(frame: pd.DataFrame, lang: str, title: str, level_title: str) -> alt.Chart:
    """Meetings as dots on a time line, one row per office, coloured by level. `frame` has
    date (datetime), office, level_label, title and when (the date as text)."""
    return (
        alt.Chart(frame)
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=alt.X("date:T", axis=month_axis(lang)),
            y=alt.Y("office:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "level_label:N", title=level_title, scale=alt.Scale(range=list(OKABE_ITO))
            ),
            tooltip=[alt.Tooltip("title:N", title=""), alt.Tooltip("when:N", title="")],
        )
        .properties(height=max(160, 26 * frame["office"].nunique()), title=title)
    )


def incident_timeline(
    data: pd.DataFrame,
    events: pd.DataFrame,
    *,
    start: dt.date,
    today: dt.date,
    lang: str,
    place: str,
) -> alt.LayerChart:
    """Incidents as circles by type and date, coloured by severity and sized by the people
    as shown (`size`: "<5" and "–" the smallest), over the calendar events' rules. `data` has
    when, kind_txt, severity_txt, size, date_txt, area and people_txt."""
    order = [t(f"severity.{s}", lang) for s in (1, 2, 3)]
    points = (
        alt.Chart(data)
        .mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "when:T",
                axis=month_axis(lang),
                scale=alt.Scale(domain=[start.isoformat(), today.isoformat()]),
            ),
            y=alt.Y(
                "kind_txt:N",
                title=None,
                sort=[t(f"incident.{k}", lang) for k in INCIDENT_KINDS],
                axis=alt.Axis(labelLimit=260),
            ),
            color=alt.Color(
                "severity_txt:N",
                title=t("stability.severity", lang),
                scale=alt.Scale(domain=order, range=list(SEVERITY_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            size=alt.Size(
                "size:Q",
                title=t("stability.people_short", lang),
                scale=alt.Scale(range=[60, 600]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("date_txt:N", title=t("col.date", lang)),
                alt.Tooltip("kind_txt:N", title=t("stability.kind", lang)),
                alt.Tooltip("severity_txt:N", title=t("stability.severity", lang)),
                alt.Tooltip("area:N", title=t("col.region", lang)),
                alt.Tooltip("people_txt:N", title=t("stability.people_short", lang)),
            ],
        )
    )
    layers: list = [points]
    rules = event_rules(events, lang, start, today)
    if rules is not None:
        layers.insert(0, rules)
    return (
        alt.layer(*layers)
        .properties(height=300, title=t("stability.timeline", lang, place=place))
        .configure_axis(labelFontSize=13, titleFontSize=13)
    )


def operations_by_kind(by_kind: pd.DataFrame, lang: str) -> alt.Chart:
    """Field operations of the period by kind (`label`, `n`), largest first."""
    return (
        alt.Chart(by_kind)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X("n:Q", axis=number_axis(t("stability.operations", lang), lang)),
            y=alt.Y("label:N", title=None, sort="-x"),
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("n:Q", title="")],
        )
        .properties(height=40 * len(by_kind) + 40)
    )
