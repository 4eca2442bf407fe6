"""The monthly trend (active persons at each month's end, arrivals and departures in the month)
as an audience may see it.

For a protected audience the three series are published together: each month's active count
is the previous one plus arrivals less departures, so consecutive months are one chain of
sums, checked as a whole (`disclosure.exposed`) before anything is shown. The trend of a
population whose published total is under 20 is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pora_dash.present.disclosure import Equation, Policy, text

SERIES = ("active", "arrivals", "departures")


@dataclass(frozen=True)
class Trend:
    """month, active, arrivals, departures (published: int, or None for "<5") and their texts
    (`active_txt`, ...); empty with `withheld` set when nothing may be shown."""

    frame: pd.DataFrame
    withheld: str | None = None

    @property
    def ok(self) -> bool:
        return self.withheld is None


def chain(months: int) -> list[Equation]:
    """active[m] + departures[m] = active[m-1] + arrivals[m], as indices into the flattened
    [active..., arrivals..., departures...]."""
    a, arr, dep = 0, months, 2 * months
    return [([a + m, dep + m], [a + m - 1, arr + m]) for m in range(1, months)]


def protect(trend: pd.DataFrame, policy: Policy) -> Trend:
    """`trend`: month, active, arrivals, departures (exact counts, oldest month first)."""
    counts = [int(v) for s in SERIES for v in trend[s]]
    now = int(trend["active"].iloc[-1]) if len(trend) else 0
    shown = policy.check(
        counts, chain(len(trend)), now, known=[len(trend) - 1] if len(trend) else []
    )
    if not shown.ok:
        return Trend(trend.iloc[0:0], shown.withheld)
    out = pd.DataFrame({"month": trend["month"].to_numpy()})
    n = len(trend)
    for i, name in enumerate(SERIES):
        values = shown.values[i * n : (i + 1) * n]
        out[name] = pd.Series(values, dtype=object)
        out[f"{name}_txt"] = [text(v, policy.lang) for v in values]
    return Trend(out)
