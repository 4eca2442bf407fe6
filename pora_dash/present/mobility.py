"""Flows between areas, net movement, the monthly moves and arrival cohorts, as an audience
may see them. Flows are counts of people: the one rule of `disclosure` applies.

- The origin–destination table is protected as one cross-table with its margins (each area's
  moves out and in, and the total), so the corridors, the table and the map show the same
  published values, and "in", "out" and the total cannot be played against each other.
- Net movement is the difference of the published "in" and "out" ("–" where one is "<5").
- The breakdowns by nationality and status are breakdowns of the same total.
- A cohort is protected as one set: its total, the three outcomes and every area or reason
  under them, tied by their sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pora_dash.i18n import fmt_signed
from pora_dash.present.disclosure import NOT_SHOWN, Equation, Policy, Published, text
from pora_dash.present.tables import TOTAL, Protected, protect, with_totals

OUTCOMES = ("here", "moved", "departed")
DIRECTIONS = ("inward", "outward", "within")


def od_table(flows: pd.DataFrame) -> pd.DataFrame:
    """A square table (every area with a flow on both axes) of moves from row to column,
    with the TOTAL column (moves out) and TOTAL row (moves in)."""
    areas = sorted(set(flows["origin"]) | set(flows["destination"]))
    if not areas:
        return with_totals(pd.DataFrame(dtype="int64"))
    cells = (
        flows.pivot_table(index="origin", columns="destination", values="n", aggfunc="sum")
        .reindex(index=areas, columns=areas)
        .fillna(0)
        .astype("int64")
    )
    return with_totals(cells)


@dataclass(frozen=True)
class Flows:
    """The published origin–destination table, or why it is not shown."""

    table: Protected
    lang: str

    @property
    def ok(self) -> bool:
        return self.table.ok

    @property
    def total(self) -> Published:
        return self.table.values.loc[TOTAL, TOTAL] if self.ok and len(self.table.values) else 0

    def corridors(self) -> pd.DataFrame:
        """origin, destination, value (published; None for "<5"), text: every flow shown,
        largest published value first (ties by code: the order tells nothing more)."""
        if not self.ok:
            return pd.DataFrame(columns=["origin", "destination", "value", "text"])
        cells = self.table.values.drop(index=TOTAL, columns=TOTAL)
        if cells.empty:
            return pd.DataFrame(columns=["origin", "destination", "value", "text"])
        long = cells.stack(future_stack=True).reset_index()
        long.columns = ["origin", "destination", "value"]
        long = long[[v is None or (not isinstance(v, str) and v > 0) for v in long["value"]]]
        long = long.assign(rank=[-1 if v is None else v for v in long["value"]])
        long = long.sort_values(["rank", "origin", "destination"], ascending=[False, True, True])
        long["text"] = [text(v, self.lang) for v in long["value"]]
        return long.drop(columns="rank").reset_index(drop=True)

    def net(self) -> pd.DataFrame:
        """area, inward, outward (published), net (their difference, None when one is "<5"),
        and texts; largest gain first."""
        if not self.ok:
            return pd.DataFrame(columns=["area", "inward", "outward", "net"])
        values = self.table.values
        areas = [a for a in values.index if a != TOTAL]
        inward = [values.loc[TOTAL, a] for a in areas]
        outward = [values.loc[a, TOTAL] for a in areas]
        net = [
            None if i is None or o is None else int(i) - int(o)
            for i, o in zip(inward, outward, strict=True)
        ]
        out = pd.DataFrame(
            {
                "area": areas,
                "inward": pd.Series(inward, dtype=object),
                "outward": pd.Series(outward, dtype=object),
                "net": pd.Series(net, dtype=object),
            }
        )
        out["inward_txt"] = [text(v, self.lang) for v in inward]
        out["outward_txt"] = [text(v, self.lang) for v in outward]
        out["net_txt"] = [NOT_SHOWN if v is None else fmt_signed(v, self.lang) for v in net]
        key = [-(10**9) if v is None else v for v in net]
        return (
            out.assign(key=key)
            .sort_values(["key", "area"], ascending=[False, True])
            .drop(columns="key")
            .reset_index(drop=True)
        )


def protect_flows(flows: pd.DataFrame, policy: Policy) -> Flows:
    return Flows(protect(od_table(flows), policy), policy.lang)


def protect_breakdown(frame: pd.DataFrame, total: int, policy: Policy) -> Protected:
    """Flows by one attribute (group, n) as a breakdown of the `total` flows."""
    table = with_totals(
        frame.set_index("group")[["n"]].rename(columns={"n": "count"}).astype("int64"),
        row_totals=False,
    )
    return protect(table, policy, base=total)


def protect_monthly(monthly: pd.DataFrame, policy: Policy) -> Protected:
    """Moves per month (month, inward, outward, within) with each month's TOTAL; a month is a
    population of its own: its directions are left out ("–") below 20 moves."""
    table = with_totals(monthly.set_index("month")[list(DIRECTIONS)].astype("int64"))
    return protect(table, policy, rows_are_populations=True)


@dataclass(frozen=True)
class Cohort:
    """A cohort as published: total, outcome totals, and detail rows (outcome, detail, value,
    text), or why it is not shown."""

    total: Published
    outcomes: dict[str, Published]
    details: pd.DataFrame
    withheld: str | None = None

    @property
    def ok(self) -> bool:
        return self.withheld is None


def protect_cohort(cohort: pd.DataFrame, policy: Policy) -> Cohort:
    """`cohort`: outcome, detail, n (exact). The total may always be shown; its breakdown
    follows the rule."""
    total = int(cohort["n"].sum())
    sums = [int(cohort.loc[cohort["outcome"] == o, "n"].sum()) for o in OUTCOMES]
    counts = [total, *sums, *(int(n) for n in cohort["n"])]
    equations: list[Equation] = [([0], [1, 2, 3])]
    for i, outcome in enumerate(OUTCOMES):
        rows = [4 + j for j, o in enumerate(cohort["outcome"]) if o == outcome]
        if rows:
            equations.append(([1 + i], rows))
    shown = policy.check(counts, equations, total, known=[0])
    published_total = policy.number(total)
    if not shown.ok:
        return Cohort(published_total, {}, cohort.iloc[0:0], shown.withheld)
    details = cohort[["outcome", "detail"]].copy()
    details["value"] = pd.Series(shown.values[4:], dtype=object)
    details["text"] = [text(v, policy.lang) for v in shown.values[4:]]
    return Cohort(
        published_total,
        dict(zip(OUTCOMES, shown.values[1:4], strict=True)),
        details.reset_index(drop=True),
    )
