"""The overview's breakdowns (top areas, top nationalities) and early-warning lines as an
audience may see them, labelled in its language."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_dec, t
from pora_dash.present import tables
from pora_dash.present.disclosure import Policy

Rows = tuple[pd.DataFrame, str | None]  # the labelled rows, or why they are withheld


def labelled_rows(
    frame: pd.DataFrame, key: str, label: str, name: Callable[[str], str], policy: Policy
) -> Rows:
    """A breakdown as rows (name, code, count as the policy shows it), or why it is withheld."""
    shown = tables.breakdown(frame.rename(columns={key: "code"}), "code", policy)
    rows = tables.rows_of(shown)
    labelled = pd.DataFrame(
        {
            label: [name(c) for c in rows["code"]],
            t("col.code", policy.lang): rows["code"],
            t("col.count", policy.lang): rows["count"],
        }
    )
    return labelled, shown.withheld


def area_rows(areas: pd.DataFrame, policy: Policy) -> Rows:
    """The parts of the region (overview.by_area) by their active persons."""
    return labelled_rows(areas, "code", t("col.region", policy.lang), labels.name, policy)


def nationality_rows(nat: pd.DataFrame, policy: Policy) -> Rows:
    """The nationalities (overview.by_nationality) by their active persons."""
    return labelled_rows(
        nat,
        "nationality",
        t("col.nationality", policy.lang),
        lambda c: country_name(c, policy.lang),
        policy,
    )


def file_sheets(
    areas: pd.DataFrame, nat: pd.DataFrame, level: int, policy: Policy
) -> dict[str, pd.DataFrame]:
    """The overview's download: top areas (of `level`) and top nationalities."""
    count = t("col.count", policy.lang)
    return {
        t(f"home.top_areas.{level}", policy.lang): tables.for_file_rows(
            area_rows(areas, policy)[0], count
        ),
        t("home.top_nationalities", policy.lang): tables.for_file_rows(
            nationality_rows(nat, policy)[0], count
        ),
    }


def warning_line(code: str, recent: int, mean: float, threshold: float, policy: Policy) -> str:
    """An early warning in words; the usual weekly mean comes from exact weekly counts, so
    only an exact audience sees it."""
    return t(
        "warning.line" if policy.exact else "warning.line_protected",
        policy.lang,
        area=labels.with_parent(code),
        n=policy.count(recent),
        mean=fmt_dec(mean, policy.lang),
        threshold=fmt_dec(threshold, policy.lang),
    )
