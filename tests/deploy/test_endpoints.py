"""Streamlit's own endpoints behind serve.py's Guard (webroutes.py), in a running app:
an export's `/media/…` URL is served only with a current sign-in cookie, `/_stcore/metrics`
is not answered, and `make run` / the shipped config listen on 127.0.0.1 only."""

from __future__ import annotations

import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pora_dash.access import auth, websession
from pora_dash.store import db
from tests.chromium import chromium_page, running_app, sign_in

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-pora-2024"


def _get(url: str, cookie: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _token(url: str, username: str) -> str:
    with db.session_scope(url) as session:
        code = websession.start(session, auth.authenticate(session, username, PASSWORD))
    with db.session_scope(url) as session:
        token = websession.exchange(session, code)
    assert token
    return token


def test_metrics_are_closed_and_health_stays_open(demo_copy: str) -> None:
    with running_app(demo_copy) as base:
        assert _get(f"{base}/_stcore/health") == (200, b"ok")  # nginx and systemd use it
        status, body = _get(f"{base}/_stcore/metrics")
        assert status == 404 and b"session" not in body
        # not even for a signed-in browser
        cookie = f"{websession.COOKIE}={_token(demo_copy, 'admin')}"
        assert _get(f"{base}/_stcore/metrics", cookie)[0] == 404
        assert _get(f"{base}/_stcore/metrics/", cookie)[0] == 404
        # the app itself still loads for a browser that is not signed in
        assert _get(f"{base}/")[0] == 200


def test_media_without_a_sign_in_cookie_is_refused(demo_copy: str) -> None:
    with running_app(demo_copy) as base:
        for path in ("/media/0123456789abcdef.csv", "/media/x.pdf", "/media/"):
            assert _get(f"{base}{path}")[0] == 403, path
            assert _get(f"{base}{path}", f"{websession.COOKIE}=forged")[0] == 403, path


@pytest.mark.browser
def test_an_export_url_is_served_only_with_the_session_cookie(demo_copy: str) -> None:
    with running_app(demo_copy) as base, chromium_page() as page:
        sign_in(page, base, "admin", PASSWORD, path="?wilayah=31")
        page.get_by_text("Ringkasan · Daerah Khusus Ibukota Jakarta").wait_for()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="CSV").first.click()
        media = download.value.url
        assert f"{base}/media/" in media
        in_browser = Path(download.value.path()).read_bytes()
        cookie = next(c for c in page.context.cookies() if c["name"] == websession.COOKIE)

        # the same URL, fetched without the cookie (copied out of a log or history): refused
        assert _get(media)[0] == 403
        assert _get(media, f"{websession.COOKIE}=not-a-token")[0] == 403
        # with the signed-in browser's cookie: the file the browser got
        assert _get(media, f"{websession.COOKIE}={cookie['value']}") == (200, in_browser)
        assert in_browser.count(b"\n") > 2  # a real CSV export, not an error page

        # after signing out, the cookie no longer opens it
        page.get_by_test_id("stSidebar").get_by_text("Keluar").click()
        page.get_by_label("Nama pengguna").wait_for()
        assert _get(media, f"{websession.COOKIE}={cookie['value']}")[0] == 403


def test_the_app_listens_on_localhost_only() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    run = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "--server.address 127.0.0.1" in run
