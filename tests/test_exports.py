"""Files that leave the app: filter line on top, formulas neutralised, no personal columns,
small counts suppressed, and every download audited."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from pora_dash import db, exports
from pora_dash.models import AuditEntry
from pora_dash.privacy import Policy, export_column
from tests.apptest import app_as

PAYLOADS = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://evil","x")',
]


def _frame(values: list[str]) -> pd.DataFrame:
    # pandas 3 stores these as the `str` dtype: the escaper must not skip them
    return pd.DataFrame({"Wilayah": values, "Jumlah": list(range(len(values)))})


def test_csv_neutralises_formulas_in_every_text_column() -> None:
    data = exports.to_csv(_frame(PAYLOADS), ["=evil()", "Wilayah: Kabupaten Brebes"])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["'=evil()"]
    assert rows[1] == ["Wilayah: Kabupaten Brebes"]
    rows = rows[1:]
    cells = [r[0] for r in rows[3:]]
    assert all(c.startswith("'") for c in cells), cells


def test_excel_has_the_filter_line_no_formulas_and_opens() -> None:
    data = exports.to_excel({"Tabel": _frame(PAYLOADS)}, ["Wilayah: Kabupaten Brebes"])
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Tabel"]
    assert sheet["A1"].value == "Wilayah: Kabupaten Brebes"
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            assert cell.data_type != "f", cell.value  # never a formula
    values = [sheet.cell(row=r, column=1).value for r in range(4, 4 + len(PAYLOADS))]
    assert all(str(v).startswith("'") for v in values)
    assert sheet.cell(row=4, column=2).value == 0  # numbers stay numbers


@pytest.mark.parametrize("column", ["full_name", "document_number", "source_ref", "case_number"])
def test_personal_columns_are_refused(column: str) -> None:
    with pytest.raises(exports.ExportError):
        exports.to_csv(pd.DataFrame({column: ["x"]}), [])


@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_no_exported_text_cell_can_start_a_formula(values: list[str]) -> None:
    data = exports.to_csv(pd.DataFrame({"t": values}), [])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows[3:]:
        assert not row or not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_suppressed_export_column() -> None:
    assert export_column([3, 40, 12], Policy(suppress=True)) == ["<5", 40, "<5"]
    assert export_column([3, 40, 12], Policy(suppress=False)) == [3, 40, 12]


def test_overview_download_is_suppressed_and_audited(demo_db: str, use_db, tmp_path) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", params={"wilayah": "33"})
    buttons = {b.label: b for b in at.get("download_button")}
    assert set(buttons) >= {"CSV", "Excel"}
    with db.session_scope(demo_db) as session:
        before = len(session.scalars(select(AuditEntry).where(AuditEntry.event == "export")).all())
    buttons["CSV"].click().run()
    with db.session_scope(demo_db) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.event == "export")).all()
    assert len(entries) == before + 1
    assert entries[-1].username == "pimpinan" and entries[-1].target == "ringkasan.csv"


def test_sheet_names_are_made_valid() -> None:
    assert exports.sheet_name("Kabupaten/kota teratas") == "Kabupaten-kota teratas"
    assert len(exports.sheet_name("x" * 40)) == 31
