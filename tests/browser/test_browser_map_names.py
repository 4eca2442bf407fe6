"""The map in a meeting room: every area named where it has room (no two names overlap), DKI
Jakarta clickable among the provinces without zooming, and the map as a PNG, audited."""

from __future__ import annotations

import io
import json

import pytest
from matplotlib import image as mpimg
from sqlalchemy import select, text

from pora_dash.geo import reference
from pora_dash.geo.labels import PROVINCE_SHORT, map_label
from pora_dash.store import db
from pora_dash.store.models import AuditEntry
from tests.browser.test_browser_map import MAP, PASSWORD, area, map_with, wait_for_region
from tests.chromium import chromium_page, sign_in
from tests.conftest import DEMO_AS_OF

pytestmark = pytest.mark.browser

# The names the map shows, each with its box; the page is ready when the labels are placed.
_LABELS_JS = """() => {
    const map = document.querySelector('.leaflet-container');
    if (!map || map.getAttribute('data-labels-shown') === null) return null;
    return [...document.querySelectorAll('.pora-label span')]
        .filter(s => s.parentElement.style.visibility !== 'hidden')
        .map(s => { const r = s.getBoundingClientRect();
                    return [s.textContent, r.left, r.top, r.right, r.bottom]; });
}"""


def shown_names(page) -> list[list]:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(1000)  # the names are placed again after the map's last resize
    frame = page.locator(MAP).element_handle().content_frame()
    assert frame is not None
    handle = frame.wait_for_function(_LABELS_JS, timeout=20_000)
    return handle.json_value()


def overlapping(labels: list[list]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_provinces_are_named_without_overlap(live_app: str, width: int, height: int) -> None:
    with chromium_page(width, height) as page:
        sign_in(page, live_app, "admin", PASSWORD, "peta")
        map_with(page, area("33"))
        labels = shown_names(page)
    assert not overlapping(labels)
    provinces = reference.feature_collection("province")["features"]
    named = {label[0] for label in labels}
    found = {
        f["properties"]["code"]
        for f in provinces
        if {
            map_label(f["properties"]["name"]),
            PROVINCE_SHORT[f["properties"]["code"]],
        }
        & named
    }
    if width == 1920:  # a desk screen: all 38, by name or by their usual short name
        assert len(found) == len(provinces) == 38
    else:  # a projector: most, and never one on top of another
        assert len(found) >= 30


def test_every_kecamatan_with_people_in_brebes_is_named(live_app: str, demo_db: str) -> None:
    with db.session_scope(demo_db) as session:
        hosting = session.scalars(
            text(
                "SELECT DISTINCT kecamatan_code FROM persons WHERE kabkota_code = '33.29' "
                "AND arrival_date <= :d AND (lifecycle = 'active' OR lifecycle_date > :d)"
            ),
            {"d": DEMO_AS_OF},
        ).all()
    assert hosting
    with chromium_page(1280, 720) as page:
        sign_in(page, live_app, "admin", PASSWORD, "peta?wilayah=33.29")
        map_with(page, area("33.29.05"))
        labels = shown_names(page)
    names = {label[0] for label in labels}
    assert {reference.region_name(c) for c in hosting} <= names
    assert not overlapping(labels)


def test_dki_jakarta_is_clicked_at_national_level(live_app: str) -> None:
    """DKI is a few pixels wide among the provinces: a ring over it takes the click."""
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "admin", PASSWORD, "peta")
        frame = map_with(page, "path.pora-hit-31")
        box = frame.locator("path.pora-hit-31").bounding_box()
        assert box is not None and box["width"] >= 18  # a target a hand can hit
        frame.locator("path.pora-hit-31").click(force=True)
        wait_for_region(page, "31")
        map_with(page, area("31.71"))


def test_the_map_downloads_as_a_png_and_is_audited(live_app: str, demo_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with chromium_page(1920, 1080) as page:
        sign_in(page, live_app, "pemirsa.jakarta", PASSWORD, "peta?wilayah=31.71")
        map_with(page, area("31.71.01"))
        with page.expect_download() as download:
            page.get_by_role("button", name="Unduh peta (PNG)").click()
        path = tmp_path / "map.png"
        download.value.save_as(path)
        assert download.value.suggested_filename == "peta-31.71.png"
    picture = mpimg.imread(io.BytesIO(path.read_bytes()), format="png")
    assert picture.shape[0] > 600 and picture.shape[1] > 900
    with db.session_scope(demo_db) as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.username == "pemirsa.jakarta", AuditEntry.target == "peta-31.71.png")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and json.loads(entry.detail or "{}")["variant"] == "protected"
