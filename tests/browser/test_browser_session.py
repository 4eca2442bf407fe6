"""In a real browser: a reload keeps the sign-in (HttpOnly cookie), a link opened in a new
tab too; after signing out a reload shows the sign-in form; a forged cookie signs in nobody."""

from __future__ import annotations

import pytest

from tests.chromium import chromium_page, sign_in

PASSWORD = "demo-pora-2024"
pytestmark = pytest.mark.browser


def _heading(page) -> str:  # type: ignore[no-untyped-def]
    heading = page.get_by_test_id("stMain").get_by_role("heading").first
    heading.wait_for()
    return heading.inner_text()


def test_reload_keeps_the_sign_in_until_sign_out(live_app: str) -> None:
    with chromium_page() as page:
        sign_in(page, live_app, "kesbangpol.brebes", PASSWORD, "asal?wilayah=33.29.05")
        # the cookie arrives with a background request right after signing in
        page.wait_for_function(
            "() => performance.getEntriesByType('resource').some(e => e.name.includes('/_pora/session'))"
        )
        page.wait_for_timeout(300)
        cookies = {c["name"]: c for c in page.context.cookies()}
        assert cookies["pora_session"]["httpOnly"] and cookies["pora_session"]["sameSite"] == "Lax"

        page.reload()
        page.get_by_test_id("stSidebar").get_by_text("Keluar").wait_for()
        assert _heading(page) == "Asal & status · Sirampog"

        tab = page.context.new_page()
        tab.goto(f"{live_app}/peta?wilayah=33.29")
        tab.get_by_test_id("stSidebar").get_by_text("Keluar").wait_for()
        assert _heading(tab).startswith("Peta · Kabupaten Brebes")

        page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar").click()
        page.get_by_label("Nama pengguna").wait_for()
        page.wait_for_timeout(500)
        page.reload()
        page.get_by_label("Nama pengguna").wait_for()
        assert _heading(page) == "Dasbor PORA"


def test_a_forged_cookie_signs_in_nobody(live_app: str) -> None:
    with chromium_page() as page:
        page.context.add_cookies(
            [{"name": "pora_session", "value": "A" * 43, "url": live_app, "httpOnly": True}]
        )
        page.goto(f"{live_app}/peta")
        page.get_by_label("Nama pengguna").wait_for()
        assert _heading(page) == "Dasbor PORA"


def test_the_sign_in_form_loads_the_pages_code_and_shows_only_the_form(live_app: str) -> None:
    """While the user types, the browser already fetches the table and chart code; the
    hidden table and chart show nothing and hold no figure."""
    with chromium_page(1280, 720) as page:
        page.goto(f"{live_app}/")
        page.get_by_label("Nama pengguna").wait_for()
        page.wait_for_function(
            "() => ['DataFrame', 'embed'].every(n => performance.getEntriesByType('resource')"
            ".some(e => e.name.includes('/static/js/' + n)))"
        )
        hidden = page.locator(".st-key-pora-preload")
        assert hidden.count() == 1
        box = hidden.bounding_box()  # at most a pixel high, whether or not its style has arrived
        assert box is None or box["height"] <= 1
        visible = page.get_by_test_id("stMain").inner_text()
        assert "Masuk" in visible and "Nama pengguna" in visible
        tables = page.get_by_test_id("stDataFrame")
        assert tables.count() == hidden.get_by_test_id("stDataFrame").count() == 1
