"""Sign-ins that survive a reload (websession.py), on SQLite and PostgreSQL: a one-time code
becomes a cookie token once, the token resumes the right user, and idle, too old, revoked,
disabled, signed-out and forged tokens resume nobody. Only hashes are stored."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from pora_dash.access import auth, websession
from pora_dash.store import db
from pora_dash.store.models import User, WebSession
from tests import fixtures
from tests.db.test_auth import PASSWORD

IDLE = 30


@pytest.fixture
def world(any_db: str) -> str:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        auth.create_user(
            session,
            username="kesbangpol.brebes",
            password=PASSWORD,
            role="agency",
            regions=["33.29"],
            agency_id=2,
            actor="admin",
        )
    return any_db


def _signed_in_token(url: str) -> str:
    with db.session_scope(url) as session:
        user = auth.authenticate(session, "kesbangpol.brebes", PASSWORD)
        code = websession.start(session, user)
    with db.session_scope(url) as session:
        token = websession.exchange(session, code)
    assert token
    return token


def _resume(url: str, token: str | None) -> auth.SignedIn | None:
    with db.session_scope(url) as session:
        return websession.resume(session, token, IDLE)


def _age(url: str, **delta: float) -> None:
    """Move the sign-in's times back, as if that much time had passed."""
    with db.session_scope(url) as session:
        row = session.scalar(select(WebSession))
        assert row is not None
        back = dt.timedelta(**delta)
        row.created_at -= back
        row.last_seen_at -= back


def test_a_code_becomes_a_token_once_and_resumes_the_user(world: str) -> None:
    with db.session_scope(world) as session:
        user = auth.authenticate(session, "kesbangpol.brebes", PASSWORD)
        code = websession.start(session, user)
    with db.session_scope(world) as session:
        token = websession.exchange(session, code)
        assert websession.exchange(session, code) is None  # single use
    resumed = _resume(world, token)
    assert resumed is not None and resumed.username == "kesbangpol.brebes"
    assert resumed.scope.codes == frozenset({"33.29"})
    with db.session_scope(world) as session:
        row = session.scalar(select(WebSession))
        assert row is not None and token is not None
        assert token not in (row.token_hash, row.code_hash)  # only the hash is kept
        assert row.code_hash is None


def test_an_expired_code_and_forged_tokens_give_nothing(world: str) -> None:
    with db.session_scope(world) as session:
        user = auth.authenticate(session, "kesbangpol.brebes", PASSWORD)
        code = websession.start(session, user)
        session.flush()
        row = session.scalar(select(WebSession))
        assert row is not None and row.code_expires_at is not None
        row.code_expires_at -= dt.timedelta(minutes=2)
    with db.session_scope(world) as session:
        assert websession.exchange(session, code) is None
        assert websession.exchange(session, "") is None
    for forged in (None, "", "x" * 43, "y" * 5000):
        assert _resume(world, forged) is None


def test_idle_and_too_old_sign_ins_end(world: str) -> None:
    token = _signed_in_token(world)
    _age(world, minutes=IDLE - 1)
    assert _resume(world, token) is not None  # in use: last seen moves to now
    _age(world, minutes=IDLE + 1)
    assert _resume(world, token) is None
    with db.session_scope(world) as session:  # and the row is gone
        assert session.scalar(select(func.count()).select_from(WebSession)) == 0

    token = _signed_in_token(world)
    _age(world, hours=websession.MAX_HOURS + 1)
    with db.session_scope(world) as session:  # active all along, but too old
        row = session.scalar(select(WebSession))
        assert row is not None
        row.last_seen_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert _resume(world, token) is None


def test_revoked_disabled_and_signed_out_sign_ins_end(world: str) -> None:
    token = _signed_in_token(world)
    with db.session_scope(world) as session:  # "sign out everywhere"
        session.execute(update(User).values(session_epoch=User.session_epoch + 1))
    assert _resume(world, token) is None

    token = _signed_in_token(world)
    with db.session_scope(world) as session:
        session.execute(update(User).values(is_active=False))
    assert _resume(world, token) is None
    with db.session_scope(world) as session:
        session.execute(update(User).values(is_active=True))

    token = _signed_in_token(world)
    other = _signed_in_token(world)  # a second browser
    with db.session_scope(world) as session:
        websession.end(session, token)
    assert _resume(world, token) is None
    assert _resume(world, other) is not None  # signing out here does not sign out there


def test_prune_removes_what_can_no_longer_be_used(world: str) -> None:
    _signed_in_token(world)
    _age(world, hours=websession.MAX_HOURS + 1)
    with db.session_scope(world) as session:
        user = auth.authenticate(session, "kesbangpol.brebes", PASSWORD)
        websession.start(session, user)  # a fresh code: kept
    with db.session_scope(world) as session:
        assert websession.prune(session) == 1
        assert session.scalar(select(func.count()).select_from(WebSession)) == 1
