"""Personal API tokens: an agency's own system reads figures and sends lists as a user.

A user whose role has the `api_tokens` permission (administrators, operators, analysts) makes
tokens on their profile page (`/profil`): a name, an expiry (at most MAX_DAYS) and read or
read+write (write, i.e. imports, only for a role that may import), and protected or exact
figures. An answer leaves the team's screens like a download does, so by default its counts of
people are protected (rounded to 5, "<5"); an exact-access user may make a token with exact
figures instead (the internal variant, TERBATAS, audited as such). The secret is shown once;
the database keeps its SHA-256 and a short prefix to recognise it in a list, so a copy of the
database cannot be replayed. A token acts as its user: same role, scope and disclosure rule,
read afresh on every call. It stops working when it expires, when it is revoked, and when the
user's session epoch moves (an administrator disabled the user or changed their role, scope or
password: `auth.update_user`), exactly like a browser sign-in (websession.py). An administrator
sees every user's tokens (`every_token`, on the users page) and may revoke any of them, e.g.
the token of a system that is retired or of a laptop that was lost; the revocation is audited
under the administrator's name with the token's owner.

>>> looks_like_token("pora_" + "a" * 43), looks_like_token("Bearer x")
(True, False)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.access.permissions import can
from pora_dash.store.models import ApiToken, User, utcnow

PREFIX = "pora_"
MAX_DAYS = 365
DEFAULT_DAYS = 90
MAX_NAME = 80
MAX_ACTIVE = 20  # usable tokens per user: one per system that calls us is plenty
SHOWN = 12  # characters of the secret kept in clear, to recognise it in a list
TOUCH_SECONDS = 60  # last_used_at is written at most this often (not on every call)
_SHAPE = re.compile(r"^pora_[A-Za-z0-9_\-]{40,60}$")


class TokenError(ValueError):
    """A refused token change; `key` and `values` make the message (i18n)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class TokenRow:
    """One token as its owner sees it in the list (never the secret)."""

    id: int
    name: str
    prefix: str
    can_write: bool
    exact: bool
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    state: str  # "active", "expired", "revoked" or "ended" (the user's role or scope changed)
    owner: str  # the username the token acts as


@dataclass(frozen=True)
class Caller:
    """Who calls the API: the token and its user as they are now."""

    token_id: int
    token_name: str
    can_write: bool
    exact: bool  # exact counts of people (internal); else protected like a download
    user: auth.SignedIn


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_token(secret: str) -> bool:
    return bool(_SHAPE.match(secret))


def _state(token: ApiToken, epoch: int, now: dt.datetime) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    return "active" if token.epoch == epoch else "ended"


def _row(token: ApiToken, epoch: int, now: dt.datetime, owner: str) -> TokenRow:
    return TokenRow(
        token.id,
        token.name,
        token.prefix,
        token.can_write,
        token.exact,
        token.created_at,
        token.expires_at,
        token.last_used_at,
        _state(token, epoch, now),
        owner,
    )


def tokens_of(session: Session, user: auth.SignedIn) -> list[TokenRow]:
    """The user's tokens, newest first, with their state."""
    current = session.get(User, user.user_id)
    epoch = current.session_epoch if current else -1
    now = utcnow()
    rows = session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.user_id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return [_row(t, epoch, now, user.username) for t in rows]


def every_token(session: Session, admin: auth.SignedIn) -> list[TokenRow]:
    """Every user's tokens, for an administrator: the active ones first, then newest first."""
    if not can(admin.role, "admin"):
        raise TokenError("tokens.not_allowed")
    now = utcnow()
    rows = [
        _row(token, owner.session_epoch, now, owner.username)
        for token, owner in session.execute(
            select(ApiToken, User)
            .join(User, User.id == ApiToken.user_id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    ]
    return sorted(rows, key=lambda r: r.state != "active")  # stable: newest first within


def create(
    session: Session,
    user: auth.SignedIn,
    *,
    name: str,
    days: int,
    write: bool,
    exact: bool = False,
) -> tuple[TokenRow, str]:
    """A new token for `user`; returns it and its secret (shown once, never stored). Audited."""
    if not can(user.role, "api_tokens"):
        raise TokenError("tokens.not_allowed")
    if write and not can(user.role, "import"):
        raise TokenError("tokens.no_write")
    if exact and not can(user.role, "exact_counts"):
        raise TokenError("tokens.no_exact")
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise TokenError("tokens.bad_name", n=MAX_NAME)
    if not 1 <= int(days) <= MAX_DAYS:
        raise TokenError("tokens.bad_days", n=MAX_DAYS)
    if sum(r.state == "active" for r in tokens_of(session, user)) >= MAX_ACTIVE:
        raise TokenError("tokens.too_many", n=MAX_ACTIVE)
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        user_id=user.user_id,
        name=name,
        prefix=secret[:SHOWN],
        token_hash=hash_secret(secret),
        can_write=bool(write),
        exact=bool(exact),
        epoch=user.epoch,
        created_at=now,
        expires_at=now + dt.timedelta(days=int(days)),
    )
    session.add(token)
    session.flush()
    auth.audit(
        session,
        "api_token_created",
        username=user.username,
        target=f"token:{token.id}",
        name=name,
        write=bool(write),
        variant="internal" if exact else "protected",
        expires=token.expires_at.date().isoformat(),
    )
    return _row(token, user.epoch, now, user.username), secret


def revoke(session: Session, user: auth.SignedIn, token_id: int) -> None:
    """Revoke one of the user's own tokens, or as an administrator anyone's (at once, for
    every process). Audited, with the token's owner."""
    token = session.get(ApiToken, token_id)
    if token is None or (token.user_id != user.user_id and not can(user.role, "admin")):
        raise TokenError("tokens.not_found")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        owner = session.get(User, token.user_id)
        auth.audit(
            session,
            "api_token_revoked",
            username=user.username,
            target=f"token:{token.id}",
            owner=owner.username if owner else None,
            name=token.name,
        )


def verify(session: Session, secret: str, *, now: dt.datetime | None = None) -> Caller | None:
    """The caller behind a presented secret, or None: unknown, expired, revoked, or its user
    disabled, changed (epoch) or no longer allowed tokens. The user's role and scope are read
    now, so a change applies to the next call."""
    if not looks_like_token(secret):
        return None
    now = now or utcnow()
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.is_active or _state(token, user.session_epoch, now) != "active":
        return None
    if not can(user.role, "api_tokens"):
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(seconds=TOUCH_SECONDS):
        token.last_used_at = now
    signed_in = auth._signed_in(session, user)
    return Caller(
        token.id,
        token.name,
        token.can_write and can(user.role, "import"),
        token.exact and can(user.role, "exact_counts"),
        signed_in,
    )
