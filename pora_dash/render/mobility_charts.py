"""The monthly moves chart: each month's published total as a bar (a "<5" month as an outlined
bar of length 5, the most it can be), its directions in the tooltip, over the calendar events."""

from __future__ import annotations

import altair as alt
import pandas as pd

from pora_dash.present.disclosure import text
from pora_dash.present.tables import TOTAL, Protected
from pora_dash.render.charts import MONTHS, SMALL_BAR, event_rules, month_axis, number_axis
from pora_dash.render.palette import OKABE_ITO

DIRECTIONS = ("inward", "outward", "within")


def monthly(
    table: Protected, events: pd.DataFrame, *, lang: str, labels: dict[str, str]
) -> alt.LayerChart:
    """`table`: present.mobility.protect_monthly's months × directions with TOTAL."""
    values = table.values.drop(index=TOTAL, errors="ignore")
    data = pd.DataFrame({"month": list(values.index)})
    data["date"] = pd.to_datetime(data["month"])
    data["month_txt"] = [f"{MONTHS[lang][d.month - 1]} {d.year}" for d in data["date"]]
    totals = list(values[TOTAL])
    data["small"] = [v is None for v in totals]
    data["value"] = [SMALL_BAR if v is None else int(v) for v in totals]
    data["total_txt"] = [text(v, lang) for v in totals]
    for d in DIRECTIONS:
        data[f"{d}_txt"] = [text(v, lang) for v in values[d]]
    tooltip = [
        alt.Tooltip("month_txt:N", title=labels["month"]),
        alt.Tooltip("total_txt:N", title=labels["total"]),
        *(alt.Tooltip(f"{d}_txt:N", title=labels[d]) for d in DIRECTIONS),
    ]
    start = data["date"].min() - pd.Timedelta(days=16)
    end = data["date"].max() + pd.Timedelta(days=16)
    domain = [start.isoformat(), end.isoformat()]
    x = alt.X("date:T", axis=month_axis(lang), scale=alt.Scale(domain=domain))
    top = max(data["value"].max() if len(data) else 0, SMALL_BAR)
    y = alt.Y(
        "value:Q",
        axis=number_axis(labels["total"], lang),
        scale=alt.Scale(domainMax=top * 1.35, nice=False),
    )
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    bars = base.transform_filter("!datum.small").mark_bar(color=OKABE_ITO[0], size=14)
    small = base.transform_filter("datum.small").mark_bar(
        fillOpacity=0, stroke=OKABE_ITO[0], strokeDash=[3, 2], strokeWidth=1.2, size=14
    )
    layers = [bars, small]
    rules = event_rules(events, lang, data["date"].min().date(), data["date"].max().date())
    if rules is not None:
        layers.append(rules)
    return alt.LayerChart(layer=layers).properties(height=300)
