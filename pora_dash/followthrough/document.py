"""The A4 page shared by minutes and letters: the brief's font and palette (brief/pdf.py),
a letterhead band, a footer with the date made and "page n", and small building blocks."""

from __future__ import annotations

import datetime as dt

from fpdf import FontFace
from fpdf.enums import XPos, YPos

from pora_dash.brief.pdf import (
    FONT,
    FONT_DIR,
    INK,
    MARGIN,
    MUTED,
    NAVY,
    PALE,
    RULE,
    StyledPDF,
)
from pora_dash.i18n import fmt_date, t


class Page(StyledPDF):
    def __init__(self, *, title: str, author: str, lang: str, made: dt.date) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        for style, file in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold")):
            self.add_font(FONT, style, str(FONT_DIR / f"{file}.ttf"))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("Dasbor PORA")
        self.set_lang("id-ID" if lang == "id" else "en-US")
        self.lang = lang
        self.made = made

    def footer(self) -> None:
        self.set_y(-12)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, self.w - MARGIN, self.get_y() - 1.5)
        self.text_style(7, colour=MUTED)
        made = t("followthrough.footer", self.lang, date=fmt_date(self.made, self.lang))
        self.cell(self.width * 0.75, 4, made)
        self.cell(self.width * 0.25, 4, t("brief.page", self.lang, n=self.page_no(),
                  total="{nb}"), align="R")  # fmt: skip

    def letterhead(self, team: str, office: str) -> None:
        """The team and the office, centred above a double rule, as on a kop surat."""
        self.text_style(13, "B", NAVY)
        self.cell(0, 7, team.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.text_style(9.5, colour=INK)
        self.cell(0, 5, office, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y() + 1.5
        self.set_draw_color(*NAVY)
        self.set_line_width(0.7)
        self.line(MARGIN, y, self.w - MARGIN, y)
        self.set_line_width(0.2)
        self.line(MARGIN, y + 1.1, self.w - MARGIN, y + 1.1)
        self.set_y(y + 5)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.text_style(10.5, "B", NAVY)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, *, size: float = 9.5, style: str = "") -> None:
        self.text_style(size, style)
        self.multi_cell(0, size * 0.52, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, rows: list[tuple[str, str]], *, label_width: float = 38) -> None:
        for label, value in rows:
            self.text_style(9.5)
            self.cell(label_width, 5, label)
            self.cell(4, 5, ":")
            self.multi_cell(0, 5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(self, columns: list[str], rows: list[list[str]], widths: tuple[float, ...]) -> None:
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=NAVY, size_pt=8)
        self.text_style(8.3)
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)
        with self.table(
            width=self.width,
            col_widths=widths,
            headings_style=heading,
            line_height=4.2,
            padding=(1.2, 1.5),
            borders_layout="HORIZONTAL_LINES",
            cell_fill_color=PALE,
            cell_fill_mode="ROWS",
            v_align="TOP",
            text_align="LEFT",
        ) as table:
            table.row(columns)
            for cells in rows:
                table.row(cells)

    def signatures(self, left: tuple[str, str], right: tuple[str, str]) -> None:
        """Two signature boxes: role above, space to sign, the name line below."""
        if self.get_y() + 42 > self.page_break_trigger:
            self.add_page()
        self.ln(8)
        top, half = self.get_y(), self.width / 2
        for i, (role, under) in enumerate((left, right)):
            if not role:
                continue  # a letter has one signer, on the right
            x = MARGIN + i * half
            self.set_xy(x, top)
            self.text_style(9.5)
            self.cell(half, 5, role, align="C")
            self.set_xy(x, top + 26)
            self.cell(half, 5, "(" + "." * 40 + ")", align="C")
            self.set_xy(x, top + 31)
            self.text_style(8, colour=MUTED)
            self.cell(half, 4, under, align="C")
        self.set_y(top + 38)
