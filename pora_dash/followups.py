"""Meetings (rakor) and their follow-up actions: the rules, the writes and the reads.

Rules
- Status moves only along ALLOWED: open ⇄ in progress → done or dropped; done and dropped can
  be reopened (with a comment). Dropping needs a reason. Done sets the completion date.
- "Overdue": not done and not dropped, and the due date is before today in Asia/Jakarta.
- Every change writes an ActionUpdate (who, when, what changed, comment) in the same
  transaction, and bumps the data version.
- Concurrent edits: the editor sends the version they saw; if the action changed since, the
  update is refused with a ConflictError carrying the newer state (optimistic locking, also
  enforced at flush by SQLAlchemy's version counter).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pora_dash import clock, db
from pora_dash.auth import audit
from pora_dash.filters import Filters
from pora_dash.models import MEETING_LEVELS, Action, ActionUpdate, Agency, Meeting, MeetingAgency
from pora_dash.queries import in_region, in_scope
from pora_dash.scope import Scope

ALLOWED: dict[str, frozenset[str]] = {
    "open": frozenset({"in_progress", "done", "dropped"}),
    "in_progress": frozenset({"open", "done", "dropped"}),
    "done": frozenset({"in_progress"}),
    "dropped": frozenset({"open"}),
}
PENDING = ("open", "in_progress")
MAX_TEXT = 4000


class FollowupError(ValueError):
    """A refused write; `key` is the i18n key of the message, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


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


def can_move(old: str, new: str) -> bool:
    return new == old or new in ALLOWED.get(old, frozenset())


def may_edit(role: str, agency_id: int | None, owner_agency_id: int) -> bool:
    """Operators and administrators edit every action; agency members their agency's own."""
    from pora_dash.privacy import can

    if can(role, "edit_actions"):
        return True
    return can(role, "edit_own_actions") and agency_id is not None and agency_id == owner_agency_id


def is_overdue(status: str, due: dt.date, today: dt.date | None = None) -> bool:
    return status in PENDING and due < (today or clock.today())


def overdue_condition(today: dt.date) -> ColumnElement[bool]:
    return and_(Action.status.in_(PENDING), Action.due_date < today)


# --- writes ---------------------------------------------------------------------------------


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
    from pora_dash import reference

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
    db.bump_data_version(session)
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
    db.bump_data_version(session)
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
    db.bump_data_version(session)
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
    db.bump_data_version(session)
    return action


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    id: int
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    description: str
    owner_agency_id: int
    owner: str
    person_in_charge: str | None
    due_date: dt.date
    status: str
    completed_on: dt.date | None
    drop_reason: str | None
    evidence_text: str | None
    evidence_url: str | None
    version: int
    last_changed_by: str | None
    meeting_region: str

    def overdue(self, today: dt.date | None = None) -> bool:
        return is_overdue(self.status, self.due_date, today)


def action_view(session: Session, action_id: int) -> ActionView:
    session.expire_all()
    a = session.get(Action, action_id)
    if a is None:
        raise FollowupError("action.not_found")
    owner = session.get(Agency, a.owner_agency_id)
    last = session.scalar(
        select(ActionUpdate.username)
        .where(ActionUpdate.action_id == a.id)
        .order_by(ActionUpdate.id.desc())
        .limit(1)
    )
    return ActionView(
        a.id,
        a.meeting_id,
        a.meeting.title,
        a.meeting_date,
        a.description,
        a.owner_agency_id,
        owner.name if owner else "?",
        a.person_in_charge,
        a.due_date,
        a.status,
        a.completed_on,
        a.drop_reason,
        a.evidence_text,
        a.evidence_url,
        a.version,
        last,
        a.meeting.region_code,
    )


def history(session: Session, action_id: int) -> pd.DataFrame:
    rows = session.execute(
        select(
            ActionUpdate.changed_at,
            ActionUpdate.username,
            ActionUpdate.old_status,
            ActionUpdate.new_status,
            ActionUpdate.comment,
            ActionUpdate.changes,
        )
        .where(ActionUpdate.action_id == action_id)
        .order_by(ActionUpdate.id)
    ).all()
    return pd.DataFrame(rows, columns=["at", "username", "old", "new", "comment", "changes"])


def _meeting_conditions(filters: Filters, scope: Scope) -> list[ColumnElement[bool]]:
    conds = [in_scope(Meeting, scope)]
    if filters.wilayah:
        conds.append(in_region(Meeting, filters.wilayah))
    return conds


@dataclass(frozen=True)
class ActionFilter:
    agency_id: int | None = None
    office_id: int | None = None
    statuses: tuple[str, ...] = ()
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    overdue_only: bool = False
    meeting_id: int | None = None


def actions(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    which: ActionFilter = ActionFilter(),
    limit: int = 500,
) -> pd.DataFrame:
    """Actions of meetings in the area, overdue first, then by due date."""
    today = filters.reference_date()
    conds = _meeting_conditions(filters, scope)
    if which.meeting_id:
        conds.append(Action.meeting_id == which.meeting_id)
    if which.agency_id:
        conds.append(Action.owner_agency_id == which.agency_id)
    if which.office_id:
        conds.append(Meeting.office_agency_id == which.office_id)
    if which.statuses:
        conds.append(Action.status.in_(which.statuses))
    if which.due_from:
        conds.append(Action.due_date >= which.due_from)
    if which.due_to:
        conds.append(Action.due_date <= which.due_to)
    if which.overdue_only:
        conds.append(overdue_condition(today))
    overdue = case((overdue_condition(today), 0), else_=1)
    stmt = (
        select(
            Action.id,
            Action.description,
            Agency.name,
            Action.person_in_charge,
            Action.due_date,
            Action.status,
            Action.completed_on,
            Meeting.id,
            Meeting.title,
            Meeting.held_on,
            Action.version,
            Action.owner_agency_id,
        )
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Agency, Agency.id == Action.owner_agency_id)
        .where(*conds)
        .order_by(overdue, Action.due_date, Action.id)
        .limit(limit)
    )
    frame = pd.DataFrame(
        session.execute(stmt).all(),
        columns=[
            "id",
            "description",
            "owner",
            "person_in_charge",
            "due_date",
            "status",
            "completed_on",
            "meeting_id",
            "meeting_title",
            "meeting_date",
            "version",
            "owner_agency_id",
        ],
    )
    frame["overdue"] = [
        is_overdue(s, d, today) for s, d in zip(frame["status"], frame["due_date"], strict=True)
    ]
    return frame


def agency_summary(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Per owner agency: open, overdue, done on time, done late, dropped, median days to close.

    Counts are grouped in SQL; the median is taken over the (small) list of closing times.
    """
    today = filters.reference_date()
    conds = _meeting_conditions(filters, scope)
    done = Action.status == "done"
    stmt = (
        select(
            Agency.id,
            Agency.name,
            func.sum(case((Action.status.in_(PENDING), 1), else_=0)),
            func.sum(case((overdue_condition(today), 1), else_=0)),
            func.sum(case((and_(done, Action.completed_on <= Action.due_date), 1), else_=0)),
            func.sum(case((and_(done, Action.completed_on > Action.due_date), 1), else_=0)),
            func.sum(case((Action.status == "dropped", 1), else_=0)),
        )
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Agency, Agency.id == Action.owner_agency_id)
        .where(*conds)
        .group_by(Agency.id, Agency.name)
    )
    frame = pd.DataFrame(
        session.execute(stmt).all(),
        columns=["agency_id", "agency", "open", "overdue", "done_on_time", "done_late", "dropped"],
    )
    closing = session.execute(
        select(Action.owner_agency_id, Action.meeting_date, Action.completed_on)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(*conds, done)
    ).all()
    days: dict[int, list[int]] = {}
    for agency_id, held, completed in closing:
        if completed is not None:  # always set for done actions (a CHECK); typed as optional
            days.setdefault(agency_id, []).append((completed - held).days)
    frame["median_days"] = [
        statistics.median(days[a]) if a in days else None for a in frame["agency_id"]
    ]
    for column in ("open", "overdue", "done_on_time", "done_late", "dropped"):
        frame[column] = frame[column].astype("int64")
    return frame.sort_values(["overdue", "open"], ascending=False, ignore_index=True)


def meetings(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    office_id: int | None = None,
    level: str | None = None,
) -> pd.DataFrame:
    """Meetings in the area, newest first, with their action counts."""
    today = filters.reference_date()
    conds = _meeting_conditions(filters, scope)
    if office_id:
        conds.append(Meeting.office_agency_id == office_id)
    if level:
        conds.append(Meeting.level == level)
    counts = (
        select(
            Action.meeting_id,
            func.count().label("n"),
            func.sum(case((Action.status.in_(PENDING), 1), else_=0)).label("pending"),
            func.sum(case((overdue_condition(today), 1), else_=0)).label("overdue"),
        )
        .group_by(Action.meeting_id)
        .subquery()
    )
    office = select(Agency.id, Agency.name).subquery()
    stmt = (
        select(
            Meeting.id,
            Meeting.held_on,
            Meeting.level,
            Meeting.title,
            office.c.name,
            Meeting.region_code,
            Meeting.venue,
            func.coalesce(counts.c.n, 0),
            func.coalesce(counts.c.pending, 0),
            func.coalesce(counts.c.overdue, 0),
        )
        .join(office, office.c.id == Meeting.office_agency_id)
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .where(*conds)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    return pd.DataFrame(
        session.execute(stmt).all(),
        columns=[
            "id",
            "held_on",
            "level",
            "title",
            "office",
            "region_code",
            "venue",
            "actions",
            "pending",
            "overdue",
        ],
    )


def by_days_overdue(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Actions with `days_overdue` (days past the due date while pending, else 0), most
    overdue first, then by due date."""
    late = [
        (today - due).days if over else 0
        for due, over in zip(rows["due_date"], rows["overdue"], strict=True)
    ]
    out = rows.assign(days_overdue=late)
    return out.sort_values(["days_overdue", "due_date"], ascending=[False, True], kind="stable")


def previous_meeting(
    session: Session, *, filters: Filters, scope: Scope, today: dt.date
) -> pd.Series | None:
    """The rakor whose decisions are reviewed now, the one definition used by the review
    page, the actions slide and the brief: the latest meeting in the filter and the scope
    held on or before `today` (the reference date)."""
    held = meetings(session, filters=filters, scope=scope)
    held = held[held["held_on"] <= today]
    return None if held.empty else held.iloc[0]


def review_queue(session: Session, *, meeting_id: int, scope: Scope) -> list[int]:
    """The decisions of `meeting_id` still pending (open or in progress), earliest due first:
    what the next rakor reviews, and what the actions slide lists."""
    stmt = (
        select(Action.id)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(Meeting.id == meeting_id, Action.status.in_(PENDING), in_scope(Meeting, scope))
        .order_by(Action.due_date, Action.id)
    )
    return list(session.scalars(stmt))


def agencies(session: Session, *, region: str | None = None) -> pd.DataFrame:
    """Agencies for pickers: national ones and those of the region's province and below."""
    conds: list[ColumnElement[bool]] = []
    if region:
        province = region.split(".")[0]
        conds.append(or_(Agency.region_code.is_(None), Agency.region_code.startswith(province)))
    stmt = select(Agency.id, Agency.name, Agency.kind, Agency.region_code).where(*conds)
    return pd.DataFrame(
        session.execute(stmt.order_by(Agency.name)).all(),
        columns=["id", "name", "kind", "region_code"],
    )
