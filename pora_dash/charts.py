"""Chart builders (Altair/Vega-Lite, rendered by Streamlit itself: no CDN).

Colour-blind-safe (Okabe–Ito), numbers in the viewer's language, calendar events drawn as
labelled rules on every time chart.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from pora_dash.i18n import fmt_date, t
from pora_dash.privacy import Policy

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


TREND_LABELS = ("active", "arrivals", "departures", "flows", "month")  # keys trend.<k>


def number_axis(title: str, lang: str) -> alt.Axis:
    sep = "." if lang == "id" else ","
    return alt.Axis(
        title=title, labelExpr=f"replace(format(datum.value, ',d'), regexp(',', 'g'), '{sep}')"
    )


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
        layers.append(
            base.mark_text(
                align="left", dx=4, color=OKABE_ITO[3], fontSize=12, baseline="middle"
            ).encode(x="date:T", y=alt.Y("label_y:Q", scale=None), text="name:N")
        )
    return alt.layer(*layers) if layers else None


def trend(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    lang: str,
    title: str,
    policy: Policy,
    labels: dict[str, str] | None = None,
) -> tuple[alt.TopLevelMixin, alt.TopLevelMixin]:
    """Active population (line), and monthly arrivals (up) and departures (down) as bars.

    Returns the two charts to draw one under the other. Counts the policy suppresses are left
    out of the marks and shown as "<5" in tooltips."""
    if labels is None:
        labels = {k: t(f"trend.{k}", lang) for k in TREND_LABELS}
    data = frame.copy()
    data["date"] = pd.to_datetime(data["month"])
    data["active_txt"] = [policy.count(v) for v in data["active"]]
    data["arr_txt"] = [policy.count(v) for v in data["arrivals"]]
    data["dep_txt"] = [policy.count(v) for v in data["departures"]]
    for column in ("active", "arrivals", "departures"):
        data[column] = [policy.value(int(v)) for v in data[column]]
    data["month_txt"] = [f"{MONTHS[lang][d.month - 1]} {d.year}" for d in data["date"]]
    tooltip = [
        alt.Tooltip("month_txt:N", title=labels["month"]),
        alt.Tooltip("active_txt:N", title=labels["active"]),
        alt.Tooltip("arr_txt:N", title=labels["arrivals"]),
        alt.Tooltip("dep_txt:N", title=labels["departures"]),
    ]
    base = alt.Chart(data).encode(x=alt.X("date:T", axis=month_axis(lang)))
    line = base.mark_line(color=OKABE_ITO[0], strokeWidth=3, point=True).encode(
        y=alt.Y("active:Q", axis=number_axis(labels["active"], lang), scale=alt.Scale(zero=True)),
        tooltip=tooltip,
    )
    flows = data.melt(
        id_vars=["date", "month_txt"],
        value_vars=["arrivals", "departures"],
        var_name="flow",
        value_name="n",
    )
    flows["flow_label"] = flows["flow"].map(labels)
    flows["n_txt"] = [policy.count(v) if v == v else "<5" for v in flows["n"]]
    flows["signed"] = flows["n"].where(flows["flow"] == "arrivals", -flows["n"])
    bars = (
        alt.Chart(flows)
        .mark_bar(opacity=0.9)
        .encode(
            x=alt.X("date:T", axis=month_axis(lang)),
            y=alt.Y("signed:Q", axis=number_axis(labels["flows"], lang)),
            color=alt.Color(
                "flow_label:N",
                scale=alt.Scale(range=[OKABE_ITO[2], OKABE_ITO[1]]),
                legend=alt.Legend(title=None, orient="top", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("month_txt:N", title=labels["month"]),
                alt.Tooltip("flow_label:N", title=""),
                alt.Tooltip("n_txt:N", title=""),
            ],
        )
    )
    top: Any = line
    rules = event_rules(events, lang, frame["month"].min(), frame["month"].max())
    if rules is not None:
        top = alt.layer(rules, line)
    style: dict[str, Any] = {"labelFontSize": 13, "titleFontSize": 13}
    return (
        top.properties(height=280, title=title).configure_axis(**style),
        bars.properties(height=190).configure_axis(**style),
    )
