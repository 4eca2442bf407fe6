"""Meetings (rakor) with their decided actions, one row per action: meetings matched by
(office, date, title), their actions by description."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from pydantic import BeforeValidator, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.importing.kinds.base import Kind
from pora_dash.importing.plan import (
    Actor,
    Context,
    OutOfScope,
    Plan,
    Progress,
    Record,
    chunks,
    placed,
)
from pora_dash.importing.problems import Problem
from pora_dash.importing.rows import (
    REGION_FIELDS,
    ActionStatus,
    Column,
    Date,
    LongText,
    MeetingLevel,
    Row,
    Text,
    Text200,
    Text240,
    any_date,
    norm,
    row_error,
)
from pora_dash.store.models import (
    Action,
    ActionUpdate,
    Meeting,
    MeetingAgency,
)

MEETING_COLUMNS = (
    Column("held_on", "Tanggal rapat", "17/07/2024", True, ("tanggal", "meeting date", "held on")),
    Column("level", "Tingkat rapat", "Kabupaten/kota", True, ("tingkat", "level")),
    Column(
        "office_agency",
        "Kantor penyelenggara",
        "IMIGRASI-33.27",
        True,
        ("penyelenggara", "office", "kantor"),
    ),
    Column("title", "Judul rapat", "Rakor Timpora Kabupaten Brebes", True, ("judul", "title")),
    Column("venue", "Tempat", "Aula Kecamatan Sirampog", aliases=("venue", "lokasi rapat")),
    *REGION_FIELDS,
    Column("action", "Tindak lanjut", "Pendataan ulang pengungsi", aliases=("keputusan", "action")),
    Column(
        "owner_agency",
        "Instansi pelaksana",
        "KESBANGPOL-33.29",
        aliases=("pelaksana", "owner", "owner agency"),
    ),
    Column("person_in_charge", "Penanggung jawab", "Kasi Wasdakim", aliases=("pic",)),
    Column("due_date", "Tenggat", "30/09/2024", aliases=("batas waktu", "due date", "due")),
    Column("status", "Status", "Terbuka", aliases=("status tindak lanjut", "action status")),
    Column("completed_on", "Tanggal selesai", "", aliases=("completed on", "selesai")),
    Column("drop_reason", "Alasan dibatalkan", "", aliases=("alasan batal", "drop reason")),
)


class MeetingRow(Row):
    held_on: Date = None
    level: MeetingLevel = None
    office_agency: Text = None
    title: Text240 = None
    venue: Text200 = None
    action: LongText = None
    owner_agency: Text = None
    person_in_charge: Text = None
    due_date: Annotated[dt.date | None, BeforeValidator(lambda v: any_date(v))] = None
    status: ActionStatus = None
    completed_on: Date = None
    drop_reason: LongText = None

    required_fields = ("held_on", "level", "office_agency", "title")

    @model_validator(mode="after")
    def _action(self) -> MeetingRow:
        if self.action is None:
            for name in ("owner_agency", "due_date", "status", "completed_on", "drop_reason"):
                if getattr(self, name) is not None:
                    raise row_error("import.row.action_needs_text", "action")
            return self
        if self.owner_agency is None:
            raise row_error("import.row.missing", "owner_agency")
        if self.due_date is None:
            raise row_error("import.row.missing", "due_date")
        if self.held_on is not None and self.due_date < self.held_on:
            raise row_error("import.row.due_before_meeting", "due_date")
        status = self.status or "open"
        if (status == "done") != (self.completed_on is not None):
            raise row_error("import.row.done_needs_date", "completed_on")
        if status == "dropped" and not self.drop_reason:
            raise row_error("import.row.missing", "drop_reason")
        return self


def resolve(ctx: Context, number: int, row: Any) -> None:
    before = len(ctx.plan.problems)
    office = ctx.agency(number, "office_agency", row.office_agency, required=True)
    owner = (
        ctx.agency(number, "owner_agency", row.owner_agency, required=True) if row.action else None
    )
    region = ctx.region(number, row)
    if len(ctx.plan.problems) > before or region is None or office is None:
        return
    meeting_key = (office, row.held_on, norm(row.title))
    meeting = {
        "level": row.level,
        "office_agency_id": office,
        "held_on": row.held_on,
        "title": row.title,
        "venue": row.venue,
        **placed(region),
    }
    first_seen = ctx.meetings.get(meeting_key)
    first = first_seen[0] if first_seen else None
    if first_seen is None:
        ctx.meetings[meeting_key] = (number, meeting)
    else:
        for name in ("level", "venue", "region_code"):
            if first_seen[1][name] != meeting[name]:
                column = "kabkota" if name == "region_code" else name
                ctx.problem(number, column, "import.row.meeting_differs", first=first)
                return
    action = None
    if row.action:
        if ctx.duplicate(number, ("action", meeting_key, norm(row.action)), "action"):
            return
        status = row.status or "open"
        action = {
            "description": row.action,
            "owner_agency_id": owner,
            "person_in_charge": row.person_in_charge,
            "due_date": row.due_date,
            "status": status,
            "completed_on": row.completed_on,
            "drop_reason": row.drop_reason if status == "dropped" else None,
        }
    elif first is not None:
        ctx.problem(number, "title", "import.row.duplicate", first=first)
        return
    key = (meeting_key, norm(row.action) if row.action else None)
    ctx.plan.records.append(
        Record(number, key, action or {}, {"meeting": meeting, "meeting_key": meeting_key})
    )


_ACTION_FIELDS = (
    "owner_agency_id",
    "person_in_charge",
    "due_date",
    "status",
    "completed_on",
    "drop_reason",
)


def diff(session: Session, plan: Plan, actor: Actor) -> None:
    if not plan.records:
        return
    days = sorted({r.extra["meeting"]["held_on"] for r in plan.records})
    meetings = {
        (m.office_agency_id, m.held_on, norm(m.title)): m
        for m in session.execute(
            select(
                Meeting.id,
                Meeting.office_agency_id,
                Meeting.held_on,
                Meeting.title,
                Meeting.level,
                Meeting.venue,
                Meeting.region_code,
            ).where(Meeting.held_on.between(days[0], days[-1]))
        )
    }
    ids = [m.id for m in meetings.values()]
    actions: dict[tuple, Any] = {}
    for chunk in chunks(ids):
        for a in session.execute(
            select(
                Action.id,
                Action.meeting_id,
                Action.description,
                *(getattr(Action, f) for f in _ACTION_FIELDS),
            ).where(Action.meeting_id.in_(chunk))
        ):
            actions[(a.meeting_id, norm(a.description))] = a
    problems = []
    plan.added = plan.updated = plan.unchanged = 0
    for record in plan.records:
        meeting = meetings.get(record.extra["meeting_key"])
        record.extra.pop("meeting_id", None)
        if meeting is not None and not actor.scope.allows(meeting.region_code):
            problems.append(
                Problem(
                    record.row, None, "import.row.existing_out_of_scope", {"ref": meeting.title}
                )
            )
            continue
        meeting_changes = {}
        if meeting is not None:
            record.extra["meeting_id"] = meeting.id
            new = record.extra["meeting"]
            meeting_changes = {
                f: new[f]
                for f in ("level", "venue")
                if f in plan.covered and getattr(meeting, f) != new[f]
            }
        record.extra["meeting_changes"] = meeting_changes
        old = (
            actions.get((meeting.id, record.key[1]))
            if meeting is not None and record.key[1]
            else None
        )
        action_changes = {}
        if old is not None:
            record.extra["action_id"] = old.id
            record.extra["old_status"] = old.status
            action_changes = {
                f: record.values[f]
                for f in _ACTION_FIELDS
                if getattr(old, f) != record.values[f]
                and (f != "person_in_charge" or "person_in_charge" in plan.covered)
            }
        record.extra["action_changes"] = action_changes
        new_action = bool(record.key[1]) and old is None
        if meeting is None or new_action:
            plan.added += 1
        elif meeting_changes or action_changes:
            plan.updated += 1
        else:
            plan.unchanged += 1
    if problems:
        raise OutOfScope(problems)


def write(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    created: dict[tuple, int] = {}
    for record in plan.records:
        key = record.extra["meeting_key"]
        meeting_id = record.extra.get("meeting_id") or created.get(key)
        if meeting_id is None:
            meeting = Meeting(**{k: v for k, v in record.extra["meeting"].items()})
            session.add(meeting)
            session.flush()
            session.add(MeetingAgency(meeting_id=meeting.id, agency_id=meeting.office_agency_id))
            meeting_id = created[key] = meeting.id
        elif record.extra.get("meeting_changes"):
            found = session.get(Meeting, meeting_id)
            if found is not None:
                for name, value in record.extra["meeting_changes"].items():
                    setattr(found, name, value)
        if not record.key[1]:
            continue
        held_on = record.extra["meeting"]["held_on"]
        if record.extra.get("action_id") is None:
            action = Action(meeting_id=meeting_id, meeting_date=held_on, **record.values)
            session.add(action)
            session.flush()
            session.add(
                ActionUpdate(
                    action_id=action.id,
                    username=actor.username,
                    old_status=None,
                    new_status=action.status,
                    changes=json.dumps({"created": True, "import": plan.file_name}),
                )
            )
        elif record.extra.get("action_changes"):
            found_action = session.get(Action, record.extra["action_id"])
            if found_action is None:
                continue
            action = found_action
            changes = record.extra["action_changes"]
            for name, value in changes.items():
                setattr(action, name, value)
            session.add(
                ActionUpdate(
                    action_id=action.id,
                    username=actor.username,
                    old_status=record.extra["old_status"],
                    new_status=action.status,
                    changes=json.dumps({**changes, "import": plan.file_name}, default=str),
                )
            )
    session.flush()
    if progress:
        progress(len(plan.records), len(plan.records))


KIND = Kind(
    name="meetings",
    template="templat-rapat-tindak-lanjut",
    min_level=1,
    columns=MEETING_COLUMNS,
    row=MeetingRow,
    resolve=resolve,
    diff=diff,
    write=write,
)
