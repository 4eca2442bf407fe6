"""The minutes (notulen rapat) of one meeting, as PDF and as DOCX, from the meeting record.

Both files carry the same parts in the same order: the team and office, title, date, venue and
level, the agencies present, the agenda and the summary, the decisions as a numbered table
(decision, owner agency, person in charge, due date) and the signature block (notetaker,
chair). No person of concern appears: the record holds meetings, agencies and decisions only.
"""

from __future__ import annotations

import datetime as dt
import io

from pora_dash.followthrough.document import Page
from pora_dash.followthrough.records import MinutesRecord
from pora_dash.i18n import fmt_date, t


def _facts(record: MinutesRecord, lang: str) -> list[tuple[str, str]]:
    return [
        (t("meeting.title", lang), record.title),
        (t("meeting.date", lang), fmt_date(record.held_on, lang)),
        (t("meeting.venue", lang), record.venue or "–"),
        (t("meeting.level", lang), t(f"meeting.level.{record.level}", lang)),
        (t("meeting.office", lang), record.office),
    ]


def _decision_rows(record: MinutesRecord, lang: str) -> list[list[str]]:
    return [
        [
            str(d.number),
            d.description,
            d.owner,
            d.person_in_charge or "–",
            fmt_date(d.due_date, lang),
        ]  # fmt: skip
        for d in record.decisions
    ]


def _decision_columns(lang: str) -> list[str]:
    return [
        t("minutes.col.number", lang),
        t("minutes.col.decision", lang),
        t("followup.col.owner", lang),
        t("followup.col.pic", lang),
        t("followup.col.due", lang),
    ]


def _signers(lang: str) -> tuple[tuple[str, str], tuple[str, str]]:
    return (
        (t("minutes.notetaker", lang), t("minutes.name_line", lang)),
        (t("minutes.chair", lang), t("minutes.name_line", lang)),
    )


def render_pdf(record: MinutesRecord, lang: str, *, made: dt.date) -> bytes:
    title = f"{t('minutes.title', lang)} · {record.title}"
    doc = Page(title=title, author=record.team, lang=lang, made=made)
    doc.add_page()
    doc.letterhead(record.team, record.office)
    doc.text_style(12, "B")
    doc.cell(0, 7, t("minutes.title", lang).upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    doc.facts(_facts(record, lang))
    doc.heading(t("meeting.attendees", lang))
    doc.paragraph("\n".join(f"{i}. {a}" for i, a in enumerate(record.attendees, 1)) or "–")
    doc.heading(t("meeting.agenda", lang))
    doc.paragraph(record.agenda or "–")
    doc.heading(t("minutes.summary", lang))
    doc.paragraph(record.summary or "–")
    doc.heading(t("meeting.decisions", lang))
    if record.decisions:
        doc.grid(_decision_columns(lang), _decision_rows(record, lang), (0.8, 4.3, 2.6, 1.9, 1.7))
    else:
        doc.paragraph(t("meeting.no_actions", lang))
    left, right = _signers(lang)
    doc.signatures(left, right)
    return bytes(doc.output())


def render_docx(record: MinutesRecord, lang: str, *, made: dt.date) -> bytes:
    """The same minutes as a Word file, for the office to edit and sign."""
    from docx import Document  # local: python-docx loads only when someone asks for a DOCX
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = f"{t('minutes.title', lang)} · {record.title}"
    doc.core_properties.author = record.team
    for text, size in ((record.team.upper(), 14), (record.office, 11)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold, run.font.size = size > 12, Pt(size)
    doc.add_heading(t("minutes.title", lang).upper(), level=1)
    facts = doc.add_table(rows=0, cols=2)
    for label, value in _facts(record, lang):
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_heading(t("meeting.attendees", lang), level=2)
    for name in record.attendees:
        doc.add_paragraph(name, style="List Number")
    for heading, body in ((t("meeting.agenda", lang), record.agenda),
                          (t("minutes.summary", lang), record.summary)):  # fmt: skip
        doc.add_heading(heading, level=2)
        doc.add_paragraph(body or "–")
    doc.add_heading(t("meeting.decisions", lang), level=2)
    if record.decisions:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, _decision_columns(lang), strict=True):
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for row in _decision_rows(record, lang):
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    else:
        doc.add_paragraph(t("meeting.no_actions", lang))
    doc.add_paragraph()
    signs = doc.add_table(rows=3, cols=2)
    for col, (role, under) in enumerate(_signers(lang)):
        signs.cell(0, col).text = role
        signs.cell(1, col).text = "\n\n\n(" + "." * 40 + ")"
        signs.cell(2, col).text = under
    doc.add_paragraph(t("followthrough.footer", lang, date=fmt_date(made, lang)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
