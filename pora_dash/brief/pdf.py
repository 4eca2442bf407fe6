"""The brief as an A4 PDF (fpdf2), in the shape of a government meeting brief.

Page 1 carries the cover band (team, title, period), the facts of the document (region,
period, date of the data, date made) and the headline figures with the map; the sections
follow, numbered, with a running header and "page n of N" on every page. DejaVu Sans (shipped
with matplotlib) is embedded, so Indonesian and English text, "–" and "≥" render everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from pora_dash.brief import figures
from pora_dash.brief.content import Brief
from pora_dash.brief.tables import Table, all_tables
from pora_dash.geo import labels, reference
from pora_dash.i18n import fmt_date, fmt_int, t
from pora_dash.present import trend as present_trend
from pora_dash.render import map_image

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
NAVY = (31, 58, 95)
INK = (27, 31, 36)
MUTED = (95, 107, 118)
PALE = (243, 246, 249)
RULE = (200, 206, 212)
ALERT = (180, 65, 0)  # Okabe–Ito vermilion, darkened for text
MARGIN = 16.0
MM = 25.4  # per inch
PDF_ROWS = 25  # longer tables continue in the workbook


class StyledPDF(FPDF):
    """An A4 page of the house style: the text width within the margins, one call for a
    font size, weight and colour. The brief and the follow-through documents build on it."""

    @property
    def width(self) -> float:
        return self.w - 2 * MARGIN

    def text_style(self, size: float, style: str = "", colour: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)


class _Document(StyledPDF):
    def __init__(self, brief: Brief) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.brief = brief
        for style, file in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold")):
            self.add_font(FONT, style, str(FONT_DIR / f"{file}.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_title(
            f"{t('brief.title', brief.lang)} · {brief.office} · {brief.period.label(brief.lang)}"
        )
        self.set_author(brief.office)
        self.set_creator("Dasbor PORA")
        self.set_lang("id-ID" if brief.lang == "id" else "en-US")
        self.section_number = 0

    def header(self) -> None:
        if self.page_no() == 1:
            return
        lang = self.brief.lang
        self.text_style(7.5, colour=MUTED)
        self.set_y(8)
        self.cell(self.width / 2, 4, self.brief.office)
        label = f"{t('brief.title', lang)} · {self.brief.period.label(lang)}"
        self.cell(self.width / 2, 4, label, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, 13, self.w - MARGIN, 13)
        self.set_y(MARGIN + 1)

    def footer(self) -> None:
        lang = self.brief.lang
        self.set_y(-12)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, self.w - MARGIN, self.get_y() - 1.5)
        self.text_style(7, colour=MUTED)
        left = t("brief.footer", lang, date=fmt_date(self.brief.as_of, lang))
        self.cell(self.width * 0.75, 4, left)
        page = t("brief.page", lang, n=self.page_no(), total="{nb}")
        self.cell(self.width * 0.25, 4, page, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        # every page says how its counts are shown: the rule, or the internal marking
        if self.brief.policy.exact:
            self.text_style(7.5, "B", ALERT)
            self.cell(self.width, 3.6, t("export.internal_mark", lang), align="C")
        else:
            self.text_style(7, colour=MUTED)
            self.cell(self.width, 3.6, t("disclosure.rule", lang), align="C")

    # --- building blocks ---------------------------------------------------------------

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def section(self, title: str, *, keep: float = 40) -> None:
        """A numbered section heading, kept together with the first `keep` mm of its body."""
        self.ensure_space(14 + keep)
        self.section_number += 1
        self.ln(3)
        self.text_style(12.5, "B", NAVY)
        self.cell(0, 7, f"{self.section_number}   {title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*NAVY)
        self.set_line_width(0.4)
        self.line(MARGIN, self.get_y() + 0.5, self.w - MARGIN, self.get_y() + 0.5)
        self.set_line_width(0.2)
        self.ln(3)

    def paragraph(
        self, text: str, *, size: float = 8.5, colour: tuple[int, int, int] = INK
    ) -> None:
        self.text_style(size, colour=colour)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def caption(self, text: str) -> None:
        self.ln(1)
        self.paragraph(text, size=7, colour=MUTED)

    def data_table(self, table: Table, *, width: float | None = None, align: str = "LEFT") -> None:
        """A table with a navy heading row, pale bands, counts right-aligned and a bold total."""
        lang = self.brief.lang
        rows = table.rows[:PDF_ROWS]
        aligns = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.columns)))
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=NAVY, size_pt=7.5)
        self.text_style(7.8)
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)  # the table's unbanded rows take the current fill
        with super().table(
            width=width or self.width,
            align=align,
            col_widths=table.widths,
            text_align=aligns,
            headings_style=heading,
            line_height=3.9,
            padding=(1.1, 1.5),
            borders_layout="HORIZONTAL_LINES",
            cell_fill_color=PALE,
            cell_fill_mode="ROWS",
            v_align="TOP",
        ) as grid:
            grid.row(table.columns)
            for i, cells in enumerate(rows):
                bold = i in table.emphasis
                row = grid.row(style=FontFace(emphasis="BOLD") if bold else None)
                for j, cell in enumerate(cells):
                    alert = bold and j == table.alert_column
                    row.cell(_text(cell, lang), style=FontFace(color=ALERT) if alert else None)
            if table.total:
                grid.row([_text(c, lang) for c in table.total], style=FontFace(emphasis="BOLD"))
        if len(table.rows) > len(rows):
            self.caption(t("brief.more_rows", lang, n=fmt_int(len(table.rows) - len(rows), lang)))


def _text(cell: object, lang: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return fmt_int(cell, lang)
    return str(cell)


# --- the pages ------------------------------------------------------------------------------


def _cover(doc: _Document) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.set_fill_color(*NAVY)
    doc.rect(0, 0, doc.w, 44, style="F")
    doc.set_xy(MARGIN, 9)
    doc.text_style(7.5, "B", (190, 206, 224))
    doc.cell(doc.width / 2, 4, t("brief.kicker", lang).upper())
    marking = "export.internal_mark" if brief.policy.exact else "brief.restricted"
    doc.cell(doc.width / 2, 4, t(marking, lang).upper(), align="R")
    doc.set_xy(MARGIN, 15)
    size = 19.0
    doc.text_style(size, "B", (255, 255, 255))
    while doc.get_string_width(brief.office) > doc.width and size > 12:
        size -= 0.5
        doc.text_style(size, "B", (255, 255, 255))
    doc.cell(0, 9, brief.office, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.text_style(12, "", (255, 255, 255))
    doc.cell(0, 7, f"{t('brief.title', lang)} · {brief.period.label(lang)}",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    doc.text_style(8, "", (190, 206, 224))
    doc.cell(0, 5, t("brief.subtitle", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    facts = [
        (t("brief.fact.region", lang), _region_line(brief)),
        (
            t("brief.fact.period", lang),
            f"{fmt_date(brief.period.start, lang)} – {fmt_date(brief.period.end, lang)}",
        ),
        (t("brief.fact.as_of", lang), fmt_date(brief.as_of, lang)),
        (t("brief.fact.made", lang), fmt_date(brief.generated_on, lang)),
    ]
    widths = (0.38, 0.28, 0.17, 0.17)
    top, bottom = 49.0, 0.0
    x = MARGIN
    for (label, value), share in zip(facts, widths, strict=True):
        doc.set_xy(x, top)
        doc.text_style(6.8, "B", MUTED)
        doc.cell(doc.width * share, 3.5, label.upper())
        doc.set_xy(x, top + 4)
        doc.text_style(8.4, "B")
        doc.multi_cell(doc.width * share - 3, 4.2, value, align="L")
        bottom = max(bottom, doc.get_y())
        x += doc.width * share
    doc.set_y(bottom + 1.5)
    doc.set_draw_color(*RULE)
    doc.line(MARGIN, doc.get_y(), doc.w - MARGIN, doc.get_y())


def _region_line(brief: Brief) -> str:
    if brief.region is None:
        return brief.region_name

    return f"{reference.region_label(brief.region)} ({brief.region})"


def _figures(doc: _Document) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.figures", lang), keep=60)
    gap, height = 3.0, 25.0
    width = (doc.width - 3 * gap) / 4
    top = doc.get_y()
    then = zip(brief.last_year, brief.last_year_change, strict=True)
    for i, (figure, (before, change)) in enumerate(zip(brief.figures, then, strict=True)):
        x = MARGIN + (i % 4) * (width + gap)
        y = top + (i // 4) * (height + gap)
        doc.set_fill_color(*PALE)
        doc.rect(x, y, width, height, style="F")
        doc.set_fill_color(*NAVY)
        doc.rect(x, y, 1.1, height, style="F")
        doc.set_xy(x + 3, y + 2)
        doc.text_style(7, colour=MUTED)
        doc.multi_cell(width - 4.5, 3.2, figure.label, align="L")
        doc.set_xy(x + 3, y + 9.5)
        doc.text_style(15, "B", NAVY)
        doc.cell(width - 4.5, 7, figure.value)
        if figure.delta:
            note = figure.delta
            if figure.delta_days:
                note = t("brief.change", lang, change=figure.delta, n=figure.delta_days)
            doc.set_xy(x + 3, y + 16.3)
            doc.text_style(6.8, "B" if figure.alert else "", ALERT if figure.alert else MUTED)
            doc.cell(width - 4.5, 3.5, note)
        doc.set_xy(x + 3, y + 20.2)
        note = last_year_note(before.value, change, lang)
        doc.text_style(6.8, colour=MUTED)
        if doc.get_string_width(note) > width - 4.5:  # a long share: smaller, never past the card
            doc.text_style(6.8 * (width - 4.5) / doc.get_string_width(note), colour=MUTED)
        doc.cell(width - 4.5, 3.5, note)
    doc.set_y(top + 2 * height + gap + 3)
    period = brief.period.label(lang)
    doc.paragraph(
        t(
            "brief.in_period",
            lang,
            period=period,
            arrivals=brief.policy.count(brief.period_arrivals),
            incidents=fmt_int(len(brief.incidents), lang),
            overdue=fmt_int(brief.action_counts.overdue, lang),
            date=fmt_date(brief.as_of, lang),
        )
        + " "
        + t("brief.last_year_note", lang, date=fmt_date(brief.last_year_date, lang)),
        size=8.5,
    )


def last_year_note(value: str, change: str, lang: str) -> str:
    """'Setahun lalu: 1.475 (+10)': a figure a year earlier and the change since."""
    note = t("brief.last_year", lang, value=value)
    return note if change == "–" else f"{note} ({change})"


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _legend(doc: _Document, entries: list[tuple[str, str, bool]], x: float, width: float) -> None:
    """The map's legend in the PDF (vector, crisp): title, then swatches flowing in `width`."""
    brief, lang = doc.brief, doc.brief.lang
    doc.set_x(x)
    doc.text_style(8, "B", NAVY)
    doc.cell(0, 4.5, t("brief.map.legend", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.text_style(7, colour=MUTED)
    doc.cell(0, 4, t("home.as_of", lang, date=fmt_date(brief.as_of, lang)),
             new_x=XPos.LEFT, new_y=YPos.NEXT)  # fmt: skip
    doc.ln(1)
    doc.text_style(7.5)
    cursor = x
    for colour, label, outline in entries:
        needed = 6 + doc.get_string_width(label) + 5
        if cursor > x and cursor + needed > x + width:
            doc.ln(5.5)
            cursor = x
        top = doc.get_y()
        if outline:
            doc.set_draw_color(*_rgb(colour))
            doc.set_line_width(0.5)
            doc.rect(cursor, top + 0.6, 4.5, 3.3)
            doc.set_line_width(0.2)
        else:
            doc.set_fill_color(*_rgb(colour))
            doc.set_draw_color(*RULE)
            doc.rect(cursor, top + 0.6, 4.5, 3.3, style="DF")
        doc.set_xy(cursor + 6, top)
        doc.cell(needed - 6, 4.5, label)
        cursor += needed
    doc.ln(5.5)


def _short_names(table: Table) -> Table:
    """The areas table for the column beside the map: short names, no code column."""
    return replace(
        table,
        columns=[table.columns[0], *table.columns[2:]],
        rows=[[labels.map_label(str(r[0])), *r[2:]] for r in table.rows],
        total=[table.total[0], *table.total[2:]] if table.total else None,
        widths=(3.2, 1.3, 1.3),
        numeric=frozenset({1, 2}),
    )


def _map(doc: _Document, tables: dict[str, Table]) -> None:
    """The map, with its legend and the table of its areas beside it (or under a wide map)."""
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.map", lang), keep=95)
    areas = tables["areas"]
    side = doc.width * 0.58
    room = doc.page_break_trigger - doc.get_y() - 12  # the caption
    drawing = map_image.area_map(
        brief, full_in=doc.width / MM, side_in=side / MM, max_height_in=min(5.2, room / MM)
    )
    width, height = drawing.width_in * MM, drawing.height_in * MM
    top = doc.get_y()
    doc.image(drawing.png, x=MARGIN, y=top, w=width, h=height)
    beside = not drawing.wide and 22 + (len(areas.rows[:PDF_ROWS]) + 2) * 6.6 <= room
    if beside:
        x = MARGIN + width + 5
        doc.set_y(top)
        _legend(doc, drawing.legend, x, doc.w - MARGIN - x)
        doc.ln(2)
        _table_title(doc, areas.title, x)
        doc.data_table(_short_names(areas), width=doc.w - MARGIN - x, align="RIGHT")
        doc.set_y(max(top + height, doc.get_y()))
        doc.caption(t("brief.map.caption", lang))
        return
    doc.set_y(top + height + 2)
    _legend(doc, drawing.legend, MARGIN, doc.width)
    doc.caption(t("brief.map.caption", lang))
    doc.ln(2)
    doc.ensure_space(30)
    _table_title(doc, areas.title, MARGIN)
    doc.data_table(areas)


def _origins(doc: _Document, tables: dict[str, Table]) -> None:
    """Nationalities and UNHCR statuses side by side, kept on one page."""
    lang = doc.brief.lang
    nationalities, statuses = tables["nationalities"], tables["statuses"]
    tallest = max(len(nationalities.rows), len(statuses.rows)) + 2
    doc.section(t("brief.section.presence", lang), keep=8 + tallest * 6.6)
    top = doc.get_y()
    left_width, gap = doc.width * 0.54, 6
    _table_title(doc, nationalities.title, MARGIN)
    doc.data_table(nationalities, width=left_width)
    left_end = doc.get_y()
    doc.set_y(top)
    _table_title(doc, statuses.title, MARGIN + left_width + gap)
    doc.data_table(statuses, width=doc.width - left_width - gap, align="RIGHT")
    doc.set_y(max(left_end, doc.get_y()))
    doc.caption(
        t("disclosure.rule" if not doc.brief.policy.exact else "export.internal_mark", lang)
    )


def _table_title(doc: _Document, title: str, x: float) -> None:
    doc.set_x(x)
    doc.text_style(8.8, "B", NAVY)
    doc.cell(0, 5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _trend(doc: _Document) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.trend", lang), keep=95)
    chart = figures.trend_chart(brief)
    if chart is None:
        reason = present_trend.protect(brief.trend, brief.policy).withheld or "too_few"
        doc.paragraph(t(f"disclosure.{reason}", lang))
        return
    doc.image(chart, x=MARGIN, w=doc.width, h=doc.width * 3.9 / 7.1)
    doc.caption(t("brief.trend.caption", lang))


def _incidents(doc: _Document, tables: dict[str, Table]) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.incidents", lang), keep=30)
    if brief.incidents.empty:
        doc.paragraph(t("brief.incidents.none", lang, period=brief.period.label(lang)))
        return
    doc.data_table(tables["incidents"])


def _actions(doc: _Document, tables: dict[str, Table]) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.actions", lang), keep=30)
    counts = brief.action_counts
    doc.paragraph(
        t(
            "brief.actions.intro",
            lang,
            open=fmt_int(counts.open, lang),
            overdue=fmt_int(counts.overdue, lang),
            date=fmt_date(brief.as_of, lang),
        )
    )
    doc.ln(1.5)
    if not brief.actions.empty:
        doc.data_table(tables["actions"])
    _on_time(doc, tables["on_time"])


def _on_time(doc: _Document, table: Table) -> None:
    """The on-time rate per agency under the actions: a table, and a sentence when empty."""
    lang = doc.brief.lang
    doc.ln(3)
    doc.ensure_space(30)
    _table_title(doc, table.title, MARGIN)
    if not table.rows:
        doc.paragraph(t("brief.on_time.none", lang))
        return
    doc.data_table(table)
    doc.caption(t("brief.on_time.caption", lang))


def _closing(doc: _Document) -> None:
    brief, lang = doc.brief, doc.brief.lang
    doc.section(t("brief.notes", lang), keep=50)
    notes = [
        t(
            "brief.notes.sources",
            lang,
            date=fmt_date(brief.as_of, lang),
            made=fmt_date(brief.generated_on, lang),
        ),
        t("brief.notes.internal" if brief.policy.exact else "brief.notes.privacy", lang),
        t("brief.notes.actions", lang, made=fmt_date(brief.generated_on, lang)),
        t("brief.notes.map", lang),
    ]
    for note in notes:
        doc.text_style(8)
        doc.cell(4, 4, "•")
        doc.multi_cell(0, 4, note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.ln(0.8)
    doc.ln(1.5)
    doc.text_style(8, "B", NAVY)
    doc.cell(0, 5, t("brief.definitions", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for key in ("national_total", "refugees", "asylum_seekers", "document_share",
                "arrivals_30", "kecamatan", "actions"):  # fmt: skip
        doc.text_style(7.3, "B")
        doc.cell(doc.get_string_width(t(f"home.{key}", lang)) + 1.5, 3.6, t(f"home.{key}", lang))
        doc.text_style(7.3, colour=MUTED)
        doc.multi_cell(0, 3.6, t(f"home.{key}.help", lang), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        doc.ln(0.6)


def render_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes."""
    doc = _Document(brief)
    doc.add_page()
    tables = all_tables(brief)
    _cover(doc)
    _figures(doc)
    _map(doc, tables)
    _origins(doc, tables)
    _trend(doc)
    _incidents(doc, tables)
    _actions(doc, tables)
    _closing(doc)
    return bytes(doc.output())
