"""The stability page's counts of people as an audience may see them.

Incidents and operations are not people and are counted exactly; the people involved in an
incident and the findings of an operation that count persons are. Each is a total with its
parts (the people of all incidents; each finding type over the operations), so each is
published as a breakdown: when the parts would give a small count back, or the total is under
20 people, the parts are shown as "–" and only the total is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from pora_dash.i18n import catalog, t
from pora_dash.present.disclosure import NOT_SHOWN, Policy, Published, change, text
from pora_dash.reads.stability import PERSON_FINDINGS


def parts_shown(total: int, parts: Sequence[int | None], policy: Policy) -> list[Published | str]:
    """Each part as published (NOT_SHOWN for an unknown part, or for all when the breakdown
    is not shown); unknown parts count as 0 in the sum and are left out of the check."""
    known = [int(p) for p in parts if p is not None]
    shown = policy.breakdown(total, known)
    if not shown.ok:
        return [NOT_SHOWN for _ in parts]
    values = iter(shown.values)
    return [NOT_SHOWN if p is None else next(values) for p in parts]


def incident_people(
    people: Sequence[float | int | None], policy: Policy
) -> tuple[str, list[Published | str]]:
    """The people involved in all incidents (as text), and in each as published (a missing
    figure is NOT_SHOWN)."""
    parts = [None if p is None or p != p else int(p) for p in people]
    total = sum(p for p in parts if p is not None)
    return policy.count(total), parts_shown(total, parts, policy)


def finding_texts(
    totals: dict[str, int], per_operation: Sequence[dict[str, int]], policy: Policy
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Findings in all operations and in each, as text; findings that count persons are
    published, each finding type checked against its operations."""
    exact = Policy(exact=True, lang=policy.lang)
    out_totals: dict[str, str] = {}
    out_parts: list[dict[str, str]] = [{} for _ in per_operation]
    for kind, total in totals.items():
        show = policy if kind in PERSON_FINDINGS else exact
        out_totals[kind] = show.count(total)
        parts = [found.get(kind, 0) for found in per_operation]
        for i, value in enumerate(parts_shown(total, parts, show)):
            if parts[i]:
                out_parts[i][kind] = text(value, policy.lang)
    return out_totals, out_parts


def finding_label(finding: str, lang: str) -> str:
    """The name of a finding type; a type imported from an agency's list that has no name in
    the catalog yet is shown as written, underscores as spaces."""

    key = f"finding.{finding}"
    return t(key, lang) if key in catalog(lang) else finding.replace("_", " ")


def operation_label(kind: str, lang: str) -> str:

    return t(f"operation.{kind}", lang)


PERSON_METRICS = frozenset({"arrivals", "departures", "active_end"})


def comparison_cells(frame: pd.DataFrame, policy: Policy) -> dict[str, list[str]]:
    """The comparison's figures as text: counts of persons through the audience's policy,
    counts of incidents and operations as they are; a change is the difference of the two
    figures as shown ("–" when either is "<5")."""
    out: dict[str, list[str]] = {"before": [], "earlier": [], "change": []}
    exact = replace(policy, exact=True)
    for metric, a, b in frame[["metric", "before_event", "year_earlier"]].itertuples(index=False):
        show = policy if metric in PERSON_METRICS else exact
        a, b = int(a), int(b)
        out["before"].append(show.count(a))
        out["earlier"].append(show.count(b))
        if show.number(a) is None or show.number(b) is None:
            out["change"].append("–")
        else:
            out["change"].append(change(a, b, show) or "0")
    return out
