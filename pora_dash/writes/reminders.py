"""What the reminders page writes itself: the audit entry of a previewed digest (sending is
`followthrough.digest.run`, which records every attempt)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pora_dash.access.auth import audit


def record_preview(session: Session, *, username: str, agency_id: int, day: dt.date) -> None:
    """A digest shown on screen before it goes out is audited like a download."""
    audit(session, "reminder_previewed", username=username, target=f"agency:{agency_id}", day=day)
