"""Run the real app (app.py) under Streamlit's AppTest, signed in as a given user."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from pora_dash.access import auth
from pora_dash.store import db
from pora_dash.store.models import User
from pora_dash.ui.navigation import PAGES

APP = Path(__file__).resolve().parent.parent / "app.py"


def signed_in(url: str, username: str):  # type: ignore[no-untyped-def]
    with db.session_scope(url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None, f"no user {username} in the test database"
        return auth._signed_in(session, user)


def app_as(
    url: str,
    username: str | None,
    *,
    page: str | None = None,
    params: dict | None = None,
    timeout: float = 60,
    lang: str | None = None,
) -> AppTest:
    """The app as `username` sees it (None = not signed in), run once."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if lang:
        at.session_state["lang"] = lang
    if username:
        at.session_state["signed_in"] = signed_in(url, username)
        at.session_state["last_seen"] = __import__("time").monotonic()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        open_page(at, page)
    return at.run()


def open_page(at: AppTest, page: str) -> None:
    """Select a page file for the next run. Before its first run AppTest identifies a page by
    its file name; our pages are registered under their Indonesian URL (app_pages/map.py is
    /peta), so the hash of that URL is set directly, as a real session opening /peta would."""
    at.switch_page(page)  # checks that the file exists
    url_path = next(spec.url_path for spec in PAGES if spec.file == page)
    if url_path:  # the default page keeps the hash of its file name, as st.Page gives it
        at._page_hash = calc_hash(url_path)


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
