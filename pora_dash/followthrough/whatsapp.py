"""A plain-text summary of open actions for a WhatsApp group, where the team coordinates.

WhatsApp's own marks only: *bold* for the agency, _italic_ for the meeting; overdue actions
first with ⚠️ and their days overdue. No person of concern, no person in charge.
"""

from __future__ import annotations

import datetime as dt

from pora_dash.followthrough.records import AgencyActions
from pora_dash.i18n import fmt_date, fmt_int, t


def summary(groups: list[AgencyActions], *, title: str, today: dt.date, lang: str) -> str:
    lines = [f"*{title}*", t("whatsapp.as_of", lang, date=fmt_date(today, lang))]
    if not any(g.actions for g in groups):
        return "\n".join([*lines, "", t("whatsapp.nothing_open", lang)])
    for group in groups:
        if not group.actions:
            continue
        counts = t(
            "whatsapp.counts",
            lang,
            n=fmt_int(len(group.actions), lang),
            overdue=fmt_int(group.overdue, lang),
        )
        lines += ["", f"*{group.agency}* ({counts})"]
        for i, a in enumerate(group.actions, 1):
            due = t("digest.due", lang, date=fmt_date(a.due_date, lang))
            if a.days_overdue:
                late = t("digest.days_late", lang, n=fmt_int(a.days_overdue, lang))
                lines.append(f"{i}. ⚠️ {a.description} — {due}, {late}")
            else:
                lines.append(f"{i}. {a.description} — {due}")
            lines.append(f"   _{a.meeting_title} ({fmt_date(a.meeting_date, lang)})_")
    return "\n".join(lines)
