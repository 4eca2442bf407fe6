"""The attention table as an audience may see it.

For a protected audience the ranking is computed again from the counts of people as they are
published (rounded to 5; a "<5" enters the scores as 2, the middle of 1–4), so no score, point
or rank carries an unpublished count. The areas' active counts (now and 90 days ago) are a
breakdown of the region's population: when the disclosure rule does not show that breakdown,
the growth component is left out (0 points) and its measures read "–"; likewise arrivals.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pora_dash.i18n import fmt_int
from pora_dash.present.disclosure import NOT_SHOWN, Policy, Published
from pora_dash.reads import attention

SMALL_AS = 2  # a "<5" count in a score
PAIRS = {"growth": ("active", "active_then"), "arrivals": ("arrivals", "arrivals_before")}


def _published(counts: list[int], column: str, policy: Policy) -> list[Published] | None:
    """The column as published, or None when its breakdown over the areas is not shown
    (areas' active counts add up to the region's; arrivals do not, so only their size)."""
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    shown = (
        policy.breakdown(total, counts)
        if column in PAIRS["growth"]
        else policy.check(counts, [], total)
    )
    return shown.values if shown.ok else None


def protect(table: pd.DataFrame, weights: Mapping[str, float], policy: Policy) -> pd.DataFrame:
    """The table with `<measure>_shown` columns (published counts, None for "<5", NOT_SHOWN)
    and, for a protected audience, scores and ranks from those published counts."""
    out = table.copy()
    if policy.exact:
        for column in (*PAIRS["growth"], *PAIRS["arrivals"]):
            out[f"{column}_shown"] = pd.Series([int(v) for v in table[column]], dtype=object)
        return out
    for pair in PAIRS.values():
        shown = [_published([int(v) for v in table[c]], c, policy) for c in pair]
        for column, values in zip(pair, shown, strict=True):
            known = values if all(v is not None for v in shown) else None
            out[f"{column}_shown"] = pd.Series(
                [NOT_SHOWN] * len(out) if known is None else known, dtype=object
            )
            scored = [0] * len(out) if known is None else known
            out[column] = [SMALL_AS if v is None else v for v in scored]
    return attention.score(out, weights)


def change_text(now: Published | str, then: Published | str, lang: str) -> str:
    """The growth as shown: the difference of the two counts as published."""
    if not isinstance(now, int) or not isinstance(then, int):
        return NOT_SHOWN
    difference = now - then
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    return sign + fmt_int(abs(difference), lang)
