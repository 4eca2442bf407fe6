"""The import page in a real browser, on a private copy of the demo data: a file with a bad
row is previewed with its problem and cannot be saved; the corrected file shows the region
matches (one similar spelling to confirm), and after confirming, Save writes both persons."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from pora_dash import db
from pora_dash.models import ImportRecord, Person
from tests import import_world as world
from tests.browser import chromium_page, running_app, sign_in

PASSWORD = "demo-pora-2024"
SHOTS = os.environ.get("PORA_SCREENSHOTS")


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


def _wait_for_persons(url: str, refs: set[str], timeout: float = 45) -> set[str]:
    deadline = time.monotonic() + timeout
    while True:
        with db.session_scope(url) as session:
            found = set(
                session.scalars(select(Person.source_ref).where(Person.source_ref.in_(refs)))
            )
        if found == refs or time.monotonic() > deadline:
            return found
        time.sleep(0.3)


@pytest.mark.browser
def test_upload_preview_commit(demo_copy: str, tmp_path: Path) -> None:
    bad = tmp_path / "daftar-unhcr-rusak.csv"
    bad.write_bytes(world.csv_bytes(_rows("31/02/2024")))
    good = tmp_path / "daftar-unhcr.csv"
    good.write_bytes(world.csv_bytes(_rows("02/03/2024")))
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1440, 1000) as page,
    ):
        sign_in(page, base, "operator.pemalang", PASSWORD, path="impor")
        page.get_by_role("heading", name="Impor data").wait_for()
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_text("1 masalah ditemukan").wait_for()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-masalah.png", full_page=True)
        save = page.get_by_role("button").filter(has_text="Simpan ke basis data")
        assert save.is_disabled()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-masalah.png", full_page=True)

        page.locator("input[type=file]").set_input_files(str(good))  # replaces the file
        page.get_by_text("1 masalah ditemukan").wait_for(state="detached")
        page.get_by_text("Kecocokan wilayah", exact=True).wait_for()
        added = page.get_by_test_id("stMetric").filter(has_text="Akan ditambah")
        assert added.get_by_test_id("stMetricValue").inner_text() == "2"
        assert save.is_disabled()  # a similar spelling waits for confirmation
        page.get_by_text("Saya sudah memeriksa kecocokan wilayah di atas").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some("
            "b => b.innerText.includes('Simpan ke basis data') && !b.disabled)"
        )
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-pratinjau.png", full_page=True)
        save.click()
        refs = {"UJI-BROWSER-1", "UJI-BROWSER-2"}
        assert _wait_for_persons(demo_copy, refs) == refs
        page.get_by_text("Impor tersimpan: 2 ditambah, 0 diperbarui, 0 tetap").wait_for()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/impor-tersimpan.png", full_page=True)
    with db.session_scope(demo_copy) as session:
        people = {
            p.source_ref: p
            for p in session.scalars(select(Person).where(Person.source_ref.in_(refs)))
        }
        assert people["UJI-BROWSER-1"].kecamatan_code == "33.29.05"
        assert people["UJI-BROWSER-2"].nationality == "SOM"
        log = session.scalars(select(ImportRecord).order_by(ImportRecord.id.desc())).first()
        assert log is not None and (log.username, log.file_name, log.added) == (
            "operator.pemalang",
            "daftar-unhcr.csv",
            2,
        )
