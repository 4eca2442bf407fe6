"""The reads behind minutes and letters: plain dataclasses, the user's scope applied.

A meeting outside the scope reads as missing; an agency's letter lists only the actions of
meetings inside the scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.brief.content import office_name
from pora_dash.reads.followups import PENDING, FollowupError
from pora_dash.reads.sql import in_scope
from pora_dash.store.models import Action, ActionUpdate, Agency, Meeting


@dataclass(frozen=True)
class Decision:
    number: int
    action_id: int
    description: str
    owner: str
    person_in_charge: str | None
    due_date: dt.date
    status: str


@dataclass(frozen=True)
class MinutesRecord:
    meeting_id: int
    team: str  # "Tim PORA Kabupaten Brebes"
    office: str
    title: str
    held_on: dt.date
    venue: str | None
    level: str
    region_code: str
    attendees: list[str]
    agenda: str | None
    summary: str | None
    decisions: list[Decision]


def minutes_record(
    session: Session, *, meeting_id: int, scope: Scope, lang: str = "id"
) -> MinutesRecord:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not scope.allows(meeting.region_code):
        raise FollowupError("action.no_meeting")
    names = {i: n for i, n in session.execute(select(Agency.id, Agency.name))}
    decisions = [
        Decision(
            i,
            a.id,
            a.description,
            names.get(a.owner_agency_id, "?"),
            a.person_in_charge,
            a.due_date,
            a.status,
        )  # fmt: skip
        for i, a in enumerate(sorted(meeting.actions, key=lambda a: a.id), start=1)
    ]
    return MinutesRecord(
        meeting_id=meeting.id,
        team=office_name(None if meeting.level == "pusat" else meeting.region_code, lang),
        office=names.get(meeting.office_agency_id, "–"),
        title=meeting.title,
        held_on=meeting.held_on,
        venue=meeting.venue,
        level=meeting.level,
        region_code=meeting.region_code,
        attendees=sorted(a.name for a in meeting.attendees),
        agenda=meeting.agenda,
        summary=meeting.minutes,
        decisions=decisions,
    )


@dataclass(frozen=True)
class OpenAction:
    action_id: int
    meeting_title: str
    meeting_date: dt.date
    description: str
    due_date: dt.date
    status: str
    days_overdue: int  # 0 when not yet due
    last_update: dt.date | None
    last_comment: str | None


@dataclass(frozen=True)
class AgencyActions:
    agency_id: int
    agency: str
    actions: list[OpenAction]

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.days_overdue > 0)


def open_actions(
    session: Session,
    *,
    scope: Scope,
    today: dt.date,
    agency_ids: list[int] | None = None,
    due_by: dt.date | None = None,
    meeting_id: int | None = None,
) -> list[AgencyActions]:
    """Per owner agency (by name), its pending actions of meetings in the scope, overdue
    first, then by due date. `agency_ids` given: those agencies, even with nothing pending;
    otherwise every agency with something pending. `due_by` keeps actions due by that day,
    `meeting_id` those of one meeting."""
    last = (
        select(ActionUpdate.action_id, func.max(ActionUpdate.id).label("last_id"))
        .group_by(ActionUpdate.action_id)
        .subquery()
    )
    conds = [in_scope(Meeting, scope), Action.status.in_(PENDING)]
    if agency_ids is not None:
        conds.append(Action.owner_agency_id.in_(agency_ids))
    if due_by is not None:
        conds.append(Action.due_date <= due_by)
    if meeting_id is not None:
        conds.append(Action.meeting_id == meeting_id)
    rows = session.execute(
        select(Action, Meeting.title, ActionUpdate.changed_at, ActionUpdate.comment)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(last, last.c.action_id == Action.id)
        .outerjoin(ActionUpdate, ActionUpdate.id == last.c.last_id)
        .where(*conds)
        .order_by(Action.due_date, Action.id)
    ).all()
    grouped: dict[int, list[OpenAction]] = {a: [] for a in agency_ids or []}
    for action, title, changed_at, comment in rows:
        grouped.setdefault(action.owner_agency_id, []).append(
            OpenAction(
                action.id,
                title,
                action.meeting_date,
                action.description,
                action.due_date,
                action.status,
                max(0, (today - action.due_date).days),
                changed_at.date() if changed_at else None,
                comment,
            )
        )
    chosen = select(Agency.id, Agency.name).where(Agency.id.in_(list(grouped)))
    names = {i: n for i, n in session.execute(chosen)}
    out = [
        AgencyActions(a, names[a], sorted(items, key=lambda i: (-i.days_overdue, i.due_date)))
        for a, items in grouped.items()
        if a in names
    ]
    return sorted(out, key=lambda g: g.agency)


def minutes_file_stem(record: MinutesRecord) -> str:
    """'notulen_rapat_12_2024-07-17': the file name of a meeting's minutes, without extension."""
    return f"notulen_rapat_{record.meeting_id}_{record.held_on.isoformat()}"
