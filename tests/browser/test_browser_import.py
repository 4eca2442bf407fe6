"""The import page in a real browser, on a private copy of the demo data, as an operator sees
it: a file with one bad row is previewed with that problem at its row and column, cannot be
saved, and nothing is written; the corrected file shows the region matches (one similar
spelling to confirm), and after confirming, Save writes both persons and shows the counts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import ImportRecord, Person
from tests import import_world as world
from tests.chromium import chromium_page, running_app, sign_in

PASSWORD = "demo-pora-2024"
SHOTS = os.environ.get("PORA_SCREENSHOTS")
REFS = {"UJI-BROWSER-1", "UJI-BROWSER-2"}
WAIT = 60_000  # ms; the shared test machine can be slow, a real failure still fails


def _rows(arrival: str) -> list[list[str]]:
    return [
        [
            "UNHCR",
            "UJI-BROWSER-1",
            "Nama Uji Satu",
            "",
            "Palestina",
            "Pengungsi",
            "L",
            "1988",
            "17/07/2024",
            "Kab. Brebes",
            "Sirampok",
            "Mandiri",
        ],
        [
            "UNHCR",
            "UJI-BROWSER-2",
            "Nama Uji Dua",
            "",
            "Somalia",
            "Pencari suaka",
            "P",
            "1995",
            arrival,
            "Kabupaten Brebes",
            "Tonjong",
            "Mandiri",
        ],
    ]


def _state(url: str) -> tuple[set[str], int]:
    """The test's persons in the database, and how many imports are logged."""
    with db.session_scope(url) as session:
        found = set(session.scalars(select(Person.source_ref).where(Person.source_ref.in_(REFS))))
        logged = int(session.scalar(select(func.count()).select_from(ImportRecord)) or 0)
    return found, logged


def _metric(page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def _table_rows(grid) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The cells of a st.dataframe as the grid's accessible table holds them."""
    return [
        [cell.text_content() or "" for cell in row.locator("td").all()]
        for row in grid.locator("tbody tr").all()
    ]


@pytest.mark.browser
def test_upload_preview_commit(demo_copy: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    bad = tmp_path / "daftar-unhcr-rusak.csv"
    bad.write_bytes(world.csv_bytes(_rows("31/02/2024")))  # row 3: a date that does not exist
    good = tmp_path / "daftar-unhcr.csv"
    good.write_bytes(world.csv_bytes(_rows("02/03/2024")))
    _, logged_before = _state(demo_copy)
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1440, 900) as page,
    ):
        page.set_default_timeout(WAIT)
        sign_in(page, base, "operator.pemalang", PASSWORD, path="impor")
        expect(page.get_by_role("heading", name="Impor data", exact=True)).to_be_visible()
        save = page.get_by_role("button").filter(has_text="Simpan ke basis data")

        # the file with one bad row: the problem at its row and column, no way to save
        page.locator("input[type=file]").set_input_files(str(bad))
        problems = page.get_by_test_id("stAlertContentError").filter(has_text="masalah ditemukan")
        expect(problems).to_contain_text("1 masalah ditemukan", timeout=WAIT)
        expect(_metric(page, "Baris bermasalah")).to_have_text("1")
        expect(_metric(page, "Akan ditambah")).to_have_text("–")
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid.locator("thead th")).to_have_text(["Baris", "Kolom", "Masalah"])
        expect(grid.locator("tbody tr")).to_have_count(1)
        row, column, message = _table_rows(grid)[0]
        assert (row, column) == ("3", "Tanggal tiba")
        assert message.startswith("31/02/2024 bukan tanggal yang ada")
        expect(save).to_be_disabled()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-masalah.png")
        assert _state(demo_copy) == (set(), logged_before)  # a preview writes nothing

        # the corrected file: counts, region matches, a similar spelling to confirm
        page.locator("input[type=file]").set_input_files(str(good))  # replaces the file
        expect(problems).to_have_count(0, timeout=WAIT)
        expect(_metric(page, "Akan ditambah")).to_have_text("2", timeout=WAIT)
        expect(_metric(page, "Baris bermasalah")).to_have_text("0")
        expect(page.get_by_text("Kecocokan wilayah", exact=True)).to_be_visible()
        matches = page.get_by_test_id("stDataFrame").first
        expect(matches.locator("tbody tr")).to_have_count(2)
        found = {r[0]: (r[1], r[3]) for r in _table_rows(matches)}
        assert found == {
            "Sirampok / Kab. Brebes": ("33.29.05", "ejaan mirip — periksa"),
            "Tonjong / Kabupaten Brebes": ("33.29.06", "nama sama"),
        }
        expect(save).to_be_disabled()  # until the similar spelling is confirmed
        page.get_by_text("Saya sudah memeriksa kecocokan wilayah di atas").click()
        expect(save).to_be_enabled(timeout=WAIT)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-pratinjau.png")
        assert _state(demo_copy) == (set(), logged_before)

        save.click()
        expect(page.get_by_test_id("stAlertContentSuccess").locator("p")).to_have_text(
            "Impor tersimpan: 2 ditambah, 0 diperbarui, 0 tetap, 0 perpindahan dicatat.",
            timeout=WAIT,
        )
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-tersimpan.png")
        assert _state(demo_copy) == (REFS, logged_before + 1)
    with db.session_scope(demo_copy) as session:
        people = {
            p.source_ref: p
            for p in session.scalars(select(Person).where(Person.source_ref.in_(REFS)))
        }
        assert people["UJI-BROWSER-1"].kecamatan_code == "33.29.05"
        assert people["UJI-BROWSER-2"].nationality == "SOM"
        log = session.scalars(select(ImportRecord).order_by(ImportRecord.id.desc())).first()
        assert log is not None and (log.username, log.file_name, log.added) == (
            "operator.pemalang",
            "daftar-unhcr.csv",
            2,
        )
