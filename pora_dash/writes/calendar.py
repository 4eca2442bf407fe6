"""Calendar events (a regional Pilkada day, a local holiday): added by national or regional users within their scope, audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.reads.followups import FollowupError
from pora_dash.store import db
from pora_dash.store.models import EVENT_KINDS, CalendarEvent


def add_event(
    session: Session,
    *,
    name: str,
    kind: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    region_code: str | None,
    scope: Scope,
    username: str,
) -> int:
    """Record a calendar event (e.g. a regional Pilkada day, a local holiday); national when
    no region. Refused with followups.FollowupError (an i18n key) and nothing written when the
    name is empty, the kind unknown, the period backwards, or the region unknown or outside
    the user's scope (only national users add national events)."""

    name = (name or "").strip()
    if not name or len(name) > 160:
        raise FollowupError("event.needs_name")
    if kind not in EVENT_KINDS:
        raise FollowupError("event.bad_kind")
    if starts_on is None:
        raise FollowupError("event.needs_date")
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise FollowupError("event.backwards")
    if region_code is not None and not reference.is_valid_code(region_code):
        raise FollowupError("meeting.bad_region", code=region_code)
    if region_code is None and not scope.is_national:
        raise FollowupError("event.national_only")
    if region_code is not None and not scope.allows(region_code):
        raise FollowupError("meeting.out_of_scope", code=region_code)
    event = CalendarEvent(
        name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, region_code=region_code
    )
    session.add(event)
    session.flush()
    auth.audit(
        session,
        "calendar_event_added",
        username=username,
        target=f"calendar_events/{event.id}",
        name=name,
        region=region_code,
    )
    db.bump_data_version(session)
    return event.id
