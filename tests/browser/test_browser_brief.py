"""The brief page in a real browser: choose a month, download the PDF and the workbook (made
on click in Streamlit's download thread), and find both downloads in the audit log."""

from __future__ import annotations

import io
import time
from pathlib import Path

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from pora_dash.store import db
from pora_dash.store.models import AuditEntry
from tests.chromium import chromium_page, running_app, sign_in

PASSWORD = "demo-pora-2024"


def _exports(url: str, username: str, timeout: float = 30) -> list[str]:
    """The targets of the user's export audit entries, once the callback has written them."""
    deadline = time.monotonic() + timeout
    while True:
        with db.session_scope(url) as session:
            targets = session.scalars(
                select(AuditEntry.target).where(
                    AuditEntry.event == "export", AuditEntry.username == username
                )
            ).all()
        if len(targets) >= 2 or time.monotonic() > deadline:
            return list(targets)
        time.sleep(0.3)


@pytest.mark.browser
def test_choose_a_month_and_download_the_brief(demo_copy: str, tmp_path: Path) -> None:
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1600, 1100) as page,
    ):
        sign_in(page, base, "pimpinan", PASSWORD, path="brief?wilayah=31.75")
        page.get_by_text("Bahan rakor · Tim PORA Kota Administrasi Jakarta Timur").wait_for()
        page.get_by_label("Bulan", exact=True).click()
        page.keyboard.type("Oktober 2024")  # a long list is virtualised: filter first
        page.get_by_role("option", name="Oktober 2024").click()
        page.get_by_text("Angka utama bahan rakor Oktober 2024").wait_for()
        assert "periode_rakor=2024-10" in page.url
        shown = page.get_by_test_id("stMetric").first.inner_text()

        with page.expect_download(timeout=60_000) as pdf_download:
            page.get_by_role("button", name="Unduh PDF").click()
        pdf_file = tmp_path / pdf_download.value.suggested_filename
        pdf_download.value.save_as(pdf_file)
        with page.expect_download(timeout=60_000) as xlsx_download:
            page.get_by_role("button", name="Unduh Excel").click()
        xlsx_file = tmp_path / xlsx_download.value.suggested_filename
        xlsx_download.value.save_as(xlsx_file)
        outside = [u for u in page.requests_seen if not u.startswith(base)]  # type: ignore[attr-defined]

    assert pdf_file.name == "bahan-rakor-31.75-2024-10.pdf"
    cover = " ".join(
        pypdf.PdfReader(io.BytesIO(pdf_file.read_bytes())).pages[0].extract_text().split()
    )
    assert "Tim PORA Kota Administrasi Jakarta Timur" in cover
    assert "Bahan Rapat Koordinasi · Oktober 2024" in cover
    label, value = shown.splitlines()[:2]  # the page's first figure is the PDF's first figure
    assert f"{label} {value}" in cover
    assert openpyxl.load_workbook(xlsx_file).sheetnames[0] == "Angka utama"
    assert set(_exports(demo_copy, "pimpinan")) == {pdf_file.name, xlsx_file.name}
    assert not outside
