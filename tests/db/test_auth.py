"""Sign-in, lockout, scopes and the audit trail of user management."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.store import db
from pora_dash.store.models import AuditEntry, User
from tests import fixtures

PASSWORD = "correct horse battery"


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
        auth.create_user(
            session, username="admin", password=PASSWORD, role="admin", regions=[], actor="setup"
        )
    return any_db


def _events(url: str) -> list[tuple[str, str | None]]:
    with db.session_scope(url) as session:
        return [
            (e.event, e.username)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_password_is_stored_as_argon2_hash(world: str) -> None:
    with db.session_scope(world) as session:
        user = session.scalar(select(User).where(User.username == "admin"))
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_sign_in_gives_role_and_scope_and_is_audited(world: str) -> None:
    with db.session_scope(world) as session:
        signed = auth.authenticate(session, "Kesbangpol.Brebes", PASSWORD)
    assert signed.role == "agency"
    assert signed.scope == Scope.of(["33.29"])
    assert ("login", "kesbangpol.brebes") in _events(world)


def test_admin_sees_the_nation(world: str) -> None:
    with db.session_scope(world) as session:
        assert auth.authenticate(session, "admin", PASSWORD).scope.is_national


@pytest.mark.parametrize("username", ["admin", "nobody"])
def test_wrong_password_and_unknown_user_get_the_same_answer(world: str, username: str) -> None:
    with pytest.raises(auth.AuthError) as err, db.session_scope(world) as session:
        auth.authenticate(session, username, "wrong password!")
    assert err.value.key == "auth.invalid"
    assert ("login_failed", username) in _events(world)


def test_repeated_failures_slow_down_then_lock(world: str) -> None:
    slept: list[float] = []
    now = dt.datetime(2026, 11, 22, 8, 0)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthError), db.session_scope(world) as session:
            auth.authenticate(session, "admin", "bad password", now=now, sleep=slept.append)
    assert slept == [1, 2, 3]  # after 2 failures (README): the 3rd, 4th and 5th attempts
    # locked: even the right password is refused, with the minutes to wait
    with pytest.raises(auth.AuthError) as err, db.session_scope(world) as session:
        auth.authenticate(session, "admin", PASSWORD, now=now + dt.timedelta(minutes=5))
    assert err.value.key == "auth.locked"
    assert err.value.values["minutes"] == 11
    assert ("account_locked", "admin") in _events(world)
    # after the lock has passed, the right password works again
    with db.session_scope(world) as session:
        auth.authenticate(session, "admin", PASSWORD, now=now + dt.timedelta(minutes=16))


def test_scope_change_revokes_running_sessions(world: str) -> None:
    with db.session_scope(world) as session:
        signed = auth.authenticate(session, "kesbangpol.brebes", PASSWORD)
        assert auth.still_valid(session, signed) is not None
        user = session.scalar(select(User).where(User.username == "kesbangpol.brebes"))
        auth.update_user(session, user, actor="admin", regions=["33.29", "31.71"])
    with db.session_scope(world) as session:
        assert auth.still_valid(session, signed) is None
    assert ("user_changed", "admin") in _events(world)


def test_disabled_user_cannot_sign_in(world: str) -> None:
    with db.session_scope(world) as session:
        user = session.scalar(select(User).where(User.username == "kesbangpol.brebes"))
        auth.update_user(session, user, actor="admin", is_active=False)
    with pytest.raises(auth.AuthError), db.session_scope(world) as session:
        auth.authenticate(session, "kesbangpol.brebes", PASSWORD)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"role": "boss", "regions": ["33.29"]}, "auth.bad_role"),
        ({"role": "viewer", "regions": ["99.99"]}, "auth.unknown_region"),
        ({"role": "viewer", "regions": []}, "auth.needs_region"),
        ({"role": "agency", "regions": ["33.29"]}, "auth.needs_agency"),
        ({"role": "viewer", "regions": ["33"], "password": "short"}, "auth.password_too_short"),
        ({"role": "viewer", "regions": ["33"], "username": "ADMIN"}, "auth.user_exists"),
    ],
)
def test_bad_user_definitions_are_refused(world: str, kwargs: dict, key: str) -> None:
    args = {"username": "new.user", "password": PASSWORD, **kwargs}
    with pytest.raises(auth.AuthError) as err, db.session_scope(world) as session:
        auth.create_user(session, actor="admin", **args)
    assert err.value.key == key


def test_sso_identity_is_accepted_only_when_fresh() -> None:
    from pora_dash.ui.signin import sso_is_fresh

    assert sso_is_fresh({"iat": 1_000}, now=1_000 + 60)
    assert not sso_is_fresh({"iat": 1_000}, now=1_000 + 3600)  # an old 30-day cookie
    assert not sso_is_fresh({}, now=1_000)
    assert not sso_is_fresh({"iat": 2_000}, now=1_000)  # issued in the future


def test_sso_maps_to_an_existing_user_by_email(world: str) -> None:
    with db.session_scope(world) as session:
        user = session.scalar(select(User).where(User.username == "kesbangpol.brebes"))
        user.email = "staf@kesbangpol.brebeskab.go.id"
    with db.session_scope(world) as session:
        signed = auth.sign_in_external(session, "Staf@Kesbangpol.BrebesKab.go.id")
    assert signed.username == "kesbangpol.brebes" and signed.scope == Scope.of(["33.29"])
    with pytest.raises(auth.AuthError) as err, db.session_scope(world) as session:
        auth.sign_in_external(session, "stranger@example.org")
    assert err.value.key == "auth.sso_unknown"
