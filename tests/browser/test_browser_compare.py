"""A comparison link opened in a real browser: both sides are shown, with the change, and the
"Bandingkan" control is open on the comparison the link asks for."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_map import PASSWORD
from tests.chromium import chromium_page, settled, sign_in

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
