""" "Salin tautan" on a data page copies the page's address with its filters, so a filtered
view can be sent to a colleague as a link."""

from __future__ import annotations

import pytest

from tests.browser.test_browser_map import PASSWORD
from tests.chromium import chromium_page, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path", ["asal?wilayah=33.29&wn=PSE", "peta?wilayah=31.71&metrik=arrivals"]
)
def test_copy_link_puts_the_filtered_address_on_the_clipboard(live_app: str, path: str) -> None:
    with chromium_page(1280, 720) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_app)
        sign_in(page, live_app, "admin", PASSWORD, path)
        page.get_by_role("button", name="Salin tautan").click()
        page.get_by_text("Tautan disalin").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_app}/{path}"
