"""A real app process and a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tools.devserver import free_port, serving  # noqa: F401 - free_port: for the tests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def running_app(
    database_url: str, *, env: dict[str, str] | None = None, script: str = "serve.py"
) -> Iterator[str]:
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
    log.close()
    environ = {"PORA_DATABASE_URL": database_url, **(env or {})}
    with serving(script, cwd=ROOT, env=environ, log=log.name) as (base, _proc):
        yield base


@contextmanager
def chromium_page(width: int = 1600, height: int = 1000) -> Iterator:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is required under CI (make test installs it)")
        pytest.skip("no /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.requests_seen = []  # type: ignore[attr-defined]
        page.on("request", lambda r: page.requests_seen.append(r.url))  # type: ignore[attr-defined]
        try:
            yield page
        finally:
            context.close()
            browser.close()


def sign_in(page, base_url: str, username: str, password: str, path: str = "") -> None:  # type: ignore[no-untyped-def]
    """Open `path` signed in as `username`: a fresh sign-in, whatever the browser kept."""
    page.context.clear_cookies(name="pora_session")
    page.goto(f"{base_url}/{path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_test_id("stSidebar").get_by_text("Keluar").wait_for()


def settled(page, timeout: float = 120_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app's script run has ended (Streamlit's "Running…" widget is gone): a
    click on a deferred download during a run can hit a file id the run is replacing."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout
    )
