"""The production self-check and the user CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from pora_dash.config import DEV_SECRET, load_settings
from pora_dash.store import checks, db
from pora_dash.store.models import AuditEntry, User
from tests import fixtures


def _cli(
    *args: str, url: str, stdin: str = "", env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pora_dash", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env={**os.environ, "PORA_DATABASE_URL": url, **(env or {})},
    )


def test_shipped_streamlit_config_passes() -> None:
    assert checks.streamlit_problems() == []


def test_a_weak_or_missing_secret_is_refused() -> None:
    assert checks.settings_problems(load_settings({"PORA_SECRET_KEY": DEV_SECRET}))
    assert checks.settings_problems(load_settings({"PORA_SECRET_KEY": "short"}))
    assert not checks.settings_problems(load_settings({"PORA_SECRET_KEY": "x" * 40}))


def test_demo_accounts_with_the_demo_password_are_flagged(demo_db: str) -> None:
    with db.session_scope(demo_db) as session:
        flagged = {v["username"] for _, v in checks.demo_account_problems(session)}
    assert flagged == {
        "admin",
        "pimpinan",
        "analis",
        "operator.pemalang",
        "kesbangpol.brebes",
        "pemirsa.jakarta",
    }


def test_check_cli_exit_code(demo_db: str) -> None:
    out = _cli("check", url=demo_db)
    assert out.returncode == 1
    assert "admin" in out.stdout and "PORA_SECRET_KEY" in out.stdout


@pytest.fixture
def small_db(sqlite_db: str) -> str:
    with db.session_scope(sqlite_db) as session:
        fixtures.load_regions(session)
    return sqlite_db


def test_create_user_cli(small_db: str) -> None:
    out = _cli(
        "create-user",
        "--username",
        "kesbangpol.brebes",
        "--role",
        "agency",
        "--region",
        "33.29",
        "--agency",
        "KESBANGPOL-33.29",
        "--password-stdin",
        url=small_db,
        stdin="a long enough password\n",
    )
    assert out.returncode == 0, out.stderr
    with db.session_scope(small_db) as session:
        user = session.scalar(select(User).where(User.username == "kesbangpol.brebes"))
        assert user.role == "agency" and user.agency_id == 2
        assert (
            session.scalar(select(AuditEntry.event).where(AuditEntry.target == "kesbangpol.brebes"))
            == "user_created"
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "viewer", "--region", "99"], "Kode wilayah tidak dikenal"),
        (["--role", "boss", "--region", "33"], "Peran tidak dikenal"),
        (["--role", "agency", "--region", "33", "--agency", "NOPE"], "Instansi tidak dikenal"),
    ],
)
def test_create_user_cli_refuses_bad_input(small_db: str, args: list[str], message: str) -> None:
    out = _cli(
        "create-user",
        "--username",
        "x.y",
        *args,
        "--password-stdin",
        url=small_db,
        stdin="a long enough password\n",
    )
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_production_refuses_to_serve_with_demo_accounts(demo_db: str, use_db, monkeypatch) -> None:
    from tests.apptest import app_as

    monkeypatch.setenv("PORA_ENV", "production")
    use_db(demo_db)
    at = app_as(demo_db, None)
    assert not at.exception
    assert "tidak aman" in at.error[0].value
    assert not at.text_input  # not even the sign-in form
