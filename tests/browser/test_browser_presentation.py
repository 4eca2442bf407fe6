"""Presentation mode in a real browser: the keyboard moves the slides (clickers send arrow
keys and Page Up / Page Down), the sidebar is gone, and no name or document number of
anyone in the database appears on any slide. Optional: screenshots of three slides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from pora_dash.store import db
from pora_dash.ui.presentation import SLIDES
from tests.browser.test_browser_map import _settle
from tests.chromium import ROOT, chromium_page

PASSWORD = "demo-pora-2024"
pytestmark = pytest.mark.browser


def _open(page, base: str, username: str, path: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in on the slides themselves (their sidebar, with the sign-out button, is hidden)."""
    page.goto(f"{base}/{path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator(".pora-slide-footer").wait_for()
    _settle(page)


def _footer(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".pora-slide-footer").inner_text()


def test_keyboard_moves_slides_and_nothing_personal_is_shown(
    live_app: str, demo_db: str, browser_page
) -> None:
    with db.session_scope(demo_db) as session:
        personal = {
            v
            for row in session.execute(text("SELECT full_name, document_number FROM persons")).all()
            for v in row
            if v
        }
    assert len(personal) > 1000, "the demo data has names and document numbers to look for"

    page = browser_page
    _open(page, live_app, "admin", "presentasi?wilayah=31.71")
    assert not page.get_by_test_id("stSidebar").is_visible()
    seen = []
    for n in range(1, len(SLIDES) + 1):
        page.wait_for_function(
            "t => document.querySelector('.pora-slide-footer')?.innerText.includes(t)",
            arg=f"Slide {n} dari {len(SLIDES)}",
        )
        _settle(page)
        body = page.locator("body").inner_text()
        leaked = [v for v in personal if v in body]
        assert not leaked, f"slide {n} shows {leaked[:3]}"
        seen.append(page.get_by_test_id("stMain").get_by_role("heading").first.inner_text())
        page.keyboard.press("PageDown" if n % 2 else "ArrowRight")
    assert len(set(seen)) == len(SLIDES)
    page.keyboard.press("PageUp")
    page.wait_for_function(
        "t => document.querySelector('.pora-slide-footer')?.innerText.includes(t)",
        arg=f"Slide {len(SLIDES) - 1} dari",
    )
    page.keyboard.press("Escape")
    page.get_by_test_id("stSidebar").get_by_text("Keluar").wait_for()  # back on the overview


def test_screenshots_of_three_slides(live_app: str) -> None:
    """`PORA_SCREENSHOTS=1 pytest -k screenshots` writes docs/screenshots/slide-*.png."""
    if os.environ.get("PORA_SCREENSHOTS") != "1":
        pytest.skip("set PORA_SCREENSHOTS=1 to write docs/screenshots/")
    out = Path(ROOT) / "docs" / "screenshots"
    with chromium_page(1920, 1080) as page:
        _open(page, live_app, "pimpinan", "presentasi?wilayah=31")
        for n, name in [(1, "headline"), (4, "trend"), (6, "actions")]:
            while f"Slide {n} dari" not in _footer(page):
                page.keyboard.press("ArrowRight")
                page.wait_for_timeout(300)
                _settle(page)
            page.wait_for_timeout(1500)
            page.mouse.move(1900, 1060)  # no hovered sidebar entry or toolbar
            page.screenshot(path=out / f"slide-{n}-{name}.png")
            assert (out / f"slide-{n}-{name}.png").stat().st_size > 10_000
