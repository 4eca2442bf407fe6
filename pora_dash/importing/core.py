"""The importer: a file -> a checked plan -> one all-or-nothing transaction.

`prepare` reads and validates the whole file and compares it with the database without
writing anything: every problem by row and column, the region matches to confirm, and how
many records would be added, updated or left unchanged. `import_file` runs the same checks
and then writes everything in one transaction (or nothing), records the import in the
`imports` table and the audit log, and bumps the data version.

Matching records: persons by (source agency, source reference), sites by their code,
incidents by (date, kind, region, source agency, description), meetings by (office, date,
title) and their actions by description. So the same file imported twice changes nothing the
second time, and an updated list updates what changed (a person's change of region or site
is recorded as a movement). A column absent from the file leaves that field as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, func, insert, literal, select, update
from sqlalchemy import column as sa_column
from sqlalchemy import values as sa_values
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.config import settings
from pora_dash.geo import reference
from pora_dash.importing.matching import RegionMatch, match_region
from pora_dash.importing.problems import ImportInputError, Problem
from pora_dash.importing.reading import Table, read_table
from pora_dash.importing.rows import COLUMNS, MODELS, _norm, header_map, validate_row
from pora_dash.store import db
from pora_dash.store.models import (
    IMPORT_KINDS,
    Action,
    ActionUpdate,
    Agency,
    ImportRecord,
    Incident,
    Meeting,
    MeetingAgency,
    Movement,
    Person,
    Site,
    utcnow,
)

CHUNK = 2000
MIN_LEVEL = {"persons": 3, "sites": 2, "incidents": 2, "meetings": 1}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Actor:
    """Who imports: their name for the log, and the scope their rows must fall in."""

    username: str
    scope: Scope = field(default_factory=Scope.national)

    @classmethod
    def of(cls, signed_in: auth.SignedIn) -> Actor:
        return cls(signed_in.username, signed_in.scope)


@dataclass
class Record:
    row: int
    key: tuple
    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    """What a file would do: problems, matches to confirm, records and the counts."""

    kind: str
    file_name: str
    sha256: str
    table: Table
    problems: list[Problem] = field(default_factory=list)
    matches: dict[tuple, tuple[RegionMatch, int]] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    covered: set[str] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    movements: int = 0

    @property
    def rows_total(self) -> int:
        return len(self.table.rows)

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems if p.row is not None and p.row > 1})

    @property
    def ok(self) -> bool:
        return not self.problems

    def region_matches(self) -> list[tuple[RegionMatch, int]]:
        """Distinct matches, the ones to confirm (similar spellings) first."""
        return sorted(
            self.matches.values(), key=lambda m: (not m[0].needs_confirmation, m[0].written)
        )

    @property
    def needs_confirmation(self) -> bool:
        return any(m.needs_confirmation for m, _ in self.matches.values())


# ------------------------------------------------------------------------------- lookups


def _placed(code: str) -> dict[str, str | None]:
    parts = code.split(".")
    return {
        "region_code": code,
        "province_code": parts[0],
        "kabkota_code": ".".join(parts[:2]) if len(parts) >= 2 else None,
        "kecamatan_code": ".".join(parts[:3]) if len(parts) >= 3 else None,
    }


class _Agencies:
    """Agencies by code or by name, written in any case."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        self.codes: list[str] = []  # for the message: examples that exist here
        for aid, code, name in session.execute(
            select(Agency.id, Agency.code, Agency.name).order_by(Agency.id)
        ):
            self.codes.append(code)
            self.by_key.setdefault(_norm(code), aid)
            self.by_key.setdefault(_norm(name), aid)

    def find(self, text: str | None) -> int | None:
        return self.by_key.get(_norm(text)) if text else None


# --------------------------------------------------------------------------------- prepare


def prepare(
    session: Session,
    data: bytes,
    *,
    kind: str,
    file_name: str,
    actor: Actor,
    sheet: str | None = None,
    default_agency: str | None = None,
    limit_mb: int | None = None,
    table: Table | None = None,
) -> Plan:
    """Read and check a file against the database without writing anything.

    Raises `ImportInputError` when the file cannot be read at all; row problems are in
    `plan.problems`."""
    if kind not in IMPORT_KINDS:
        raise ImportInputError([Problem(None, None, "import.bad_kind", {"kind": kind})])
    if table is None:
        table = read_table(
            data, file_name, sheet=sheet, limit_mb=limit_mb or settings().max_upload_mb
        )
    plan = Plan(kind, file_name, hashlib.sha256(data).hexdigest(), table)
    found, plan.ignored_columns = header_map(kind, table.header)
    headers = {c.field: c.header for c in COLUMNS[kind]}
    if not found:  # not this kind's file at all: say what was read and what was expected
        unknown = [h for h in table.header if h.strip()]
        required = [headers[name] for name in MODELS[kind].required_fields]
        raise ImportInputError(
            [
                Problem(
                    1,
                    None,
                    "import.file.no_known_columns",
                    {
                        "unknown": "; ".join(unknown[:30]) + (" …" if len(unknown) > 30 else ""),
                        "missing": "; ".join(required),
                        "template": ";".join(c.header for c in COLUMNS[kind]),
                    },
                )
            ]
        )
    headers.update({f: table.header[i] for f, i in found.items()})
    missing = [
        headers[name]
        for name in MODELS[kind].required_fields
        if name not in found and not (name == "source_agency" and default_agency)
    ]
    region_present = any(f in found for f in ("region_code", "kabkota", "kecamatan", "province"))
    if not region_present and not (kind == "persons" and "site_code" in found):
        missing.append(headers["kabkota"])
    for column in missing:
        plan.problems.append(Problem(1, column, "import.file.missing_column", {"column": column}))
    if missing:
        return plan
    plan.covered = set(found)
    context = _Context(session, plan, actor, headers, default_agency)
    for number, cells in table.rows:
        values = {f: (cells[i] if i < len(cells) else None) for f, i in found.items()}
        row, problems = validate_row(kind, values, number, headers)
        if row is None:
            plan.problems.extend(problems)
            continue
        context.resolve(number, row)
    context.diff()
    return plan


class _Context:
    """Per-file lookups and the kind-specific checks of one validated row."""

    def __init__(
        self,
        session: Session,
        plan: Plan,
        actor: Actor,
        headers: dict[str, str],
        default_agency: str | None,
    ) -> None:
        self.session = session
        self.plan = plan
        self.actor = actor
        self.headers = headers
        self.agencies = _Agencies(session)
        self.default_agency = default_agency
        self.seen: dict[tuple, int] = {}
        self.meetings: dict[tuple, tuple[int, dict[str, Any]]] = {}
        self.sites: dict[str, tuple[int, str, str]] | None = None
        self.region_columns = tuple(
            headers[f] for f in ("region_code", "province", "kabkota", "kecamatan", "desa")
        )

    def problem(self, row: int, name: str, key: str, **values: object) -> None:
        column = self.headers.get(name, name)
        self.plan.problems.append(Problem(row, column, key, {"column": column, **values}))

    # ---------------------------------------------------------------- shared checks

    def region(self, number: int, row: Any, fallback: str | None = None) -> str | None:
        written = (row.region_code, row.province, row.kabkota, row.kecamatan, row.desa)
        if not any(written):
            if fallback:
                return fallback
            self.problem(number, "kabkota", "import.region.missing")
            return None
        match = match_region(
            code=row.region_code,
            province=row.province,
            kabkota=row.kabkota,
            kecamatan=row.kecamatan,
            desa=row.desa,
            columns=self.region_columns,
        )
        if match.problem is not None:
            p = match.problem
            self.plan.problems.append(Problem(number, p.column, p.key, {**p.values}))
            return None
        assert match.code is not None
        seen = self.plan.matches.get(written)
        self.plan.matches[written] = (match, (seen[1] if seen else 0) + 1)
        if (reference.region_level(match.code) or 0) < MIN_LEVEL[self.plan.kind]:
            self.problem(
                number,
                "kecamatan" if MIN_LEVEL[self.plan.kind] == 3 else "kabkota",
                "import.region.too_coarse",
                value=match.label,
            )
            return None
        if not self.actor.scope.allows(match.code):
            self.problem(number, "kabkota", "import.row.out_of_scope", value=match.label)
            return None
        return match.code

    def agency(self, number: int, name: str, text: str | None, *, required: bool) -> int | None:
        text = text or (self.default_agency if name == "source_agency" else None)
        if text is None:
            if required:
                self.problem(number, name, "import.row.missing")
            return None
        found = self.agencies.find(text)
        if found is None:
            if not self.agencies.codes:  # a new installation: say how to add one
                self.problem(number, name, "import.row.no_agencies", value=text)
            else:
                examples = ", ".join(self.agencies.codes[:3])
                self.problem(
                    number, name, "import.row.unknown_agency", value=text, examples=examples
                )
        return found

    def duplicate(self, number: int, key: tuple, name: str) -> bool:
        first = self.seen.setdefault(key, number)
        if first != number:
            self.problem(number, name, "import.row.duplicate", first=first)
            return True
        return False

    def site(self, code: str) -> tuple[int, str, str] | None:
        if self.sites is None:
            self.sites = {
                _norm(c): (sid, kind, region)
                for sid, c, kind, region in self.session.execute(
                    select(Site.id, Site.code, Site.kind, Site.region_code)
                )
            }
        return self.sites.get(_norm(code))

    # ---------------------------------------------------------------- per kind

    def resolve(self, number: int, row: Any) -> None:
        getattr(self, f"_resolve_{self.plan.kind}")(number, row)

    def _resolve_persons(self, number: int, row: Any) -> None:
        before = len(self.plan.problems)
        agency = self.agency(number, "source_agency", row.source_agency, required=True)
        site = None
        if row.site_code:
            site = self.site(row.site_code)
            if site is None:
                self.problem(number, "site_code", "import.row.unknown_site", value=row.site_code)
        region = self.region(number, row, fallback=site[2] if site else None)
        accommodation = row.accommodation
        if site is not None:
            if accommodation and accommodation != site[1]:
                self.problem(number, "accommodation", "import.row.site_kind", value=accommodation)
            accommodation = site[1]
            if region and not (region.startswith(site[2]) or site[2].startswith(region)):
                self.problem(number, "site_code", "import.row.site_elsewhere", value=row.site_code)
        elif accommodation is None:  # a site or an accommodation: name the column there is
            covered = self.plan.covered
            only_site = "site_code" in covered and "accommodation" not in covered
            self.problem(
                number, "site_code" if only_site else "accommodation", "import.row.missing"
            )
        if agency is not None and self.duplicate(number, (agency, row.source_ref), "source_ref"):
            return
        if len(self.plan.problems) > before or agency is None or region is None:
            return
        values = {
            "source_agency_id": agency,
            "source_ref": row.source_ref,
            "full_name": row.full_name,
            "document_number": row.document_number,
            "case_number": row.case_number,
            "nationality": row.nationality,
            "unhcr_status": row.unhcr_status,
            "sex": row.sex,
            "birth_year": row.birth_year,
            "arrival_date": row.arrival_date,
            "registered_on": row.registered_on,
            "site_id": site[0] if site else None,
            "accommodation": accommodation,
            "lifecycle": row.lifecycle or "active",
            "lifecycle_date": row.lifecycle_date,
            "last_verified_on": row.last_verified_on,
            **_placed(region),
        }
        self.plan.records.append(
            Record(number, (agency, row.source_ref), values, {"moved_on": row.moved_on})
        )

    def _resolve_sites(self, number: int, row: Any) -> None:
        before = len(self.plan.problems)
        operator = self.agency(number, "operator_agency", row.operator_agency, required=False)
        region = self.region(number, row)
        if self.duplicate(number, (_norm(row.code),), "code"):
            return
        if len(self.plan.problems) > before or region is None:
            return
        values = {
            "code": row.code,
            "name": row.name,
            "kind": row.kind,
            "capacity": row.capacity,
            "operator_agency_id": operator,
            "lat": row.lat,
            "lng": row.lng,
            "is_open": True if row.is_open is None else row.is_open,
            **_placed(region),
        }
        self.plan.records.append(Record(number, (_norm(row.code),), values))

    def _resolve_incidents(self, number: int, row: Any) -> None:
        before = len(self.plan.problems)
        source = self.agency(number, "source_agency", row.source_agency, required=False)
        region = self.region(number, row)
        if len(self.plan.problems) > before or region is None:
            return
        key = (row.occurred_on, row.kind, region, source, _norm(row.description))
        if self.duplicate(number, key, "description"):
            return
        values = {
            "occurred_on": row.occurred_on,
            "kind": row.kind,
            "severity": row.severity,
            "people_involved": row.people_involved,
            "description": row.description,
            "source_agency_id": source,
            "lat": row.lat,
            "lng": row.lng,
            **_placed(region),
        }
        self.plan.records.append(Record(number, key, values))

    def _resolve_meetings(self, number: int, row: Any) -> None:
        before = len(self.plan.problems)
        office = self.agency(number, "office_agency", row.office_agency, required=True)
        owner = (
            self.agency(number, "owner_agency", row.owner_agency, required=True)
            if row.action
            else None
        )
        region = self.region(number, row)
        if len(self.plan.problems) > before or region is None or office is None:
            return
        meeting_key = (office, row.held_on, _norm(row.title))
        meeting = {
            "level": row.level,
            "office_agency_id": office,
            "held_on": row.held_on,
            "title": row.title,
            "venue": row.venue,
            **_placed(region),
        }
        first_seen = self.meetings.get(meeting_key)
        first = first_seen[0] if first_seen else None
        if first_seen is None:
            self.meetings[meeting_key] = (number, meeting)
        else:
            for name in ("level", "venue", "region_code"):
                if first_seen[1][name] != meeting[name]:
                    column = "kabkota" if name == "region_code" else name
                    self.problem(number, column, "import.row.meeting_differs", first=first)
                    return
        action = None
        if row.action:
            if self.duplicate(number, ("action", meeting_key, _norm(row.action)), "action"):
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
            self.problem(number, "title", "import.row.duplicate", first=first)
            return
        key = (meeting_key, _norm(row.action) if row.action else None)
        self.plan.records.append(
            Record(number, key, action or {}, {"meeting": meeting, "meeting_key": meeting_key})
        )

    # ---------------------------------------------------------------- against the database

    def diff(self) -> None:
        if self.plan.problems:
            return
        try:
            _DIFFS[self.plan.kind](self.session, self.plan, self.actor)
        except _OutOfScope as exc:
            self.plan.problems.extend(exc.problems)


class _OutOfScope(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _covered(plan: Plan, fields: dict[str, tuple[str, ...]]) -> list[str]:
    """The model fields an update may change: those whose columns are in the file."""
    return [name for name, columns in fields.items() if any(c in plan.covered for c in columns)]


_PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "full_name": ("full_name",),
    "document_number": ("document_number",),
    "case_number": ("case_number",),
    "nationality": ("nationality",),
    "unhcr_status": ("unhcr_status",),
    "sex": ("sex",),
    "birth_year": ("birth_year",),
    "arrival_date": ("arrival_date",),
    "registered_on": ("registered_on",),
    "site_id": ("site_code",),
    "accommodation": ("accommodation", "site_code"),
    "lifecycle": ("lifecycle", "lifecycle_date"),
    "lifecycle_date": ("lifecycle", "lifecycle_date"),
    "last_verified_on": ("last_verified_on",),
    "region_code": ("region_code", "province", "kabkota", "kecamatan", "desa", "site_code"),
}


def _existing_persons(session: Session, plan: Plan) -> dict[tuple, Any]:
    columns = [Person.id, Person.source_agency_id, Person.source_ref, Person.updated_at] + [
        getattr(Person, f) for f in _PERSON_FIELDS
    ]
    refs: dict[int, list[str]] = {}
    for record in plan.records:
        refs.setdefault(record.key[0], []).append(record.key[1])
    found: dict[tuple, Any] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for agency, agency_refs in refs.items():
        for chunk in _chunks(agency_refs, 5000 if postgres else 1000):
            if postgres:
                # a join with the references as one array, not IN with 1,000 parameters:
                # after a few runs psycopg prepares the statement and PostgreSQL may switch
                # to a generic plan that compares every row of the agency with every
                # parameter (seconds per chunk on 100,000 rows); the join stays index-based
                refs_array = literal(chunk, ARRAY(String))
                wanted = func.unnest(refs_array).table_valued("ref").render_derived("wanted")
                stmt = (
                    select(*columns)
                    .join(wanted, Person.source_ref == wanted.c.ref)
                    .where(Person.source_agency_id == agency)
                )
            else:  # equality + IN: the unique index on both
                stmt = select(*columns).where(
                    Person.source_agency_id == agency, Person.source_ref.in_(chunk)
                )
            for row in session.execute(stmt):
                found[(row.source_agency_id, row.source_ref)] = row
    return found


def _diff_persons(session: Session, plan: Plan, actor: Actor) -> None:
    existing = _existing_persons(session, plan)
    fields = _covered(plan, _PERSON_FIELDS)
    problems = []
    plan.added = plan.updated = plan.unchanged = plan.movements = 0
    for record in plan.records:
        old = existing.get(record.key)
        record.extra.pop("id", None)
        if old is None:
            plan.added += 1
            continue
        if not actor.scope.allows(old.region_code):
            problems.append(
                Problem(
                    record.row, None, "import.row.existing_out_of_scope", {"ref": record.key[1]}
                )
            )
            continue
        changes = {f: record.values[f] for f in fields if getattr(old, f) != record.values[f]}
        record.extra.update(id=old.id, changes=changes, old=old)
        if not changes:
            plan.unchanged += 1
            continue
        plan.updated += 1
        if "region_code" in changes or "site_id" in changes:
            moved_on = record.extra.get("moved_on") or clock.today()
            if moved_on < record.values["arrival_date"]:
                moved_on = record.values["arrival_date"]
            record.extra["movement"] = moved_on
            plan.movements += 1
    if problems:
        raise _OutOfScope(problems)


_SITE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "kind": ("kind",),
    "capacity": ("capacity",),
    "operator_agency_id": ("operator_agency",),
    "lat": ("lat",),
    "lng": ("lng",),
    "is_open": ("is_open",),
    "region_code": ("region_code", "province", "kabkota", "kecamatan", "desa"),
}


def _diff_sites(session: Session, plan: Plan, actor: Actor) -> None:
    columns = [Site.id, Site.code] + [getattr(Site, f) for f in _SITE_FIELDS]
    existing = {_norm(row.code): row for row in session.execute(select(*columns))}
    fields = _covered(plan, _SITE_FIELDS)
    _diff_simple(plan, actor, existing, fields)


def _diff_simple(plan: Plan, actor: Actor, existing: dict, fields: list[str]) -> None:
    problems = []
    plan.added = plan.updated = plan.unchanged = 0
    for record in plan.records:
        old = existing.get(record.key[0] if len(record.key) == 1 else record.key)
        if old is None:
            plan.added += 1
            continue
        if not actor.scope.allows(old.region_code):
            problems.append(
                Problem(
                    record.row, None, "import.row.existing_out_of_scope", {"ref": record.key[0]}
                )
            )
            continue
        changes = {f: record.values[f] for f in fields if getattr(old, f) != record.values[f]}
        record.extra.update(id=old.id, changes=changes)
        if changes:
            plan.updated += 1
        else:
            plan.unchanged += 1
    if problems:
        raise _OutOfScope(problems)


_INCIDENT_FIELDS: dict[str, tuple[str, ...]] = {
    "severity": ("severity",),
    "people_involved": ("people_involved",),
    "lat": ("lat",),
    "lng": ("lng",),
}


def _diff_incidents(session: Session, plan: Plan, actor: Actor) -> None:
    if not plan.records:
        return
    days = [r.values["occurred_on"] for r in plan.records]
    stmt = select(
        Incident.id,
        Incident.occurred_on,
        Incident.kind,
        Incident.region_code,
        Incident.source_agency_id,
        Incident.description,
        *(getattr(Incident, f) for f in _INCIDENT_FIELDS),
    ).where(Incident.occurred_on.between(min(days), max(days)))
    existing = {
        (r.occurred_on, r.kind, r.region_code, r.source_agency_id, _norm(r.description)): r
        for r in session.execute(stmt)
    }
    _diff_simple(plan, actor, existing, _covered(plan, _INCIDENT_FIELDS))


_ACTION_FIELDS = (
    "owner_agency_id",
    "person_in_charge",
    "due_date",
    "status",
    "completed_on",
    "drop_reason",
)


def _diff_meetings(session: Session, plan: Plan, actor: Actor) -> None:
    if not plan.records:
        return
    days = sorted({r.extra["meeting"]["held_on"] for r in plan.records})
    meetings = {
        (m.office_agency_id, m.held_on, _norm(m.title)): m
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
    for chunk in _chunks(ids):
        for a in session.execute(
            select(
                Action.id,
                Action.meeting_id,
                Action.description,
                *(getattr(Action, f) for f in _ACTION_FIELDS),
            ).where(Action.meeting_id.in_(chunk))
        ):
            actions[(a.meeting_id, _norm(a.description))] = a
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
        raise _OutOfScope(problems)


_DIFFS: dict[str, Callable[[Session, Plan, Actor], None]] = {
    "persons": _diff_persons,
    "sites": _diff_sites,
    "incidents": _diff_incidents,
    "meetings": _diff_meetings,
}


# ----------------------------------------------------------------------------------- write


def _write_persons(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    now = utcnow()
    note = f"Impor {plan.file_name}"[:200]
    new = [r for r in plan.records if "id" not in r.extra]
    done = 0
    total = len(plan.records)
    for chunk in _chunks(new, CHUNK):
        rows = [{**r.values, "updated_at": now} for r in chunk]
        ids = session.scalars(
            insert(Person).returning(Person.id, sort_by_parameter_order=True), rows
        ).all()
        session.execute(
            insert(Movement),
            [
                {
                    "person_id": pid,
                    "moved_on": r.values["arrival_date"],
                    "from_region_code": None,
                    "to_region_code": r.values["region_code"],
                    "to_kecamatan_code": r.values["kecamatan_code"],
                    "from_site_id": None,
                    "to_site_id": r.values["site_id"],
                    "note": note,
                }
                for pid, r in zip(ids, chunk, strict=True)
            ],
        )
        done += len(chunk)
        if progress:
            progress(done, total)
    changed = [r for r in plan.records if r.extra.get("changes")]
    for chunk in _chunks(changed, CHUNK):
        _update_by_id(session, Person, chunk, updated_at=now)
        moves = [
            {
                "person_id": r.extra["id"],
                "moved_on": r.extra["movement"],
                "from_region_code": r.extra["old"].region_code,
                "to_region_code": r.values["region_code"],
                "to_kecamatan_code": r.values["kecamatan_code"],
                "from_site_id": r.extra["old"].site_id,
                "to_site_id": r.values["site_id"],
                "note": note,
            }
            for r in chunk
            if "movement" in r.extra
        ]
        if moves:
            session.execute(insert(Movement), moves)
        done += len(chunk)
        if progress:
            progress(done, total)


def _update_by_id(session: Session, model: Any, records: list[Record], **always: Any) -> None:
    """Write the records' changes as bulk UPDATEs by primary key: one executemany per set of
    changed columns (rows changing the same fields share one statement), not one round trip
    per row. A changed region also rewrites the denormalized province/kab-kota/kecamatan."""
    batches: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record in records:
        changes = {**record.extra["changes"], **always}
        if "region_code" in changes:
            changes.update(_placed(changes["region_code"]))
        batches.setdefault(tuple(sorted(changes)), []).append({"id": record.extra["id"], **changes})
    postgres = session.get_bind().dialect.name == "postgresql"
    for keys, params in batches.items():
        if postgres:
            _update_from_values(session, model.__table__, keys, params)
        else:
            session.execute(update(model), params)


def _update_from_values(
    session: Session, table: Any, keys: tuple[str, ...], params: list[dict[str, Any]]
) -> None:
    """PostgreSQL: one `UPDATE ... FROM (VALUES ...)` per slice instead of an executemany,
    which psycopg sends as one statement per row, so that the statement-level triggers that
    keep `person_counts` (migration 0005) run once per slice, not once per person."""
    columns = [sa_column("id", table.c.id.type), *(sa_column(k, table.c[k].type) for k in keys)]
    per_slice = max(1, 30_000 // len(columns))  # PostgreSQL takes at most 65,535 parameters
    for start in range(0, len(params), per_slice):
        rows = [tuple(p[c.name] for c in columns) for p in params[start : start + per_slice]]
        given = sa_values(*columns, name="changes").data(rows)
        session.execute(
            update(table)
            .where(table.c.id == given.c.id)
            .values({k: cast(given.c[k], table.c[k].type) for k in keys})
        )


def _write_simple(model: Any, plan: Plan, session: Session, progress: Progress | None) -> None:
    new = [r.values for r in plan.records if "id" not in r.extra]
    for chunk in _chunks(new, CHUNK):
        session.execute(insert(model), chunk)
        if progress:
            progress(len(chunk), len(plan.records))
    changed = [r for r in plan.records if r.extra.get("changes")]
    for chunk in _chunks(changed, CHUNK):
        _update_by_id(session, model, chunk)


def _write_sites(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    _write_simple(Site, plan, session, progress)


def _write_incidents(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    _write_simple(Incident, plan, session, progress)


def _write_meetings(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
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


_WRITERS: dict[str, Callable[[Session, Plan, Actor, Progress | None], None]] = {
    "persons": _write_persons,
    "sites": _write_sites,
    "incidents": _write_incidents,
    "meetings": _write_meetings,
}


# ------------------------------------------------------------------------------ the import


@dataclass(frozen=True)
class Outcome:
    import_id: int
    rows_total: int
    added: int
    updated: int
    unchanged: int
    movements: int


def _record(session: Session, plan: Plan, actor: Actor, status: str) -> ImportRecord:
    committed = status == "committed"
    entry = ImportRecord(
        username=actor.username,
        kind=plan.kind,
        file_name=plan.file_name[:255],
        sha256=plan.sha256,
        status=status,
        rows_total=plan.rows_total,
        added=plan.added if committed else 0,
        updated=plan.updated if committed else 0,
        unchanged=plan.unchanged if committed else 0,
        refused=0 if committed else max(plan.refused_rows, 1 if plan.problems else 0),
        movements=plan.movements if committed else 0,
    )
    session.add(entry)
    session.flush()
    auth.audit(
        session,
        "import" if committed else "import_refused",
        username=actor.username,
        target=f"import:{entry.id}",
        kind=plan.kind,
        file=plan.file_name,
        sha256=plan.sha256,
        rows=plan.rows_total,
        added=entry.added,
        updated=entry.updated,
        unchanged=entry.unchanged,
        refused=entry.refused,
    )
    return entry


def _log_refusal(
    url: str | None,
    plan: Plan | None,
    actor: Actor,
    *,
    kind: str,
    file_name: str,
    data: bytes,
    problems: list[Problem],
) -> None:
    """Log a refused import in its own small transaction (nothing of the file is written)."""
    if plan is None:
        plan = Plan(kind, file_name, hashlib.sha256(data).hexdigest(), Table([], []))
    plan.problems = list(problems)
    if kind not in IMPORT_KINDS:
        return
    with db.session_scope(url) as session:
        _record(session, plan, actor, "refused")


def import_file(
    data: bytes,
    *,
    kind: str,
    file_name: str,
    actor: Actor,
    url: str | None = None,
    sheet: str | None = None,
    default_agency: str | None = None,
    confirm_matches: bool = False,
    progress: Progress | None = None,
    on_transaction: Callable[[], None] | None = None,
    table: Table | None = None,
) -> Outcome:
    """Check and write a file in one transaction; `ImportInputError` when refused (nothing
    written, the refusal logged). Similar-spelling region matches need `confirm_matches`."""
    plan: Plan | None = None
    try:
        with db.session_scope(url) as session:
            plan = prepare(
                session,
                data,
                kind=kind,
                file_name=file_name,
                actor=actor,
                sheet=sheet,
                default_agency=default_agency,
                table=table,
            )
            if plan.ok and plan.needs_confirmation and not confirm_matches:
                similar = [m for m, _ in plan.region_matches() if m.needs_confirmation]
                listed = "; ".join(f"{m.written} → {m.label} ({m.code})" for m in similar[:20])
                plan.problems.append(
                    Problem(None, None, "import.confirm_matches", {"matches": listed})
                )
            if not plan.ok:
                raise ImportInputError(plan.problems)
            if on_transaction:
                on_transaction()
            try:
                _DIFFS[kind](session, plan, actor)  # again, inside the writing transaction
            except _OutOfScope as exc:
                raise ImportInputError(exc.problems) from None
            _WRITERS[kind](session, plan, actor, progress)
            entry = _record(session, plan, actor, "committed")
            if plan.added or plan.updated:
                db.bump_data_version(session)
            return Outcome(
                entry.id, plan.rows_total, plan.added, plan.updated, plan.unchanged, plan.movements
            )
    except ImportInputError as exc:
        _log_refusal(
            url, plan, actor, kind=kind, file_name=file_name, data=data, problems=exc.problems
        )
        raise
    except IntegrityError as exc:
        problem = Problem(None, None, "import.db_refused", {"detail": str(exc.orig)[:200]})
        _log_refusal(
            url, plan, actor, kind=kind, file_name=file_name, data=data, problems=[problem]
        )
        raise ImportInputError([problem]) from None
