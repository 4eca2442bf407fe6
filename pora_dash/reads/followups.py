"""Reads of meetings (rakor) and their follow-up actions: the tracker, the agency summary,
the meeting list, the review queue.

- "Overdue": not done and not dropped, and the due date is before today in Asia/Jakarta.
- Status moves only along ALLOWED: open <-> in progress -> done or dropped; done and dropped
  can be reopened (with a comment).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.sql import in_region, in_scope
from pora_dash.store.models import (
    Action,
    ActionUpdate,
    Agency,
    Meeting,
)


class FollowupError(ValueError):
    """A refused write (or an action that does not exist); `key` is the i18n key of the
    message, `values` fill it. Raised by `writes`, defined here so reads can raise it too."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


ALLOWED: dict[str, frozenset[str]] = {
    "open": frozenset({"in_progress", "done", "dropped"}),
    "in_progress": frozenset({"open", "done", "dropped"}),
    "done": frozenset({"in_progress"}),
    "dropped": frozenset({"open"}),
}


PENDING = ("open", "in_progress")


def can_move(old: str, new: str) -> bool:
    return new == old or new in ALLOWED.get(old, frozenset())


def is_overdue(status: str, due: dt.date, today: dt.date | None = None) -> bool:
    return status in PENDING and due < (today or clock.today())


def overdue_condition(today: dt.date) -> ColumnElement[bool]:
    return and_(Action.status.in_(PENDING), Action.due_date < today)


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


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int


def action_counts(session: Session, *, filters: Filters, scope: Scope) -> ActionCounts:
    """Open (open or in progress) and overdue actions of meetings held in the area by the
    reference date (a meeting after it had decided nothing yet)."""
    d = filters.reference_date()
    pending = Action.status.in_(("open", "in_progress"))
    conds = [in_scope(Meeting, scope), pending, Meeting.held_on <= d]
    if filters.wilayah:
        conds.append(in_region(Meeting, filters.wilayah))
    stmt = (
        select(func.count(), func.coalesce(func.sum(case((Action.due_date < d, 1), else_=0)), 0))
        .select_from(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(*conds)
    )
    total, overdue = session.execute(stmt).one()
    return ActionCounts(int(total), int(overdue))


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting as its page shows it (the agencies present by name and id)."""

    id: int
    title: str
    held_on: dt.date
    venue: str | None
    level: str
    region_code: str
    agenda: str | None
    minutes: str | None
    office_agency_id: int | None
    attendees: list[str]
    attendee_ids: list[int]
    version: int


def meeting_record(session: Session, *, meeting_id: int, scope: Scope) -> MeetingRecord | None:
    """The meeting, or None when it does not exist or lies outside the scope."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not scope.allows(meeting.region_code):
        return None
    return MeetingRecord(
        meeting.id,
        meeting.title,
        meeting.held_on,
        meeting.venue,
        meeting.level,
        meeting.region_code,
        meeting.agenda,
        meeting.minutes,
        meeting.office_agency_id,
        sorted(a.name for a in meeting.attendees),
        [a.id for a in meeting.attendees],
        meeting.version,
    )


def visible_action(session: Session, *, action_id: int, scope: Scope) -> ActionView | None:
    """The action, or None when it does not exist or its meeting lies outside the scope."""
    try:
        view = action_view(session, action_id)
    except FollowupError:
        return None
    return view if scope.allows(view.meeting_region) else None
