"""Users, as an administrator changes them on the users page: each change one transaction,
audited inside (`access.auth` holds the rules: passwords, roles, scopes, lockout)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.access.auth import AuthError
from pora_dash.store.models import User


def create_user(session: Session, *, national: bool, regions: list[str], **fields: object) -> User:
    """A new user; `national` gives every province (the whole country, as auth.scope_of reads
    it) whatever regions were picked."""
    if national:
        regions = auth.province_codes(session)
    return auth.create_user(session, regions=regions, **fields)  # type: ignore[arg-type]


def save_user(
    session: Session, *, user_id: int, actor: str, end_sessions: bool, **changes: object
) -> User:
    """Change a user's role, scope, status or password (any of these ends their sessions);
    `end_sessions` ends them even without a change."""
    user = session.get(User, user_id)
    if user is None:
        raise AuthError("users.unknown")
    auth.update_user(session, user, actor=actor, **changes)  # type: ignore[arg-type]
    if end_sessions:
        user.session_epoch += 1
        auth.audit(session, "sessions_ended", username=actor, target=user.username)
    return user
