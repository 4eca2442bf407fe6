"""The flow map of the Mobilitas page in a real browser: one line per corridor shown, each
with its tooltip (from → to: the published count), the net movement dots, nothing fetched
from outside the app; a viewer's tooltips carry only published values."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.geo import labels
from pora_dash.present import mobility as present
from pora_dash.present.disclosure import Policy
from pora_dash.reads import mobility
from pora_dash.store import db
from tests.browser.test_browser_map import MAP, TOOLTIP, foreign_urls, map_with
from tests.chromium import chromium_page, settled, sign_in
from tests.conftest import DEMO_AS_OF

PASSWORD = "demo-pora-2024"

# a point on the line (SVG path) `i` of class pora-flow that nothing covers, in page pixels
_POINT_ON_LINE_JS = """([sel, i]) => {
    const frame = document.querySelector(sel);
    const doc = frame.contentDocument;
    const el = doc.querySelectorAll('path.pora-flow')[i];
    if (!el) return null;
    const f = frame.getBoundingClientRect();
    const length = el.getTotalLength();
    const m = el.getScreenCTM();
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65]) {
        const p = el.getPointAtLength(t * length).matrixTransform(m);
        if (p.x < 0 || p.y < 0 || p.x > doc.documentElement.clientWidth) continue;
        if (doc.elementFromPoint(p.x, p.y) === el) return [f.left + p.x, f.top + p.y];
    }
    return null;
}"""


def expected(url: str, region: str, policy: Policy) -> present.Flows:
    f = Filters(wilayah=region, as_of=DEMO_AS_OF, period_days=365)
    with db.session_scope(url) as session:
        flows = mobility.flows(session, filters=f, scope=Scope.national())
    return present.protect_flows(flows, policy)


def hover_line(page, i: int) -> str:  # type: ignore[no-untyped-def]
    page.locator(MAP).scroll_into_view_if_needed()
    handle = page.wait_for_function(_POINT_ON_LINE_JS, arg=[MAP, i], timeout=15_000)
    x, y = handle.json_value()
    page.mouse.move(x, y)
    # a line crossed on the way in may have opened its own tooltip first: the last is ours
    tip = page.frame_locator(MAP).locator(TOOLTIP).filter(has_text="→").last
    tip.wait_for()
    return " ".join(tip.inner_text().split())


def test_flow_map_lines_and_tooltips(live_app: str, browser_page, demo_db: str) -> None:
    shown = expected(demo_db, "31", Policy(exact=True))
    corridors = shown.corridors()
    assert len(corridors) >= 5
    page = browser_page
    sign_in(page, live_app, "admin", PASSWORD, path="mobilitas?wilayah=31&periode=365")
    frame = map_with(page, "path.pora-flow")
    assert frame.locator("path.pora-flow").count() == len(corridors)
    assert frame.locator("path.pora-flow-area").count() == len(shown.net())
    tips = {
        f"{labels.name(o)} → {labels.name(d)} Orang: {t}"
        for o, d, t in zip(
            corridors["origin"], corridors["destination"], corridors["text"], strict=True
        )
    }
    seen = set()
    for i in range(3):
        tip = hover_line(page, i)
        assert tip in tips, tip
        seen.add(tip)
        page.mouse.move(5, 5)
    assert len(seen) >= 2
    assert foreign_urls(page.requests_seen, live_app) == []


def test_a_viewers_flow_tooltips_are_published(live_app: str, browser_page) -> None:
    page = browser_page
    sign_in(page, live_app, "pemirsa.jakarta", PASSWORD, path="mobilitas?periode=365")
    frame = map_with(page, "path.pora-flow")
    count = frame.locator("path.pora-flow").count()
    assert count >= 2
    for i in range(min(count, 3)):
        tip = hover_line(page, i)
        value = re.search(r"Orang: (\S+)$", tip).group(1)  # type: ignore[union-attr]
        assert value == "<5" or int(value.replace(".", "")) % 5 == 0, tip
        page.mouse.move(5, 5)


# The boxes of the names shown and of the area dots, in the map's pixels, once placed.
_NAMES_AND_DOTS_JS = """() => {
    const map = document.querySelector('.leaflet-container');
    if (!map || map.getAttribute('data-labels-shown') === null) return null;
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    return {
        names: [...document.querySelectorAll('.pora-label span')]
            .filter(s => s.parentElement.style.visibility !== 'hidden')
            .map(s => [s.textContent, ...box(s)]),
        dots: [...document.querySelectorAll('path.pora-flow-area')].map(box),
    };
}"""


def _meet(a: list, b: list) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_national_flow_map_names_do_not_collide(
    live_app: str, demo_db: str, width: int, height: int
) -> None:
    """DKI Jakarta, Jawa Barat and Banten lie a few pixels apart nationally: each is named,
    no name covers another or an area's dot (a projector is 1280×720)."""
    f = Filters(as_of=DEMO_AS_OF, period_days=365)
    with db.session_scope(demo_db) as session:
        flows = mobility.flows(session, filters=f, scope=Scope.national())
    areas = set(present.protect_flows(flows, Policy(exact=True)).net()["area"])
    assert {"31", "32", "36"} <= areas
    with chromium_page(width, height) as page:
        sign_in(page, live_app, "admin", PASSWORD, path="mobilitas?periode=365")
        map_with(page, "path.pora-flow")
        settled(page)
        page.locator(MAP).scroll_into_view_if_needed()
        page.wait_for_timeout(1000)  # the names are placed again after the map's last resize
        frame = page.locator(MAP).element_handle().content_frame()
        placed = frame.wait_for_function(_NAMES_AND_DOTS_JS, timeout=20_000).json_value()
    names, dots = placed["names"], placed["dots"]
    shown = {n[0] for n in names}
    for code in ("31", "32", "36"):
        full = labels.map_label(labels.name(code))
        assert {full, labels.PROVINCE_SHORT[code]} & shown, (full, shown)
    clashes = [
        (a[0], b[0]) for i, a in enumerate(names) for b in names[i + 1 :] if _meet(a[1:], b[1:])
    ]
    assert clashes == []
    covered = [n[0] for n in names for d in dots if _meet(n[1:], d)]
    assert covered == []


def test_screenshot_for_the_user_guide(live_app: str) -> None:
    """`PORA_SCREENSHOTS=1 pytest -k screenshot` writes docs/screenshots/mobilitas.png."""
    if os.environ.get("PORA_SCREENSHOTS") != "1":
        pytest.skip("set PORA_SCREENSHOTS=1 to write docs/screenshots/")
    out = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "mobilitas.png"
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD, path="mobilitas?periode=365")
        map_with(page, "path.pora-flow")
        settled(page)
        page.mouse.move(1900, 300)  # off the sidebar: no hovered entry, no collapse button
        page.wait_for_timeout(1500)
        page.screenshot(path=out)
    assert out.stat().st_size > 10_000
