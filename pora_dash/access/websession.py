"""Sign-ins that survive a page reload, without trusting the browser with anything but a
random token.

1. Signing in (form or SSO) creates a row with a one-time code, valid CODE_SECONDS.
2. The page asks the server route `/_pora/session?code=…` (serve.py) in the background; the
   route exchanges the code for a fresh random token, stores its SHA-256, and sets it as an
   HttpOnly, SameSite=Lax cookie. The code cannot be used twice.
3. A new page load (F5, a link opened in a new tab) reads the cookie and resumes the
   sign-in, if the user is still active, was not signed out everywhere (session epoch), the
   browser was not idle longer than the idle timeout and the sign-in is not older than
   MAX_HOURS. Pages touch the row at most once a minute while in use.
4. Signing out deletes the row (the route also clears the cookie).

Only hashes are stored, so a copy of the database cannot be replayed as a cookie. Rows are
per browser, so signing out on one device does not sign out another; an administrator's
"sign out everywhere" (session epoch) ends them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.store.models import User, WebSession, utcnow

COOKIE = "pora_session"
CODE_SECONDS = 60
MAX_HOURS = 12
TOUCH_SECONDS = 60


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def start(session: Session, user: auth.SignedIn) -> str:
    """A one-time code for this sign-in, to be exchanged for the cookie."""
    code = secrets.token_urlsafe(24)
    session.add(
        WebSession(
            user_id=user.user_id,
            epoch=user.epoch,
            code_hash=_hash(code),
            code_expires_at=utcnow() + dt.timedelta(seconds=CODE_SECONDS),
        )
    )
    return code


def exchange(session: Session, code: str) -> str | None:
    """The cookie token for a valid, unused code; None for anything else."""
    if not code or len(code) > 100:
        return None
    row = session.scalar(select(WebSession).where(WebSession.code_hash == _hash(code)))
    if row is None or row.code_expires_at is None or row.code_expires_at < utcnow():
        return None
    token = secrets.token_urlsafe(32)
    row.token_hash, row.code_hash, row.code_expires_at = _hash(token), None, None
    row.last_seen_at = utcnow()
    return token


def _by_token(session: Session, token: str | None) -> WebSession | None:
    if not token or len(token) > 100:
        return None
    return session.scalar(select(WebSession).where(WebSession.token_hash == _hash(token)))


def resume(session: Session, token: str | None, idle_minutes: int) -> auth.SignedIn | None:
    """The signed-in user of a cookie token, or None (unknown, idle, too old, revoked)."""
    row = _by_token(session, token)
    if row is None:
        return None
    now = utcnow()
    too_old = now - row.created_at > dt.timedelta(hours=MAX_HOURS)
    idle = now - row.last_seen_at > dt.timedelta(minutes=idle_minutes)
    user = session.get(User, row.user_id)
    if too_old or idle or user is None or not user.is_active or user.session_epoch != row.epoch:
        session.delete(row)
        return None
    row.last_seen_at = now
    return auth._signed_in(session, user)


def is_valid(session: Session, token: str | None, idle_minutes: int) -> bool:
    """Whether a cookie token belongs to a current sign-in (like `resume`, changing nothing):
    what an exported file (`/media/…`, see webroutes.guard) asks of its request."""
    row = _by_token(session, token)
    if row is None or row.token_hash is None:
        return False
    now = utcnow()
    if now - row.created_at > dt.timedelta(hours=MAX_HOURS):
        return False
    if now - row.last_seen_at > dt.timedelta(minutes=idle_minutes):
        return False
    user = session.get(User, row.user_id)
    return user is not None and user.is_active and user.session_epoch == row.epoch


def touch(session: Session, token: str | None) -> None:
    """Record activity (the page calls this at most every TOUCH_SECONDS)."""
    row = _by_token(session, token)
    if row is not None:
        row.last_seen_at = utcnow()


def end(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))


def prune(session: Session) -> int:
    """Delete rows that can no longer be used: expired codes and sign-ins past MAX_HOURS."""
    now = utcnow()
    result = session.execute(
        delete(WebSession).where(
            (WebSession.created_at < now - dt.timedelta(hours=MAX_HOURS))
            | (WebSession.code_expires_at < now)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
