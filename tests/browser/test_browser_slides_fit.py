"""Presentation mode on a projector: at 1280x720 and 1024x768 every slide fits the screen
(nothing below the bottom edge, so nothing to scroll) and no text is cut off with an
ellipsis, for a large region (DKI Jakarta) and a small one (Kab. Brebes, whose breakdowns
are too small to show and must say so instead of leaving a blank slide)."""

from __future__ import annotations

import pytest

from pora_dash.ui.presentation import SLIDES
from tests.browser.test_browser_map import _settle
from tests.browser.test_browser_presentation import PASSWORD
from tests.chromium import chromium_page

pytestmark = pytest.mark.browser

_MEASURE_JS = """() => {
    const blocks = [...document.querySelectorAll(
        '[data-testid=stMainBlockContainer] [data-testid=stElementContainer]')]
        .filter(e => e.offsetHeight > 0);
    const bottom = Math.max(...blocks.map(e => e.getBoundingClientRect().bottom));
    const cut = [...document.querySelectorAll('[data-testid=stMain] *')]
        .filter(e => e.children.length === 0 && e.textContent.trim() &&
                     getComputedStyle(e).textOverflow === 'ellipsis' &&
                     e.scrollWidth > e.clientWidth + 1)
        .map(e => e.textContent.trim());
    const said = blocks.filter(e => e.querySelector(
        '[data-testid=stAlert], [data-testid=stVegaLiteChart], iframe, table, [data-testid=stMetric]'));
    return {bottom, height: innerHeight, cut, shown: said.length};
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 768)])
@pytest.mark.parametrize("region", ["31", "33.29"])
def test_every_slide_fits_the_screen(live_app: str, width: int, height: int, region: str) -> None:
    with chromium_page(width, height) as page:
        page.goto(f"{live_app}/presentasi?wilayah={region}")
        page.get_by_label("Nama pengguna").fill("pimpinan")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        for n in range(1, len(SLIDES) + 1):
            page.wait_for_function(
                "t => [...document.querySelectorAll('.pora-slide-footer')]"
                ".every(e => e.innerText.includes(t))",
                arg=f"Slide {n} dari",
            )
            _settle(page)
            page.wait_for_timeout(1200)  # charts and the map take their size
            seen = page.evaluate(_MEASURE_JS)
            where = f"slide {n} ({SLIDES[n - 1]}) at {width}x{height}, wilayah={region}"
            assert seen["bottom"] <= seen["height"] + 1, f"{where} runs {seen} past the screen"
            assert not seen["cut"], f"{where} cuts off {seen['cut']}"
            assert seen["shown"] > 0, f"{where} is blank"
            page.keyboard.press("ArrowRight")
