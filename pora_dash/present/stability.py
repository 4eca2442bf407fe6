"""The stability page's counts of people as an audience may see them.

Incidents and operations are not people and are counted exactly; the people involved in an
incident and the findings of an operation that count persons are. Each is a total with its
parts (the people of all incidents; each finding type over the operations), so each is
published as a breakdown: when the parts would give a small count back, or the total is under
20 people, the parts are shown as "–" and only the total is given.
"""

from __future__ import annotations

from collections.abc import Sequence

from pora_dash.present.disclosure import NOT_SHOWN, Policy, Published, text
from pora_dash.stability import PERSON_FINDINGS


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
