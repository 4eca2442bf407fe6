"""A comparison link opened in a real browser: both sides are shown, with the change, and the
"Bandingkan" control is open on the comparison the link asks for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_map import PASSWORD
from tests.chromium import ROOT, chromium_page, settled, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "first", "second", "picked"),
    [
        (
            "?wilayah=12.71&banding_wilayah=14.71",
            "Kota Medan",
            "Kota Pekanbaru",
            "Kota Pekanbaru, Riau",
        ),
        ("asal?wilayah=12.71&banding=2025-11", "22 November 2026", "30 November 2025", "Nov 2025"),
    ],
)
def test_a_comparison_link_shows_both_sides(
    live_app: str, path: str, first, second, picked
) -> None:
    with chromium_page(1280, 720) as page:
        sign_in(page, live_app, "admin", PASSWORD, path)
        heading = page.get_by_role("heading", name=f"Perbandingan: {first} dan {second}")
        heading.wait_for()
        settled(page)
        grids = page.get_by_test_id("stDataFrame")
        # the headline figures, the statuses and the nationalities: each with both sides
        for i in range(3):
            expect(grids.nth(i).locator("tbody tr").first).to_be_attached()
            headers = grids.nth(i).locator("thead th").all_text_contents()
            assert [first, second, "Selisih"] == headers[-3:], headers
        figures = grids.nth(0).locator("tbody tr").all_text_contents()
        assert any(row.startswith("Orang asing perhatian aktif") for row in figures), figures
        totals = grids.nth(1).locator("tbody tr").all_text_contents()
        assert totals[-1].startswith("Jumlah"), totals
        # the control is open on the comparison the link asks for
        label = "Akhir bulan" if "banding=" in path else "Wilayah pembanding"
        expect(page.get_by_role("combobox", name=label)).to_have_value(picked)
        assert page.url.endswith(path)  # the link stays the comparison


def test_screenshots_for_the_docs(live_app: str) -> None:
    """`PORA_SCREENSHOTS=1 pytest -k screenshots` writes docs/screenshots/banding-ringkasan.png
    (1920×1080, at the comparison), banding-asal.png (1280×720) and slide-7-compare.png."""
    if os.environ.get("PORA_SCREENSHOTS") != "1":
        pytest.skip("set PORA_SCREENSHOTS=1 to write docs/screenshots/")
    out = Path(ROOT) / "docs" / "screenshots"
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD, "?wilayah=12.71&banding_wilayah=14.71")
        heading = page.get_by_role("heading", name="Perbandingan: Kota Medan dan Kota Pekanbaru")
        heading.wait_for()
        settled(page)
        heading.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.mouse.move(1900, 1060)  # off the sidebar: no hovered entry, no collapse button
        page.wait_for_timeout(1500)
        page.screenshot(path=out / "banding-ringkasan.png")
    with chromium_page(1280, 720) as page:
        sign_in(page, live_app, "admin", PASSWORD, "asal?wilayah=12.71&banding=2025-11")
        page.get_by_role("heading", name="Perbandingan: 22 November 2026").wait_for()
        settled(page)
        page.mouse.move(1260, 700)
        page.wait_for_timeout(1500)
        page.screenshot(path=out / "banding-asal.png")
        # the slides as leadership presents them (protected), signed in on the slides
        page.context.clear_cookies(name="pora_session")
        page.goto(f"{live_app}/presentasi?wilayah=12.71&banding_wilayah=14.71&slide=7")
        page.get_by_label("Nama pengguna").fill("pimpinan")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.locator(".pora-slide-footer").wait_for()
        settled(page)
        page.mouse.move(1260, 700)
        page.wait_for_timeout(1500)
        page.screenshot(path=out / "slide-7-compare.png")
    for name in ("banding-ringkasan", "banding-asal", "slide-7-compare"):
        assert (out / f"{name}.png").stat().st_size > 10_000
