"""The map's figures as an audience may see them: the count per area (or why the region's
breakdown is not shown), the metric per area, its text, and the page's table of areas."""

from __future__ import annotations

import pandas as pd

from pora_dash.geo import labels, reference
from pora_dash.i18n import fmt_dec, fmt_int, fmt_pct, t
from pora_dash.present.disclosure import SMALL, Policy, Published
from pora_dash.present.headline import document_share


def _people(frame: pd.DataFrame, column: str) -> dict[str, int]:
    return {str(c): int(n) for c, n in zip(frame["code"], frame[column], strict=True)}


def shown_counts(
    frame: pd.DataFrame, column: str, policy: Policy
) -> tuple[dict[str, Published], str | None]:
    """The count per area as the audience may see it, or why the breakdown of the region into
    its areas is not shown (fewer than 20 people, or it would give a small count back).

    Arrivals into areas do not add up to the region's arrivals (a move between two of its
    areas is an arrival into one of them only), so they are checked for size alone."""
    counts = _people(frame, column)
    total = sum(counts.values())
    if column == "active":
        shown = policy.breakdown(total, list(counts.values()))
    else:
        shown = policy.check(list(counts.values()), [], total)
    if not shown.ok and total:
        return {}, shown.withheld
    return dict(zip(counts, shown.values, strict=True)), None


def metric_values(frame: pd.DataFrame, metric: str, policy: Policy) -> dict[str, float | None]:
    """The figure per area as the audience may see it; None where it is unknown or must not
    be shown. A "<5" count is 1 here: it falls in the "<5" class and nowhere else."""
    counts, _ = shown_counts(frame, "arrivals" if metric == "arrivals" else "active", policy)
    if metric in ("count", "arrivals"):
        return {c: 1 if v is None else v for c, v in counts.items()}
    if metric == "per100k":
        return {
            c: v / pop * 100_000 if v is not None and (pop := reference.population(c)) else None
            for c, v in counts.items()
        }
    rows = frame.set_index("code")
    values: dict[str, float | None] = {}
    for code in counts:
        row = rows.loc[code]
        documented = document_share(
            int(row["active"]), int(row["refugees"]), int(row["asylum_seekers"]), policy
        )
        values[code] = None if documented is None else 1 - documented
    return values


def format_value(metric: str, value: float | None, policy: Policy) -> str:
    if value is None:
        return "–"
    if metric in ("count", "arrivals"):
        return SMALL if not policy.exact and 0 < value < 5 else fmt_int(int(value), policy.lang)
    if metric == "per100k":
        return fmt_dec(value, policy.lang, 2)
    return fmt_pct(value, policy.lang)


def area_table(values: dict[str, float | None], metric: str, policy: Policy) -> pd.DataFrame:
    """The areas with a figure, largest first: name, code, the metric as shown."""
    rows = sorted(
        ((c, v) for c, v in values.items() if v is not None), key=lambda cv: -(cv[1] or 0)
    )
    return pd.DataFrame(
        {
            t("col.region", policy.lang): [labels.name(c) for c, _ in rows],
            t("col.code", policy.lang): [c for c, _ in rows],
            t(f"map.metric.{metric}", policy.lang): [
                format_value(metric, v, policy) for _, v in rows
            ],
        }
    )
