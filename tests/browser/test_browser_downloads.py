"""A page's CSV and Excel files in a real browser. They are made when a button is clicked, in
Streamlit's download thread, outside the page's run: they must still be the session's files
(its language, its filter, its choice of variant) and be audited under its user."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import overview
from pora_dash.store import db
from pora_dash.store.models import AuditEntry, User
from tests.chromium import chromium_page, running_app, settled

PASSWORD = "demo-pora-2024"


def _exports(url: str, count: int, timeout: float = 30) -> list[tuple[str | None, str, dict]]:
    """The export audit entries (user, file, detail), once `count` of them are written."""
    deadline = time.monotonic() + timeout
    while True:
        with db.session_scope(url) as session:
            rows = session.execute(
                select(AuditEntry.username, AuditEntry.target, AuditEntry.detail)
                .where(AuditEntry.event == "export")
                .order_by(AuditEntry.id)
            ).all()
        if len(rows) >= count or time.monotonic() > deadline:
            return [(u, str(t), json.loads(d or "{}")) for u, t, d in rows]
        time.sleep(0.3)


def _download(page, name: str, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settled(page)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name=name, exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


@pytest.mark.browser
def test_the_overview_files_are_the_sessions_own(demo_copy: str, tmp_path: Path) -> None:
    with db.session_scope(demo_copy) as session:
        session.execute(update(User).where(User.username == "pimpinan").values(language="en"))
        exact = overview.by_area(session, filters=Filters(wilayah="33"), scope=Scope.national())
    exact_counts = {str(c): int(n) for c, n in zip(exact["code"], exact["count"], strict=True)}
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1600, 1100) as page,
    ):
        page.goto(f"{base}/?wilayah=33")  # the form is Indonesian until the user is known
        page.get_by_label("Nama pengguna").fill("pimpinan")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_role("heading", name="Overview · Jawa Tengah").wait_for()
        protected = _download(page, "CSV", tmp_path)
        page.get_by_text("Internal variant (exact counts, RESTRICTED)").click()
        internal = _download(page, "Excel", tmp_path)

    assert protected.name == "ringkasan.csv" and internal.name == "ringkasan.xlsx"
    rows = list(csv.reader(io.StringIO(protected.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Counts of people rounded to a multiple of 5; <5 = 1–4."]
    assert "Jawa Tengah" in rows[2][0]
    start = next(i for i, r in enumerate(rows) if r[1:2] == ["Code"] or r[1:2] == ["Kode"]) + 1
    shown = {r[1]: r[2] for r in rows[start:] if len(r) >= 3}
    assert set(shown) == set(exact_counts)
    for code, value in shown.items():
        n = exact_counts[code]
        assert value == "<5" if 0 < n < 5 else int(value) % 5 == 0 and abs(int(value) - n) <= 2

    sheet = openpyxl.load_workbook(internal).worksheets[0]
    assert str(sheet["A1"].value).startswith("TERBATAS (RESTRICTED)")
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=1)]
    header = next(i for i, r in enumerate(values) if "Code" in r or "Kode" in r)
    code_col = values[header].index("Code" if "Code" in values[header] else "Kode")
    in_book = {str(r[code_col]): int(r[code_col + 1]) for r in values[header + 1 :] if r[code_col]}
    assert in_book == exact_counts

    audited = _exports(demo_copy, 2)
    assert [(u, t, d["variant"]) for u, t, d in audited] == [
        ("pimpinan", "ringkasan.csv", "protected"),
        ("pimpinan", "ringkasan.xlsx", "internal"),
    ]
    assert all("Jawa Tengah" in d["filter"] for _, _, d in audited)
