"""The stability pages in a real browser: the incidents on the map are the incidents in the
list, and screenshots of the incident timeline and the attention table for the docs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import stability
from pora_dash.store import db
from tests.browser.test_browser_map import _settle, map_with
from tests.chromium import ROOT, chromium_page, sign_in
from tests.conftest import DEMO_AS_OF

PASSWORD = "demo-pora-2024"
pytestmark = pytest.mark.browser


def _count_incidents(url: str, wilayah: str, days: int) -> int:
    f = Filters(wilayah=wilayah, as_of=DEMO_AS_OF, period_days=days)
    with db.session_scope(url) as session:
        frame = stability.incidents(session, filters=f, scope=Scope.national(), period_days=days)
    return len(frame)


@pytest.mark.parametrize("wilayah", ["31", "12.71"])
def test_incidents_on_the_map_are_the_incidents_in_the_list(
    live_app: str, demo_db: str, browser_page, wilayah: str
) -> None:
    expected = _count_incidents(demo_db, wilayah, 365)
    assert expected > 0, "the demo data has incidents there in the last year"
    query = f"wilayah={wilayah}&periode=365"
    sign_in(browser_page, live_app, "pimpinan", PASSWORD, f"stabilitas?{query}")
    _settle(browser_page)
    metric = browser_page.get_by_test_id("stMetric").filter(has_text="Kejadian").first
    assert metric.get_by_test_id("stMetricValue").inner_text() == str(expected)

    browser_page.get_by_role("link", name="Peta").click()
    frame = map_with(browser_page, "path.pora-incidents")
    assert frame.locator("path.pora-incidents").count() == expected


def test_screenshots_for_the_docs(live_app: str) -> None:
    """`PORA_SCREENSHOTS=1 pytest -k screenshots` writes docs/screenshots/*.png."""
    if os.environ.get("PORA_SCREENSHOTS") != "1":
        pytest.skip("set PORA_SCREENSHOTS=1 to write docs/screenshots/")
    out = Path(ROOT) / "docs" / "screenshots"
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD, "stabilitas?periode=365")
        page.get_by_test_id("stVegaLiteChart").first.wait_for()
        _settle(page)
        page.wait_for_timeout(1500)
        page.mouse.move(1900, 1060)  # no hovered sidebar entry or toolbar
        page.screenshot(path=out / "stabilitas.png")
        sign_in(page, live_app, "admin", PASSWORD, "perhatian?wilayah=11&tanggal=2023-11-21")
        grid = page.get_by_test_id("stDataFrame").first
        grid.wait_for()
        _settle(page)
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 16, box["y"] + 52)  # the first row: its breakdown
        page.get_by_text("Rincian:").wait_for()
        _settle(page)
        page.wait_for_timeout(1000)
        page.mouse.move(1900, 1060)  # no hovered sidebar entry or toolbar
        page.screenshot(path=out / "perhatian.png", full_page=True)
    assert (out / "stabilitas.png").stat().st_size > 10_000
