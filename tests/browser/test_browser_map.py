"""The map page (/peta) in a real browser: polygons for the nation, drill-down by click, the
breadcrumb back up, the metric switch, small counts per role, no request leaving the app
(offline meeting rooms), and a map that fills the page. Optional: README screenshots.

Helpers here are also used by test_browser_privacy.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pora_dash.geo import reference
from pora_dash.i18n import fmt_date, t
from tests.chromium import ROOT, chromium_page, sign_in
from tests.conftest import DEMO_AS_OF

PASSWORD = "demo-pora-2024"
MAP = "iframe[title='streamlit_folium.st_folium']"
TOOLTIP = ".leaflet-tooltip"
LEGEND_TITLE = ".pora-legend b"

# True once the script run is over, the page holds exactly one map iframe (a rerun briefly
# shows the old and the new one) and that map contains `css`, optionally with exactly `text`.
# Streamlit's own end-to-end hook: the app root carries the state of the script run.
_MAP_READY_JS = """([sel, css, text]) => {
    const app = document.querySelector('[data-testid=stApp]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    const frames = document.querySelectorAll(sel);
    if (frames.length !== 1 || !frames[0].contentDocument) return false;
    const el = frames[0].contentDocument.querySelector(css);
    return el !== null && (text === null || el.textContent.trim() === text);
}"""


def area(code: str) -> str:
    """CSS selector of the map polygon of a region code."""
    return f"path.pora-area-{code.replace('.', '-')}"


def map_with(page, css: str, text: str | None = None, *, timeout: float = 30_000):  # type: ignore[no-untyped-def]
    """The map's FrameLocator, once the page shows a single map containing `css`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_MAP_READY_JS, arg=[MAP, css, text], timeout=timeout)
        return page.frame_locator(MAP)
    except PlaywrightTimeout:
        title = page.get_by_test_id("stMain").get_by_role("heading").first.inner_text()
        where = page.evaluate("location.href")
    want = f"{css} with text {text!r}" if text else css
    pytest.fail(f"no map with {want} after {timeout / 1000:.0f} s; page {title!r} at {where}")


def wait_for_region(page, code: str | None, timeout: float = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the URL's `wilayah` parameter is `code` (None: absent). Streamlit changes
    the URL with the history API, so this reads location rather than waiting for a load."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "c => new URLSearchParams(location.search).get('wilayah') === c",
            arg=code,
            timeout=timeout,
        )
        return
    except PlaywrightTimeout:
        now = page.evaluate("location.href")
    want = f"wilayah={code}" if code else "no wilayah"
    pytest.fail(f"expected {want} in the URL; after {timeout / 1000:.0f} s still at {now}")


# A point where `css` is the topmost element of the map (in page coordinates), so a click or
# hover reaches that area and not a site or incident marker drawn over its centre.
_FREE_POINT_JS = """([sel, css]) => {
    const frame = document.querySelector(sel);
    const doc = frame.contentDocument;
    const el = doc.querySelector(css);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const f = frame.getBoundingClientRect();
    const left = f.left + frame.clientLeft, top = f.top + frame.clientTop;
    const steps = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];
    for (const fy of steps) for (const fx of steps) {
        const x = r.left + fx * r.width, y = r.top + fy * r.height;
        const px = left + x, py = top + y;
        if (px < 0 || py < 0 || px >= innerWidth || py >= innerHeight) continue;
        if (doc.elementFromPoint(x, y) === el) return [px, py];
    }
    return null;
}"""


def point_on(page, css: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Waits while the map is still being laid out (its first fit, resizes, zoom): a point
    computed during a layout change can land beside the area by the time it is clicked."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(MAP).scroll_into_view_if_needed()
    deadline = time.monotonic() + 15
    last = None
    while time.monotonic() < deadline:
        try:
            handle = page.wait_for_function(_FREE_POINT_JS, arg=[MAP, css], timeout=10_000)
        except PlaywrightTimeout:
            break
        xy = handle.json_value()
        if xy == last:  # the same point twice: the map has stopped moving
            return xy[0], xy[1]
        last = xy
        page.wait_for_timeout(250)
    pytest.fail(f"{css} is nowhere visible and uncovered on the map (or never settles)")


def click_on(page, css: str) -> None:  # type: ignore[no-untyped-def]
    """Click the map element `css` where a user would: on a visible, uncovered part of it."""
    page.mouse.click(*point_on(page, css))


def hover_tooltip(page, css: str, expect: str) -> str:  # type: ignore[no-untyped-def]
    """Hover the map element `css`; the text of the tooltip containing `expect`."""
    page.mouse.move(*point_on(page, css))
    tip = page.frame_locator(MAP).locator(TOOLTIP).filter(has_text=expect)
    tip.wait_for()
    return tip.inner_text()


def foreign_urls(urls: list[str], base_url: str) -> list[str]:
    """Requests that went anywhere but the app (data:/blob: URLs never leave the browser)."""
    app = urlsplit(base_url).netloc
    return [
        u
        for u in urls
        if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != app
    ]


def province_count() -> int:
    return len(reference.feature_collection(reference.boundary_level(1))["features"])


@pytest.mark.browser
def test_admin_drills_down_to_sirampog(live_app: str, browser_page) -> None:
    page = browser_page
    websockets: list[str] = []
    page.on("websocket", lambda ws: websockets.append(ws.url))
    sign_in(page, live_app, "admin", PASSWORD, "peta")

    # The nation: one polygon per province that has a boundary (38 in the shipped data).
    frame = map_with(page, area("33"))
    provinces = frame.locator("path.pora-area")
    assert provinces.count() == province_count() >= 34
    # The app must run at the demo reference date, or SQL-derived expectations drift.
    caption = t("filter.as_of_period", date=fmt_date(DEMO_AS_OF), n=90)
    assert page.get_by_text(caption).count() == 1, (
        f"the app does not show {caption!r}: live_app's process runs without PORA_TODAY "
        "(pass env={'PORA_TODAY': DEMO_AS_OF.isoformat()} to running_app in conftest.py)"
    )

    click_on(page, area("33"))
    wait_for_region(page, "33")
    frame = map_with(page, area("33.29"))
    assert page.get_by_role("heading", name=f"{t('nav.map')} · Jawa Tengah").count() == 1

    # Offline meeting rooms: loading the map and drilling down asked nothing of the internet.
    offending = foreign_urls(page.requests_seen + websockets, live_app)
    assert not offending, "requests that left the app:\n" + "\n".join(sorted(set(offending)))

    click_on(page, area("33.29"))
    wait_for_region(page, "33.29")
    frame = map_with(page, area("33.29.05"))
    kecamatan = frame.locator("path.pora-area")
    expected = reference.feature_collection(reference.boundary_level(3), "33.29")["features"]
    assert kecamatan.count() == len(expected)
    tip = hover_tooltip(page, area("33.29.05"), "33.29.05")
    assert "Sirampog" in tip
    assert f"{t('map.metric.count')}: 3" in tip  # admin sees exact small counts


@pytest.mark.browser
def test_breadcrumb_goes_back_up_to_the_nation(live_app: str, browser_page) -> None:
    page = browser_page
    sign_in(page, live_app, "admin", PASSWORD, "peta?wilayah=33.29")
    map_with(page, area("33.29.05"))
    crumbs = page.get_by_test_id("stMain")
    assert crumbs.get_by_role("button", name="Kabupaten Brebes").is_disabled()  # where we are
    crumbs.get_by_role("button", name="Jawa Tengah").click()
    wait_for_region(page, "33")
    map_with(page, area("33.29"))

    crumbs.get_by_role("button", name=t("scope.national")).click()
    frame = map_with(page, area("33"), timeout=20_000)  # the provinces again
    wait_for_region(page, None)
    assert frame.locator("path.pora-area").count() == province_count()
    assert page.get_by_role("heading", name=f"{t('nav.map')} · {t('scope.national')}").count() == 1


@pytest.mark.browser
def test_the_brebes_agency_member_sees_sirampog_exactly(live_app: str, browser_page) -> None:
    page = browser_page
    sign_in(page, live_app, "kesbangpol.brebes", PASSWORD, "peta?wilayah=33.29")
    wait_for_region(page, "33.29")
    map_with(page, area("33.29.05"))
    tip = hover_tooltip(page, area("33.29.05"), "33.29.05")
    assert "Sirampog" in tip
    assert f"{t('map.metric.count')}: 3" in tip


@pytest.mark.browser
def test_metric_switch_changes_the_legend(live_app: str, browser_page) -> None:
    page = browser_page
    sign_in(page, live_app, "admin", PASSWORD, "peta")
    count, arrivals = t("map.metric.count"), t("map.metric.arrivals")
    frame = map_with(page, LEGEND_TITLE, count)
    assert frame.locator(LEGEND_TITLE).inner_text() == count

    page.get_by_test_id("stMain").get_by_role("radio", name=arrivals, exact=True).click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('metrik') === 'arrivals'"
    )
    frame = map_with(page, LEGEND_TITLE, arrivals)
    assert frame.locator(LEGEND_TITLE).inner_text() == arrivals
    # Province tooltips now lead with the new metric.
    tip = hover_tooltip(page, area("33"), "Jawa Tengah")
    assert f"{arrivals}:" in tip


@pytest.mark.browser
def test_map_fills_the_page_without_a_blank_band(live_app: str) -> None:
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD, "peta")
        map_with(page, area("33"))
        main = page.get_by_test_id("stMain").bounding_box()
        box = page.locator(MAP).bounding_box()
        hint = page.get_by_text(t("map.hint")).bounding_box()
        assert main and box and hint
        assert box["width"] >= 0.8 * main["width"], (box, main)
        assert box["height"] >= 500, box
        bottom = box["y"] + box["height"]
        assert bottom <= hint["y"] <= bottom + 80, f"map bottom {bottom}, caption top {hint['y']}"


# The areas (their bounding boxes) that the legend covers, in the map's own document.
_UNDER_LEGEND_JS = """() => {
    const legend = document.querySelector('.pora-legend');
    if (!legend) return ['no legend'];
    const l = legend.getBoundingClientRect();
    return [...document.querySelectorAll('path[class*="pora-area-"]')].filter(p => {
        const r = p.getBoundingClientRect();
        return r.width && r.right > l.left && r.left < l.right && r.bottom > l.top && r.top < l.bottom;
    }).map(p => [...p.classList].find(c => c.startsWith('pora-area-')));
}"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_legend_covers_no_area(live_app: str, width: int, height: int) -> None:
    """On a projector (1280×720) the legend used to hide Papua and Maluku Utara: the map is
    now fitted beside or below it, whichever draws the region larger."""
    with chromium_page(width, height) as page:
        sign_in(page, live_app, "admin", PASSWORD, "peta")
        frame = map_with(page, area("91"))
        _settle(page)
        covered = frame.locator("body").evaluate(_UNDER_LEGEND_JS)
        assert covered == [], covered
        papua = frame.locator(area("91")).bounding_box()
        assert papua and papua["width"] > 20, papua  # drawn, not zoomed away


@pytest.mark.browser
def test_screenshots_for_the_readme(live_app: str) -> None:
    """`PORA_SCREENSHOTS=1 pytest -k screenshots` writes docs/screenshots/*.png."""
    if os.environ.get("PORA_SCREENSHOTS") != "1":
        pytest.skip("set PORA_SCREENSHOTS=1 to write docs/screenshots/")
    out = Path(ROOT) / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD)
        page.get_by_test_id("stVegaLiteChart").first.wait_for()
        page.get_by_test_id("stDataFrame").last.wait_for()
        _settle(page)
        page.mouse.move(1900, 1060)  # no hovered sidebar entry or toolbar
        page.screenshot(path=out / "ringkasan.png")

        sign_in(page, live_app, "admin", PASSWORD, "peta?wilayah=33.29")
        map_with(page, area("33.29.05"))
        _settle(page)
        page.mouse.move(1900, 1060)  # no hovered sidebar entry or toolbar
        page.screenshot(path=out / "peta.png")
    assert (out / "ringkasan.png").stat().st_size > 10_000
    assert (out / "peta.png").stat().st_size > 10_000


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script, then for first draws."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
        " === 'notRunning'"
    )
    page.wait_for_timeout(1500)  # charts and the map animate their first draw
