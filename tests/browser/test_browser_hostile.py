"""The hostile-file set on the import page, in a real browser (issue 18): each file goes
through Streamlit's uploader (whose limit is twice PORA_MAX_UPLOAD_MB, so even the 22 MB
file reaches the importer) and is refused with its Indonesian message; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import Person
from tests import hostile
from tests.browser.test_browser_import import WAIT, _table_rows
from tests.chromium import chromium_page, running_app, settled, sign_in

PASSWORD = "demo-pora-2024"


def _persons(url: str) -> int:
    with db.session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.mark.browser
def test_the_hostile_set_on_the_import_page(demo_copy: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    before = _persons(demo_copy)
    files = hostile.files(tmp_path)
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1440, 900) as page,
    ):
        page.set_default_timeout(WAIT)
        sign_in(page, base, "admin", PASSWORD, path="impor")
        expect(page.get_by_text("paling besar 20 MB", exact=False)).to_be_visible()
        refused = page.get_by_test_id("stAlertContentError").filter(
            has_text="Berkas ini tidak dapat diimpor. Tidak ada yang disimpan."
        )
        for name, (path, phrase) in files.items():
            # a rerun briefly shows the old and the new uploader: wait for the run to end
            settled(page)
            page.locator("input[type=file]").set_input_files(str(path))
            expect(refused).to_be_visible(timeout=WAIT)
            grid = page.get_by_test_id("stDataFrame").first
            expect(grid).to_contain_text(phrase, timeout=WAIT)
            messages = " ".join(" ".join(r) for r in _table_rows(grid))
            assert phrase in messages, (name, messages)
            assert "None" not in messages, (name, messages)
            assert page.get_by_test_id("stException").count() == 0, name
            # Streamlit's own English refusal never shows
            assert page.get_by_text("or smaller", exact=False).count() == 0, name
            assert page.get_by_text("not allowed", exact=False).count() == 0, name
    assert _persons(demo_copy) == before
