"""Data protection in a real browser: stored text cannot run as script (map tooltips, the
signed-in name), a regional user cannot reach another region by URL, and the sign-in form
locks an account after 5 failures.

Tests that write to the database work on a private copy of the demo database served by an
app process of their own; the shared demo database stays untouched.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from pora_dash.i18n import fmt_int, t
from pora_dash.store import db
from pora_dash.store.models import Incident, Site, User
from tests.browser.test_browser_map import (
    LEGEND_TITLE,
    MAP,
    PASSWORD,
    area,
    hover_tooltip,
    map_with,
    wait_for_region,
)
from tests.chromium import running_app, sign_in
from tests.conftest import DEMO_AS_OF, sqlite_url

SITE_NAME = "<img src=x onerror=alert(1)>${alert(2)}"
INCIDENT_TEXT = "<script>alert(3)</script>"
ADMIN_NAME = "<b onmouseover=alert(4)>Admin</b>"
SITE_COLOUR = "#009E73"  # shelter (mapview.SITE_COLOURS)
INCIDENT_COLOUR = "#E69F00"  # severity 2 (mapview.SEVERITY_COLOURS)
PINNED = {"PORA_TODAY": DEMO_AS_OF.isoformat()}

ACTIVE_IN = text(
    "SELECT count(*) FROM persons WHERE arrival_date <= :d "
    "AND (lifecycle = 'active' OR lifecycle_date > :d) AND kabkota_code = :kab"
)


def copy_demo_db(demo_db: str, dest: Path) -> str:
    """A consistent private copy of the demo database (SQLite's online backup: safe while
    the shared app has it open, and the source is opened read-only)."""
    source = sqlite3.connect(f"file:{demo_db.removeprefix('sqlite:///')}?mode=ro", uri=True)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return sqlite_url(dest)


def marker(colour: str) -> str:
    """A circle marker (sites, incidents) in the map: interactive, not an area."""
    return f"path.leaflet-interactive:not(.pora-area)[fill='{colour}']"


@pytest.fixture
def dialogs(browser_page) -> list[str]:  # type: ignore[no-untyped-def]
    """Messages of every alert/confirm/prompt the page (or its iframes) opened; dismissed."""
    seen: list[str] = []

    def record(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    browser_page.on("dialog", record)
    return seen


@pytest.mark.browser
def test_stored_markup_is_shown_as_text_never_run(
    demo_db: str, tmp_path: Path, browser_page, dialogs: list[str]
) -> None:
    url = copy_demo_db(demo_db, tmp_path / "xss.db")
    with db.session_scope(url) as session:
        # Brebes has no site and no incident in the demo data: add one each, away from
        # Sirampog so the markers do not cover it (they sit on their kecamatan's label point).
        site = Site(code="XSS-1", name=SITE_NAME, kind="shelter", capacity=20)
        site.place("33.29.01")  # Salem
        incident = Incident(
            occurred_on=dt.date(2026, 11, 1), kind="protest", severity=2, description=INCIDENT_TEXT
        )
        incident.place("33.29.02")  # Bantarkawung
        session.add_all([site, incident])
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        admin.display_name = ADMIN_NAME
        db.bump_data_version(session)
    db.get_engine(url).dispose()

    page = browser_page
    with running_app(url, env=PINNED) as base:
        sign_in(page, base, "admin", PASSWORD, "peta?wilayah=33.29")
        wait_for_region(page, "33.29")
        frame = map_with(page, marker(INCIDENT_COLOUR))

        site_tip = hover_tooltip(page, marker(SITE_COLOUR), t("map.site.capacity"))
        assert SITE_NAME in site_tip
        assert frame.locator(".leaflet-tooltip img").count() == 0  # text, not an element
        incident_tip = hover_tooltip(page, marker(INCIDENT_COLOUR), t("map.incident.severity"))
        assert INCIDENT_TEXT in incident_tip
        assert frame.locator(".leaflet-tooltip script").count() == 0
        area_tip = hover_tooltip(page, area("33.29.05"), "33.29.05")
        assert "Sirampog" in area_tip

        sidebar = page.get_by_test_id("stSidebar")
        signed_in_as = sidebar.get_by_text(ADMIN_NAME, exact=False)
        assert signed_in_as.count() == 1, sidebar.inner_text()
        signed_in_as.hover()
        # No element was made from the stored text, in the page or in the map.
        assert page.locator("b[onmouseover]").count() == 0
        assert frame.locator("img[src='x']").count() == 0
        page.wait_for_timeout(500)  # give any injected handler the chance to fire
    assert dialogs == []


def _headline(page) -> str:  # type: ignore[no-untyped-def]
    metric = page.get_by_test_id("stMetric").filter(has_text=t("home.national_total"))
    return metric.get_by_test_id("stMetricValue").inner_text()


@pytest.mark.browser
def test_brebes_agency_user_cannot_open_jakarta(live_app: str, browser_page, demo_db: str) -> None:
    page = browser_page
    user = "kesbangpol.brebes"
    with db.session_scope(demo_db) as session:
        in_brebes = int(session.scalar(ACTIVE_IN, {"d": DEMO_AS_OF, "kab": "33.29"}))
    expected = fmt_int(in_brebes)  # an agency member sees its own area exactly

    sign_in(page, live_app, user, PASSWORD)
    own = _headline(page)
    assert own == expected

    sign_in(page, live_app, user, PASSWORD, "?wilayah=31.71")
    page.get_by_text("di luar cakupan").wait_for()
    assert _headline(page) == own
    assert "Jakarta" not in page.locator("body").inner_text()

    sign_in(page, live_app, user, PASSWORD, "peta?wilayah=31")
    page.get_by_text("di luar cakupan").wait_for()
    frame = map_with(page, LEGEND_TITLE)
    assert frame.locator(area("31.71")).count() == 0
    assert frame.locator(area("31")).count() == 0
    assert frame.locator("path.pora-area").count() >= 1  # the map shows Jawa Tengah only
    assert "Jakarta" not in page.locator("body").inner_text()
    map_source = page.evaluate(
        "sel => document.querySelector(sel).contentDocument.documentElement.outerHTML", MAP
    )
    assert "Jakarta" not in map_source
    assert "31.71" not in map_source


def _failures(url: str, username: str) -> int:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM audit_log WHERE event = 'login_failed' AND username = ?",
            (username,),
        ).fetchone()
    return int(row[0])


@pytest.mark.browser
def test_five_wrong_passwords_lock_the_account(demo_db: str, tmp_path: Path, browser_page) -> None:
    url = copy_demo_db(demo_db, tmp_path / "lockout.db")
    user = "pemirsa.jakarta"
    page = browser_page
    with running_app(url, env=PINNED) as base:
        page.goto(base)
        before = _failures(url, user)
        for attempt in range(1, 6):
            page.get_by_label("Nama pengguna").fill(user)
            page.get_by_label("Kata sandi").fill(f"wrong-password-{attempt}")
            page.get_by_role("button", name="Masuk").click()
            # Each refusal is audited before the form answers (later ones are delayed 1..4 s).
            deadline = time.monotonic() + 20
            while _failures(url, user) < before + attempt:
                assert time.monotonic() < deadline, f"attempt {attempt} was not recorded"
                time.sleep(0.2)
            page.get_by_text(t("auth.invalid")).wait_for()

        page.get_by_label("Nama pengguna").fill(user)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("dikunci").wait_for(timeout=20_000)
        assert page.get_by_test_id("stSidebar").get_by_text("Keluar").count() == 0
        assert not page.get_by_test_id("stMetric").count()
