"""Run the real app (app.py) under Streamlit's AppTest, signed in as a given user."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from pora_dash import auth, db
from pora_dash.models import User

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
) -> AppTest:
    """The app as `username` sees it (None = not signed in), run once."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if username:
        at.session_state["signed_in"] = signed_in(url, username)
        at.session_state["last_seen"] = __import__("time").monotonic()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
