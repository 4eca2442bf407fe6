"""The eight headline figures, defined once for the overview, the slides, the brief and the API.

Counts of people go through the audience's policy; the share with a UNHCR document is computed
from the counts as the audience sees them (for a protected audience: from the published
refugee and asylum-seeker counts over the published total, so it tells nothing those three do
not); places and follow-up actions are not people and are always exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from pora_dash.i18n import fmt_int, fmt_pct, t
from pora_dash.present.disclosure import Policy, change
from pora_dash.reads.followups import ActionCounts
from pora_dash.reads.overview import Arrivals, Headline


@dataclass(frozen=True)
class Figure:
    key: str  # i18n key of the label; `key + ".help"` explains it
    label: str
    value: str
    delta: str | None = None  # a change ("+15") or "2 lewat tenggat"
    delta_days: int | None = None  # the change is against this many days before
    alert: bool = False  # the delta needs attention (overdue actions)


def document_share(active: int, refugees: int, seekers: int, policy: Policy) -> float | None:
    """The share of active persons holding a UNHCR card or certificate, as the audience may
    see it (None: not shown). Protected: from the published counts, never a new figure."""
    if policy.exact:
        return (refugees + seekers) / active if active else None
    published = policy.number(refugees), policy.number(seekers)
    if None in published:
        return None  # a "<5" part: the share would be a guess
    return policy.share_value(sum(p or 0 for p in published), active)


def figures(head: Headline, flows: Arrivals, actions: ActionCounts, policy: Policy) -> list[Figure]:
    """The headline figures in the overview's order, with their labels."""
    lang = policy.lang

    def people(key: str, n: int, before: int | None = None, days: int | None = None) -> Figure:
        delta = None if before is None else change(n, before, policy)
        return Figure(key, t(key, lang), policy.count(n), delta, days if delta else None)

    share = document_share(head.active, head.refugees, head.asylum_seekers, policy)
    overdue = t("home.actions_overdue", lang, n=fmt_int(actions.overdue, lang))
    return [
        people("home.national_total", head.active),
        people("home.refugees", head.refugees),
        people("home.asylum_seekers", head.asylum_seekers),
        Figure(
            "home.document_share",
            t("home.document_share", lang),
            "–" if share is None else fmt_pct(share, lang),
        ),
        people("home.arrivals_30", flows.last_30, flows.previous_30, 30),
        people("home.arrivals_90", flows.last_90, flows.previous_90, 90),
        Figure("home.kecamatan", t("home.kecamatan", lang), fmt_int(head.kecamatan_hosting, lang)),
        Figure(
            "home.actions",
            t("home.actions", lang),
            fmt_int(actions.open, lang),
            overdue if actions.overdue else None,
            alert=bool(actions.overdue),
        ),
    ]
