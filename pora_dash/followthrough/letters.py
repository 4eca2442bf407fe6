"""The reminder letter (surat pengingat tindak lanjut) to an owner agency, as PDF.

One letter per agency, each starting on its own page: addressed to the agency, from the Tim
PORA of the user's area, listing the agency's open actions of the meetings in the user's
scope (meeting, decision, due date, days overdue, last update). An agency with nothing open
gets a letter that says so.
"""

from __future__ import annotations

import datetime as dt

from pora_dash.followthrough.document import Page
from pora_dash.followthrough.records import AgencyActions
from pora_dash.i18n import fmt_date, fmt_int, t


def _rows(group: AgencyActions, lang: str) -> list[list[str]]:
    rows = []
    for i, a in enumerate(group.actions, 1):
        last = fmt_date(a.last_update, lang) if a.last_update else "–"
        if a.last_comment:
            last += f"\n{a.last_comment}"
        rows.append(
            [
                str(i),
                f"{a.meeting_title}\n({fmt_date(a.meeting_date, lang)})",
                a.description,
                fmt_date(a.due_date, lang),
                fmt_int(a.days_overdue, lang) if a.days_overdue else "–",
                last,
            ]
        )
    return rows


def _letter(doc: Page, group: AgencyActions, *, team: str, office: str, today: dt.date) -> None:
    lang = doc.lang
    doc.add_page()
    doc.letterhead(team, office)
    doc.text_style(9.5)
    doc.cell(0, 5, fmt_date(today, lang), align="R", new_x="LMARGIN", new_y="NEXT")
    doc.facts(
        [
            (t("letter.number", lang), "…/TIMPORA/" + str(today.year)),
            (t("letter.subject_label", lang), t("letter.subject", lang)),
        ],
        label_width=22,
    )
    doc.ln(4)
    doc.paragraph(t("letter.to", lang))
    doc.paragraph(group.agency, style="B")
    doc.paragraph(t("letter.at_place", lang))
    doc.ln(4)
    if not group.actions:
        doc.paragraph(t("letter.nothing_open", lang, date=fmt_date(today, lang)))
    else:
        doc.paragraph(
            t(
                "letter.body" if group.overdue else "letter.body_on_time",
                lang,
                n=fmt_int(len(group.actions), lang),
                overdue=fmt_int(group.overdue, lang),
                date=fmt_date(today, lang),
            )
        )
        doc.ln(2)
        columns = [
            t("minutes.col.number", lang),
            t("followup.col.meeting", lang),
            t("minutes.col.decision", lang),
            t("followup.col.due", lang),
            t("letter.col.days_overdue", lang),
            t("letter.col.last_update", lang),
        ]
        doc.grid(columns, _rows(group, lang), (0.8, 2.6, 3.9, 1.7, 1.4, 2.3))
        doc.ln(3)
        doc.paragraph(t("letter.request", lang))
    doc.ln(2)
    doc.paragraph(t("letter.closing", lang))
    doc.signatures(("", ""), (t("letter.signer", lang, team=team), t("minutes.name_line", lang)))


def render_pdf(
    groups: list[AgencyActions], *, team: str, office: str, lang: str, today: dt.date
) -> bytes:
    """One PDF with one letter per agency (each on a new page)."""
    title = f"{t('letter.title', lang)} · {team}"
    doc = Page(title=title, author=team, lang=lang, made=today)
    for group in groups:
        _letter(doc, group, team=team, office=office, today=today)
    if not groups:
        doc.add_page()
        doc.letterhead(team, office)
        doc.paragraph(t("letter.none_at_all", lang, date=fmt_date(today, lang)))
    return bytes(doc.output())
