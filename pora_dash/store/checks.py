"""Start-up safety checks, like Django's `check --deploy`: in production the app refuses to
serve while any of these fail, and `python -m pora_dash check` lists them.

Each problem is an i18n key plus values, so the refusal is readable in the user's language.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.config import DEV_SECRET, Settings
from pora_dash.store.bootstrap import DEMO_PASSWORD, DEMO_USERS
from pora_dash.store.models import User

# Streamlit options that must hold where users watch or share the screen.
REQUIRED_OPTIONS = {
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "client.showErrorLinks": False,
    "browser.gatherUsageStats": False,
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
}


def streamlit_problems() -> list[tuple[str, dict[str, object]]]:
    from streamlit import config as st_config  # the server's settings, read only when checked

    problems = []
    for name, wanted in REQUIRED_OPTIONS.items():
        actual = st_config.get_option(name)
        if actual != wanted:
            problems.append(("check.option", {"name": name, "wanted": wanted, "actual": actual}))
    return problems


def settings_problems(settings: Settings) -> list[tuple[str, dict[str, object]]]:
    problems: list[tuple[str, dict[str, object]]] = []
    if settings.secret_key == DEV_SECRET or len(settings.secret_key) < 32:
        problems.append(("check.secret", {}))
    return problems


def demo_account_problems(session: Session) -> list[tuple[str, dict[str, object]]]:
    """Demo accounts whose password is still the published demo password."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = PasswordHasher()
    names = [u[0] for u in DEMO_USERS]
    problems: list[tuple[str, dict[str, object]]] = []
    for user in session.scalars(select(User).where(User.username.in_(names), User.is_active)):
        try:
            hasher.verify(user.password_hash or "", DEMO_PASSWORD)
        except (VerificationError, InvalidHashError):
            continue
        problems.append(("check.demo_user", {"username": user.username}))
    return problems


def deploy_problems(settings: Settings, session: Session) -> list[tuple[str, dict[str, object]]]:
    """Everything that makes a production deployment unsafe (empty list: fine)."""
    return streamlit_problems() + settings_problems(settings) + demo_account_problems(session)
