"""Users, passwords, sign-in with lockout, scopes, and the append-only audit log.

Passwords are hashed with Argon2id. Repeated failures slow down and then lock an account for
`LOCK_MINUTES`. Each user has one or more regions; `scope_of` turns them into the `Scope`
the query layer applies. Nothing here updates or deletes audit rows.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.store.models import ROLES, AuditEntry, Region, User, UserRegion, utcnow

MAX_FAILURES = 5  # then the account is locked
LOCK_MINUTES = 15
SLOWDOWN_AFTER = 2  # failures before each further attempt is delayed
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
# Verifying against this keeps the time of "unknown user" equal to "wrong password".
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AuthError(ValueError):
    """A refused sign-in or user change; `key` is the i18n key of the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class SignedIn:
    """What the app keeps in the session about the signed-in user."""

    user_id: int
    username: str
    display_name: str
    role: str
    agency_id: int | None
    scope: Scope
    language: str
    epoch: int


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("auth.password_too_short", n=MIN_PASSWORD_LENGTH)
    return _hasher.hash(password)


def audit(
    session: Session,
    event: str,
    *,
    username: str | None,
    target: str | None = None,
    **detail: object,
) -> None:
    """Append one audit entry, in the caller's transaction."""
    session.add(
        AuditEntry(
            event=event,
            username=username,
            target=target,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
        )
    )


def province_codes(session: Session) -> list[str]:
    """Every province in the database: the regions of a user with national scope."""
    return list(session.scalars(select(Region.code).where(Region.level == 1).order_by(Region.code)))


def scope_of(session: Session, user: User) -> Scope:
    """Administrators see the nation; others their regions (all provinces = the nation)."""
    if user.role == "admin":
        return Scope.national()
    codes = frozenset(
        session.scalars(select(UserRegion.region_code).where(UserRegion.user_id == user.id))
    )
    provinces = set(session.scalars(select(Region.code).where(Region.level == 1)))
    return Scope.national() if provinces and provinces <= codes else Scope(codes)


def _signed_in(session: Session, user: User) -> SignedIn:
    return SignedIn(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.agency_id,
        scope_of(session, user),
        user.language,
        user.session_epoch,
    )


def _refuse(session: Session, key: str, **values: object) -> AuthError:
    """Commit the failure's bookkeeping (counter, lock, audit) even though sign-in is refused."""
    session.commit()
    return AuthError(key, **values)


def _slow_down(failures: int, sleep=time.sleep) -> None:  # type: ignore[no-untyped-def]
    """After SLOWDOWN_AFTER failures, each further attempt waits 1 s, 2 s, 3 s (at most 4)."""
    if failures >= SLOWDOWN_AFTER:
        sleep(min(failures - SLOWDOWN_AFTER + 1, 4))


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    sleep=time.sleep,
) -> SignedIn:  # type: ignore[no-untyped-def]
    """Check a password; on refusal the failure is counted, audited, committed, then raised."""
    now = now or utcnow()
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None or not user.is_active or user.password_hash is None:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        audit(session, "login_failed", username=username.strip()[:80], reason="unknown_user")
        raise _refuse(session, "auth.invalid")
    if user.locked_until and user.locked_until > now:
        audit(session, "login_refused_locked", username=user.username)
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        raise _refuse(session, "auth.locked", minutes=minutes)
    _slow_down(user.failed_logins, sleep)
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            audit(session, "account_locked", username=user.username)
        audit(session, "login_failed", username=user.username, reason="wrong_password")
        raise _refuse(session, "auth.invalid") from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    audit(session, "login", username=user.username)
    return _signed_in(session, user)


def sign_in_external(session: Session, email: str) -> SignedIn:
    """Single sign-on (st.login): the identity provider vouches for the email address; the
    user must already exist here, with the role and scope given by an administrator."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.is_active:
        audit(session, "login_failed", username=email[:80], reason="sso_unknown_user")
        raise _refuse(session, "auth.sso_unknown")
    user.last_login_at = utcnow()
    audit(session, "login", username=user.username, method="sso")
    return _signed_in(session, user)


def still_valid(session: Session, signed_in: SignedIn) -> SignedIn | None:
    """Re-read the user: None when disabled or signed out everywhere (epoch bumped); else the
    current role and scope, so an administrator's change takes effect at the next rerun."""
    user = session.get(User, signed_in.user_id)
    if user is None or not user.is_active or user.session_epoch != signed_in.epoch:
        return None
    return _signed_in(session, user)


def create_user(
    session: Session,
    *,
    username: str,
    password: str | None,
    role: str,
    regions: list[str],
    display_name: str | None = None,
    email: str | None = None,
    agency_id: int | None = None,
    language: str = "id",
    actor: str | None = None,
) -> User:
    """Create a user; every region must exist. Audited."""
    if role not in ROLES:
        raise AuthError("auth.bad_role", role=role)
    if not username.strip() or len(username) > 80:
        raise AuthError("auth.bad_username")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise AuthError("auth.user_exists", username=username)
    known = set(session.scalars(select(Region.code).where(Region.code.in_(regions))))
    unknown = [c for c in regions if c not in known]
    if unknown:
        raise AuthError("auth.unknown_region", codes=", ".join(unknown))
    if role != "admin" and not regions:
        raise AuthError("auth.needs_region")
    if role == "agency" and agency_id is None:
        raise AuthError("auth.needs_agency")
    user = User(
        username=username.strip(),
        display_name=display_name or username,
        email=email,
        password_hash=hash_password(password) if password else None,
        role=role,
        agency_id=agency_id,
        language=language,
    )
    user.regions = [UserRegion(region_code=c) for c in dict.fromkeys(regions)]
    session.add(user)
    session.flush()
    audit(
        session,
        "user_created",
        username=actor,
        target=user.username,
        role=role,
        regions=list(dict.fromkeys(regions)),
    )
    return user


def update_user(
    session: Session,
    user: User,
    *,
    actor: str,
    role: str | None = None,
    regions: list[str] | None = None,
    is_active: bool | None = None,
    password: str | None = None,
    agency_id: int | None = None,
) -> None:
    """Change a user; any change of role, scope, status or password ends their sessions."""
    changes: dict[str, object] = {}
    if role is not None and role != user.role:
        if role not in ROLES:
            raise AuthError("auth.bad_role", role=role)
        changes["role"] = [user.role, role]
        user.role = role
    if regions is not None:
        known = set(session.scalars(select(Region.code).where(Region.code.in_(regions))))
        if unknown := [c for c in regions if c not in known]:
            raise AuthError("auth.unknown_region", codes=", ".join(unknown))
        session.execute(delete(UserRegion).where(UserRegion.user_id == user.id))
        session.add_all(UserRegion(user_id=user.id, region_code=c) for c in dict.fromkeys(regions))
        changes["regions"] = list(dict.fromkeys(regions))
    if is_active is not None and is_active != user.is_active:
        changes["is_active"] = is_active
        user.is_active = is_active
    if password:
        user.password_hash = hash_password(password)
        user.failed_logins, user.locked_until = 0, None
        changes["password"] = "changed"
    if agency_id is not None and agency_id != user.agency_id:
        changes["agency_id"] = agency_id
        user.agency_id = agency_id
    if changes:
        user.session_epoch += 1
        audit(session, "user_changed", username=actor, target=user.username, **changes)


def list_users(session: Session) -> list[dict[str, object]]:
    """Every user with their scope, for the administrator's page (no password hashes)."""
    users = session.scalars(select(User).order_by(User.username)).all()
    scopes: dict[int, list[str]] = {}
    for user_id, code in session.execute(select(UserRegion.user_id, UserRegion.region_code)):
        scopes.setdefault(user_id, []).append(code)
    return [
        {
            "id": u.id,
            "username": u.username,
            "display_name": u.display_name,
            "email": u.email,
            "role": u.role,
            "regions": sorted(scopes.get(u.id, [])),
            "agency_id": u.agency_id,
            "is_active": u.is_active,
            "locked": bool(u.locked_until and u.locked_until > utcnow()),
            "last_login_at": u.last_login_at,
        }
        for u in users
    ]


def audit_entries(
    session: Session,
    *,
    username: str | None = None,
    event: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """Search the audit log, newest first."""
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if username:
        stmt = stmt.where(func.lower(AuditEntry.username).contains(username.lower()))
    if event:
        stmt = stmt.where(AuditEntry.event == event)
    if since:
        stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until:
        stmt = stmt.where(
            AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
        )
    return list(session.scalars(stmt))


def audit_events(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.event).distinct().order_by(AuditEntry.event)))
