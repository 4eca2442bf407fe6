"""CSV and Excel writers: the one way data leaves the app as a file.

Every file carries the filter it was made with on its first line, never contains names or
document numbers (privacy.PERSONAL_COLUMNS are refused), and neutralises spreadsheet formulas:
any text cell starting with = + - @ tab or carriage return gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it. Audit is the caller's `audited_download`.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

import pandas as pd
import xlsxwriter

from pora_dash.access.permissions import PERSONAL_COLUMNS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """Refused export (e.g. personal columns in an aggregate file)."""


def neutralise(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _checked(frame: pd.DataFrame, *, allow_personal: bool) -> pd.DataFrame:
    if not allow_personal:
        leaked = PERSONAL_COLUMNS.intersection(map(str, frame.columns))
        if leaked:
            raise ExportError(f"personal columns in an export: {sorted(leaked)}")
    # every column, whatever its dtype (pandas 3 stores text as `str`, not `object`)
    return frame.apply(lambda column: column.map(neutralise))


def to_csv(
    frame: pd.DataFrame, header_lines: Sequence[str], *, allow_personal: bool = False
) -> bytes:
    """UTF-8 with BOM (Excel opens it with the right characters), `;`-free comma CSV."""
    safe = _checked(frame, allow_personal=allow_personal)
    out = io.StringIO()
    writer = csv.writer(out)
    for line in header_lines:
        writer.writerow([neutralise(line)])
    writer.writerow([])
    writer.writerow([neutralise(str(c)) for c in safe.columns])
    writer.writerows(safe.itertuples(index=False, name=None))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_name(title: str) -> str:
    """Excel forbids []:*?/\\ in sheet names and allows 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31] or "Sheet"


def to_excel(
    sheets: dict[str, pd.DataFrame], header_lines: Sequence[str], *, allow_personal: bool = False
) -> bytes:
    """One sheet per table; the header lines on top of each sheet; no formulas, ever."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    for name, frame in sheets.items():
        safe = _checked(frame, allow_personal=allow_personal)
        sheet = book.add_worksheet(sheet_name(name))
        for row, line in enumerate(header_lines):
            sheet.write_string(row, 0, str(neutralise(line)))
        top = len(header_lines) + 1
        for col, title in enumerate(safe.columns):
            sheet.write_string(top, col, str(neutralise(str(title))), bold)
            sheet.set_column(col, col, max(12, min(40, len(str(title)) + 2)))
        for r, values in enumerate(safe.itertuples(index=False, name=None), start=top + 1):
            for c, value in enumerate(values):
                if value is None or (isinstance(value, float) and pd.isna(value)):
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()
