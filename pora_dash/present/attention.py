"""The attention table as an audience may see it, and in words: the ranked view, one area's
breakdown of its total, and the weights.

For a protected audience the ranking is computed again from the counts of people as they are
published (rounded to 5; a "<5" enters the scores as 2, the middle of 1–4), so no score, point
or rank carries an unpublished count. The areas' active counts (now and 90 days ago) are a
breakdown of the region's population: when the disclosure rule does not show that breakdown,
the growth component is left out (0 points) and its measures read "–"; likewise arrivals.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pora_dash.i18n import fmt_dec, fmt_pct, fmt_signed, t
from pora_dash.present.disclosure import NOT_SHOWN, Policy, Published, text
from pora_dash.reads import attention
from pora_dash.reads.attention import COMPONENTS

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
    return fmt_signed(now - then, lang)


# --- the table and one area's breakdown, in words ----------------------------------------------


def component_label(component: str, lang: str) -> str:
    return t(f"attention.component.{component}", lang)


def points_column(component: str, lang: str) -> str:
    """The heading of a component's points in the table."""
    return t("attention.points", lang, what=component_label(component, lang))


def event_text(name: str | None, days: float | None, lang: str) -> str:
    if not name:
        return "–"
    if not days:
        return t("attention.event_now", lang, name=name)
    return t("attention.event_in", lang, name=name, n=int(days))


def incident_text(row: pd.Series, lang: str) -> str:
    """'1 berat, 2 sedang': the area's incidents by severity, most severe first."""
    parts = [
        f"{int(row[f'incidents_{s}'])} {t(f'severity.{s}', lang).lower()}"
        for s in (3, 2, 1)
        if row[f"incidents_{s}"]
    ]
    return ", ".join(parts) or "0"


def ranked(
    raw: pd.DataFrame, weights: Mapping[str, float], policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranked table for an audience (scores from counts as it sees them), and its view:
    rank, area, a bar and the total, each component's points, and the measures behind them."""
    lang = policy.lang
    table = protect(raw, weights, policy)
    view = pd.DataFrame(
        {
            "#": range(1, len(table) + 1),
            t("col.region", lang): [attention.area_label(c) for c in table["code"]],
            "bar": table["total"],
            t("attention.total", lang): [fmt_dec(v, lang) for v in table["total"]],
            **{
                points_column(c, lang): [fmt_dec(v, lang) for v in table[f"points_{c}"]]
                for c in COMPONENTS
            },
            t("attention.m.active", lang): [text(v, lang) for v in table["active_shown"]],
            t("attention.m.growth", lang): [
                change_text(a, b, lang)
                for a, b in zip(table["active_shown"], table["active_then_shown"], strict=True)
            ],
            t("attention.m.arrivals", lang): [text(v, lang) for v in table["arrivals_shown"]],
            t("attention.m.usual", lang): [fmt_dec(u, lang) for u in table["usual"]],
            t("attention.m.incidents", lang): [incident_text(r, lang) for _, r in table.iterrows()],
            t("attention.m.overdue", lang): table["overdue"],
            t("attention.m.event", lang): [
                event_text(n, d, lang)
                for n, d in zip(table["event"], table["event_days"], strict=True)
            ],
        }
    )
    return table, view


def _measures(row: pd.Series, lang: str) -> dict[str, str]:
    """What each component of one area measured, in words."""
    both = isinstance(row["active_shown"], int) and isinstance(row["active_then_shown"], int)
    return {
        "growth": t(
            "attention.why.growth",
            lang,
            now=text(row["active_shown"], lang),
            then=text(row["active_then_shown"], lang),
            floor=attention.GROWTH_FLOOR,
            pct=fmt_pct(row["growth_pct"], lang) if both else "–",
        ),
        "arrivals": t(
            "attention.why.arrivals",
            lang,
            n=text(row["arrivals_shown"], lang),
            usual=fmt_dec(row["usual"], lang),
            ratio=fmt_dec(row["ratio"], lang),
        ),
        "incidents": t(
            "attention.why.incidents",
            lang,
            what=incident_text(row, lang),
            points=int(row["incident_points"]),
        ),
        "overdue": t("attention.why.overdue", lang, n=int(row["overdue"])),
        "event": event_text(row["event"], row["event_days"], lang),
    }


def breakdown(row: pd.Series, weights: Mapping[str, float], lang: str) -> pd.DataFrame:
    """One area's components: what each measured, its score, weight and contribution."""
    measures = _measures(row, lang)
    total_weight = fmt_dec(sum(weights.values()), lang)
    return pd.DataFrame(
        {
            t("attention.component", lang): [component_label(c, lang) for c in COMPONENTS],
            t("attention.measure", lang): [measures[c] for c in COMPONENTS],
            t("attention.score", lang): [fmt_dec(row[f"score_{c}"], lang) for c in COMPONENTS],
            t("attention.weight", lang): [
                f"{fmt_dec(weights[c], lang)} / {total_weight}" for c in COMPONENTS
            ],
            t("attention.contribution", lang): [
                fmt_dec(row[f"points_{c}"], lang) for c in COMPONENTS
            ],
        }
    )


def sum_line(row: pd.Series, lang: str) -> str:
    """'a + b + c + d + e = total': how one area's points add up."""
    return t(
        "attention.sum",
        lang,
        parts=" + ".join(fmt_dec(row[f"points_{c}"], lang) for c in COMPONENTS),
        total=fmt_dec(row["total"], lang),
    )


def weights_table(weights: Mapping[str, float], lang: str) -> pd.DataFrame:
    """Each component's weight now and by default."""
    return pd.DataFrame(
        {
            t("attention.component", lang): [component_label(c, lang) for c in COMPONENTS],
            t("attention.weight", lang): [fmt_dec(weights[c], lang) for c in COMPONENTS],
            t("attention.default_weight", lang): [
                fmt_dec(attention.DEFAULT_WEIGHTS[c], lang) for c in COMPONENTS
            ],
        }
    )
