"""Files that leave the app: filter line on top, formulas neutralised, no personal columns,
counts of people protected unless a team member chooses the internal variant, and every
download audited."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import overview
from pora_dash.render import exports
from pora_dash.store import db
from pora_dash.store.models import AuditEntry
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


def csv_counts(text: str) -> dict[str, str]:
    """Code -> count of an overview CSV (columns: name, code, count)."""
    rows = list(csv.reader(io.StringIO(text)))
    start = next(i for i, r in enumerate(rows) if r[:1] == ["Wilayah"]) + 1
    return {r[1]: r[2] for r in rows[start:] if len(r) >= 3}


def last_export(url: str) -> tuple[str | None, dict]:
    with db.session_scope(url) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.event == "export").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        return entry.username, json.loads(entry.detail or "{}")


def exact_by_area(url: str, region: str) -> dict[str, int]:
    with db.session_scope(url) as session:
        frame = overview.by_area(session, filters=Filters(wilayah=region), scope=Scope.national())
    return {str(c): int(n) for c, n in zip(frame["code"], frame["count"], strict=True)}


def test_a_team_members_download_is_protected_unless_internal_and_audited(
    demo_copy: str, use_db, downloads
) -> None:
    use_db(demo_copy)
    exact = exact_by_area(demo_copy, "31")
    at = app_as(demo_copy, "pimpinan", params={"wilayah": "31"})
    protected = downloads["ringkasan.csv"].decode("utf-8-sig")
    assert protected.splitlines()[0] == "Angka orang dibulatkan ke kelipatan 5; <5 = 1–4."
    shown = csv_counts(protected)
    assert set(shown) == set(exact)
    for code, value in shown.items():
        if 0 < exact[code] < 5:
            assert value == "<5"
        else:
            assert int(value) % 5 == 0 and abs(int(value) - exact[code]) <= 2
    at.get("download_button")[0].click().run()
    assert last_export(demo_copy)[1]["variant"] == "protected"

    at.toggle(key="internal_ringkasan").set_value(True).run()
    internal = downloads["ringkasan.csv"].decode("utf-8-sig")
    assert internal.splitlines()[0] == "TERBATAS — untuk anggota Tim PORA"
    assert {c: int(v) for c, v in csv_counts(internal).items()} == exact
    at.get("download_button")[0].click().run()
    username, detail = last_export(demo_copy)
    assert username == "pimpinan" and detail["variant"] == "internal"


def test_a_viewer_has_no_internal_variant(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pemirsa.jakarta", params={"wilayah": "31"})
    assert at.get("download_button")
    assert not [t for t in at.toggle if t.key == "internal_ringkasan"]


def test_overview_download_is_audited(demo_db: str, use_db, tmp_path) -> None:
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


def test_a_file_is_made_on_click_in_the_sessions_language(demo_db: str, use_db, downloads) -> None:
    """The files are made when a button is clicked, outside the page's run (Streamlit's
    download thread): they still speak the session's language and hold its filter."""
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", params={"wilayah": "33"}, lang="en")
    assert not at.exception
    lines = downloads["ringkasan.csv"].decode("utf-8-sig").splitlines()
    assert lines[0] == "Counts of people rounded to a multiple of 5; <5 = 1–4."
    assert "Jawa Tengah" in lines[2]
    book = openpyxl.load_workbook(io.BytesIO(downloads["ringkasan.xlsx"]))
    assert book.worksheets[0]["A1"].value == lines[0]
