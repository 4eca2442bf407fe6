"""Writes of meetings (rakor) and their follow-up actions, each one transaction, audited.

Rules
- Status moves only along `reads.followups.ALLOWED`. Dropping needs a reason. Done sets the
  completion date.
- Every change writes an ActionUpdate (who, when, what changed, comment) in the same
  transaction, and bumps the data version.
- Concurrent edits: the editor sends the version they saw; if the action changed since, the
  update is refused with a ConflictError carrying the newer state (optimistic locking, also
  enforced at flush by SQLAlchemy's version counter).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pora_dash import clock
from pora_dash.access.auth import audit
from pora_dash.access.permissions import may_edit
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.reads.followups import (
    ALLOWED,
    ActionView,
    FollowupError,
    action_view,
    can_move,
)
from pora_dash.store import db
from pora_dash.store.models import (
    MEETING_LEVELS,
    Action,
    ActionUpdate,
    Agency,
    Meeting,
    MeetingAgency,
)

MAX_TEXT = 4000


class DecisionError(FollowupError):
    """A refused decision row of a new meeting (1-based `row`): nothing was written."""

    def __init__(self, row: int, cause: FollowupError) -> None:
        super().__init__(cause.key, **cause.values)
        self.row = row


@dataclass(frozen=True)
class Decision:
    """One decision row of the meeting form."""

    description: str | None
    owner_agency_id: int | None
    person_in_charge: str | None
    due_date: dt.date | None

    @property
    def blank(self) -> bool:
        return (
            not (self.description or "").strip()
            and self.owner_agency_id is None
            and (self.due_date is None)
        )


class ConflictError(FollowupError):
    """Someone else changed the action first; `current` is what it is now."""

    def __init__(self, current: ActionView) -> None:
        super().__init__("followup.conflict", by=current.last_changed_by or "?")
        self.current = current


def _text(value: str | None, key: str, *, required: bool = False) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise FollowupError(key)
    if len(value) > MAX_TEXT:
        raise FollowupError("followup.too_long", n=MAX_TEXT)
    return value or None


def create_meeting(
    session: Session,
    *,
    level: str,
    office_agency_id: int | None,
    held_on: dt.date | None,
    region_code: str,
    title: str,
    venue: str | None,
    agenda: str | None,
    minutes: str | None,
    attendee_ids: list[int],
    username: str,
    scope: Scope | None = None,
) -> Meeting:
    """Record a meeting; every problem is refused with its own message."""

    if level not in MEETING_LEVELS:
        raise FollowupError("meeting.bad_level")
    if office_agency_id is None or session.get(Agency, office_agency_id) is None:
        raise FollowupError("meeting.needs_office")
    if held_on is None:
        raise FollowupError("meeting.needs_date")
    if not reference.is_valid_code(region_code):
        raise FollowupError("meeting.bad_region", code=region_code)
    if scope is not None and not scope.allows(region_code):
        raise FollowupError("meeting.out_of_scope", code=region_code)
    meeting = Meeting(
        level=level,
        office_agency_id=office_agency_id,
        held_on=held_on,
        title=_text(title, "meeting.needs_title", required=True),
        venue=_text(venue, ""),
        agenda=_text(agenda, ""),
        minutes=_text(minutes, ""),
    )
    meeting.place(region_code)
    session.add(meeting)
    session.flush()
    attendees = set(attendee_ids) | {office_agency_id}
    known = set(session.scalars(select(Agency.id).where(Agency.id.in_(attendees))))
    session.add_all(MeetingAgency(meeting_id=meeting.id, agency_id=a) for a in sorted(known))
    audit(
        session,
        "meeting_created",
        username=username,
        target=f"meeting:{meeting.id}",
        title=meeting.title,
        held_on=held_on,
    )
    db.bump_data_version(session, [meeting.province_code])
    return meeting


def create_meeting_with_decisions(
    session: Session, *, decisions: list[Decision], username: str, **meeting: Any
) -> Meeting:
    """A meeting and its decisions in one transaction: the caller's session commits all of
    it or, when any row is refused (`DecisionError` names it), none of it. Blank rows are
    left out."""
    created = create_meeting(session, username=username, **meeting)
    for row, decision in enumerate(decisions, start=1):
        if decision.blank:
            continue
        try:
            add_action(
                session,
                meeting_id=created.id,
                description=decision.description or "",
                owner_agency_id=decision.owner_agency_id,
                person_in_charge=decision.person_in_charge,
                due_date=decision.due_date,
                username=username,
                scope=meeting.get("scope"),
            )
        except FollowupError as exc:
            raise DecisionError(row, exc) from exc
    return created


def update_meeting(
    session: Session,
    *,
    meeting_id: int,
    seen_version: int,
    held_on: dt.date | None,
    title: str,
    venue: str | None,
    agenda: str | None,
    minutes: str | None,
    attendee_ids: list[int],
    username: str,
    scope: Scope | None = None,
) -> Meeting:
    """Edit a meeting as the editor saw it. Moving its date carries to the actions (a
    cascading key); a date after one of its actions' due dates is refused."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or (scope is not None and not scope.allows(meeting.region_code)):
        raise FollowupError("action.no_meeting")
    if meeting.version != seen_version:
        raise FollowupError("meeting.conflict")
    if held_on is None:
        raise FollowupError("meeting.needs_date")
    earliest_due = session.scalar(
        select(func.min(Action.due_date)).where(Action.meeting_id == meeting.id)
    )
    if earliest_due is not None and held_on > earliest_due:
        raise FollowupError("meeting.after_due", date=earliest_due)
    changes: dict[str, object] = {}
    values = {
        "held_on": held_on,
        "title": _text(title, "meeting.needs_title", required=True),
        "venue": _text(venue, ""),
        "agenda": _text(agenda, ""),
        "minutes": _text(minutes, ""),
    }
    for field, value in values.items():
        if getattr(meeting, field) != value:
            changes[field] = [getattr(meeting, field), value]
            setattr(meeting, field, value)
    wanted = set(attendee_ids) | {meeting.office_agency_id}
    present = {a.id for a in meeting.attendees}
    if wanted != present:
        meeting.attendees = list(session.scalars(select(Agency).where(Agency.id.in_(wanted))))
        changes["attendees"] = sorted(wanted)
    if not changes:
        raise FollowupError("action.nothing_changed")
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise FollowupError("meeting.conflict") from None
    audit(
        session,
        "meeting_updated",
        username=username,
        target=f"meeting:{meeting.id}",
        fields=sorted(changes),
    )
    db.bump_data_version(session, [meeting.province_code])  # its place is not editable
    return meeting


def add_action(
    session: Session,
    *,
    meeting_id: int,
    description: str,
    owner_agency_id: int | None,
    person_in_charge: str | None,
    due_date: dt.date | None,
    username: str,
    scope: Scope | None = None,
) -> Action:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or (scope is not None and not scope.allows(meeting.region_code)):
        raise FollowupError("action.no_meeting")
    text_ = _text(description, "action.needs_description", required=True)
    if owner_agency_id is None or session.get(Agency, owner_agency_id) is None:
        raise FollowupError("action.needs_owner")
    if due_date is None:
        raise FollowupError("action.needs_due")
    if due_date < meeting.held_on:
        raise FollowupError("action.due_before_meeting", date=meeting.held_on)
    action = Action(
        meeting_id=meeting.id,
        meeting_date=meeting.held_on,
        description=text_,
        owner_agency_id=owner_agency_id,
        due_date=due_date,
        status="open",
        person_in_charge=_text(person_in_charge, ""),
    )
    session.add(action)
    session.flush()
    session.add(
        ActionUpdate(
            action_id=action.id,
            username=username,
            old_status=None,
            new_status="open",
            comment=None,
            changes=json.dumps({"created": True}),
        )
    )
    audit(session, "action_created", username=username, target=f"action:{action.id}")
    db.bump_data_version(session, [meeting.province_code])
    return action


def update_action(
    session: Session,
    *,
    action_id: int,
    seen_version: int,
    status: str,
    comment: str | None,
    username: str,
    role: str,
    agency_id: int | None,
    evidence_text: str | None = None,
    evidence_url: str | None = None,
    drop_reason: str | None = None,
    due_date: dt.date | None = None,
    today: dt.date | None = None,
    scope: Scope | None = None,
) -> Action:
    """Change an action as one user saw it; refuses illegal moves and lost updates."""
    action = session.get(Action, action_id)
    if action is None:
        raise FollowupError("action.not_found")
    if scope is not None and not scope.allows(action.meeting.region_code):
        raise FollowupError("action.not_yours")
    if not may_edit(role, agency_id, action.owner_agency_id):
        raise FollowupError("action.not_yours")
    if action.version != seen_version:
        raise ConflictError(action_view(session, action_id))
    if status not in ALLOWED:
        raise FollowupError("action.bad_status")
    if not can_move(action.status, status):
        raise FollowupError("action.bad_transition", old=action.status, new=status)
    reason = _text(drop_reason, "")
    if status == "dropped" and not reason:
        raise FollowupError("action.needs_drop_reason")
    if evidence_url and not evidence_url.startswith(("https://", "http://")):
        raise FollowupError("action.bad_url")
    if due_date is not None and due_date < action.meeting_date:
        raise FollowupError("action.due_before_meeting", date=action.meeting_date)
    today = today or clock.today()
    changes: dict[str, object] = {}

    def put(field: str, value: object) -> None:
        if getattr(action, field) != value:
            changes[field] = [getattr(action, field), value]
            setattr(action, field, value)

    old_status = action.status
    put("status", status)
    put("completed_on", (action.completed_on or today) if status == "done" else None)
    put("drop_reason", reason if status == "dropped" else None)
    if evidence_text is not None:
        put("evidence_text", _text(evidence_text, ""))
    if evidence_url is not None:
        put("evidence_url", evidence_url.strip() or None)
    if due_date is not None:
        put("due_date", due_date)
    note = _text(comment, "")
    if not changes and not note:
        raise FollowupError("action.nothing_changed")
    session.add(
        ActionUpdate(
            action_id=action.id,
            username=username,
            old_status=old_status,
            new_status=status,
            comment=note,
            changes=json.dumps(changes, default=str) if changes else None,
        )
    )
    try:
        session.flush()  # the version counter refuses a concurrent write here
    except StaleDataError:
        session.rollback()
        raise ConflictError(action_view(session, action_id)) from None
    audit(session, "action_updated", username=username, target=f"action:{action.id}", status=status)
    db.bump_data_version(session, [action.meeting.province_code])
    return action
