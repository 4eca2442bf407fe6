"""The tables of the projected slides, in words: the areas needing attention and the open
actions of the previous meeting. Neither carries a name: an action shows its owner agency,
never the person in charge."""

from __future__ import annotations

import pandas as pd

from pora_dash.i18n import fmt_date, fmt_dec, t
from pora_dash.reads.attention import COMPONENTS, area_label


def attention_view(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranked areas (already protected) with their total and each component's points."""
    return pd.DataFrame(
        {
            "#": range(1, len(table) + 1),
            t("col.region", lang): [area_label(c) for c in table["code"]],
            t("attention.total", lang): [fmt_dec(v, lang) for v in table["total"]],
            **{
                t(f"attention.component.{c}", lang): [
                    fmt_dec(v, lang) for v in table[f"points_{c}"]
                ]
                for c in COMPONENTS
            },
        }
    )


def actions_view(decided: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The open actions: what, which agency, by when, and their status (overdue first said)."""
    return pd.DataFrame(
        {
            t("slide.action", lang): decided["description"],
            t("slide.owner", lang): decided["owner"],
            t("slide.due", lang): [fmt_date(d, lang) for d in decided["due_date"]],
            t("slide.status", lang): [
                t("slide.overdue_status", lang) if o else t(f"action.status.{s}", lang)
                for s, o in zip(decided["status"], decided["overdue"], strict=True)
            ],
        }
    )
