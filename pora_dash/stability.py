"""Reads of the stability page: field operations, their findings, and an event compared with
the same period a year earlier. Incidents are read by `queries.incidents` (shared with the map).

Findings are counts by type (e.g. 4 × `tanpa_dokumen`), never lists of persons. Like every
read, these are keyword-only `(session, *, filters, scope, ...)` and reachable through
`cached.read` by name (queries.py imports them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from pora_dash.filters import Filters
from pora_dash.models import (
    Action,
    Agency,
    Incident,
    Operation,
    OperationAgency,
    OperationFinding,
    Person,
)
from pora_dash.present.disclosure import Policy, change
from pora_dash.scope import Scope

FINDING_TYPES = (
    "tanpa_dokumen",
    "izin_tinggal_habis",
    "bekerja_tanpa_izin",
    "pindah_tanpa_lapor",
    "tidak_ditemukan",
    "keluhan_warga",
    "kelahiran_baru",
    "terdata_ulang",
)


# Findings that count persons (published like every count of people); complaints do not.
PERSON_FINDINGS = frozenset(FINDING_TYPES) - {"keluhan_warga"}


def finding_label(finding: str, lang: str) -> str:
    """The name of a finding type; a type imported from an agency's list that has no name in
    the catalog yet is shown as written, underscores as spaces."""
    from pora_dash.i18n import catalog, t

    key = f"finding.{finding}"
    return t(key, lang) if key in catalog(lang) else finding.replace("_", " ")


def operation_label(kind: str, lang: str) -> str:
    from pora_dash.i18n import t

    return t(f"operation.{kind}", lang)


def _operation_conditions(
    filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> list[ColumnElement[bool]]:
    from pora_dash.queries import in_region, in_scope

    conds = [in_scope(Operation, scope), Operation.held_on > start, Operation.held_on <= end]
    if filters.wilayah:
        conds.append(in_region(Operation, filters.wilayah))
    return conds


def operations(
    session: Session, *, filters: Filters, scope: Scope, period_days: int = 90
) -> pd.DataFrame:
    """Field operations in the period, newest first: date, kind, region, lead agency, the
    agencies taking part, findings as {type: count}, and the follow-up actions linked to it."""
    d = filters.reference_date()
    conds = _operation_conditions(filters, scope, d - dt.timedelta(days=period_days), d)
    ops = select(Operation.id).where(*conds).subquery()
    stmt = (
        select(
            Operation.id,
            Operation.held_on,
            Operation.kind,
            Operation.region_code,
            Agency.name,
            Operation.description,
        )
        .select_from(Operation)
        .outerjoin(Agency, Agency.id == Operation.lead_agency_id)
        .where(Operation.id.in_(select(ops.c.id)))
        .order_by(Operation.held_on.desc(), Operation.id.desc())
    )
    columns = ["id", "date", "kind", "region_code", "lead", "description"]
    frame = pd.DataFrame(session.execute(stmt).all(), columns=columns)
    agencies: dict[int, list[str]] = {}
    for op_id, name in session.execute(
        select(OperationAgency.operation_id, Agency.name)
        .join(Agency, Agency.id == OperationAgency.agency_id)
        .where(OperationAgency.operation_id.in_(select(ops.c.id)))
        .order_by(Agency.name)
    ):
        agencies.setdefault(op_id, []).append(name)
    findings: dict[int, dict[str, int]] = {}
    for op_id, finding, count in session.execute(
        select(OperationFinding.operation_id, OperationFinding.finding, OperationFinding.count)
        .where(OperationFinding.operation_id.in_(select(ops.c.id)))
        .order_by(OperationFinding.finding)
    ):
        findings.setdefault(op_id, {})[finding] = int(count)
    actions: dict[int, tuple[int, int]] = {
        op_id: (int(total), int(pending))
        for op_id, total, pending in session.execute(
            select(
                Action.operation_id,
                func.count(),
                func.sum(case((Action.status.in_(("open", "in_progress")), 1), else_=0)),
            )
            .where(Action.operation_id.in_(select(ops.c.id)))
            .group_by(Action.operation_id)
        )
    }
    frame["agencies"] = [agencies.get(i, []) for i in frame["id"]]
    frame["findings"] = [findings.get(i, {}) for i in frame["id"]]
    frame["actions"] = [actions.get(i, (0, 0))[0] for i in frame["id"]]
    frame["actions_pending"] = [actions.get(i, (0, 0))[1] for i in frame["id"]]
    return frame


def finding_totals(
    session: Session, *, filters: Filters, scope: Scope, period_days: int = 90
) -> pd.DataFrame:
    """Findings of the operations in the period, summed by type (largest first)."""
    d = filters.reference_date()
    conds = _operation_conditions(filters, scope, d - dt.timedelta(days=period_days), d)
    stmt = (
        select(
            OperationFinding.finding,
            func.sum(OperationFinding.count),
            func.count(func.distinct(OperationFinding.operation_id)),
        )
        .join(Operation, Operation.id == OperationFinding.operation_id)
        .where(*conds)
        .group_by(OperationFinding.finding)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["finding", "count", "operations"])
    frame = frame.astype({"count": "int64", "operations": "int64"})
    return frame.sort_values(["count", "finding"], ascending=[False, True]).reset_index(drop=True)


COMPARISON_METRICS = (
    "arrivals",
    "departures",
    "incidents",
    "incidents_high",
    "operations",
    "active_end",
)


def _window(
    session: Session, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> dict[str, int]:
    """The figures of one window start < day <= end."""
    from pora_dash.queries import (
        active_on,
        arrivals_between,
        in_region,
        in_scope,
        person_conditions,
    )

    persons = person_conditions(filters, scope, on=end)
    departed = and_(
        Person.lifecycle != "active", Person.lifecycle_date > start, Person.lifecycle_date <= end
    )
    departures, active_end = session.execute(
        select(
            func.coalesce(func.sum(case((departed, 1), else_=0)), 0),
            func.coalesce(func.sum(case((active_on(end), 1), else_=0)), 0),
        ).where(*persons)
    ).one()
    inc = [in_scope(Incident, scope), Incident.occurred_on > start, Incident.occurred_on <= end]
    if filters.wilayah:
        inc.append(in_region(Incident, filters.wilayah))
    incidents, high = session.execute(
        select(
            func.count(), func.coalesce(func.sum(case((Incident.severity == 3, 1), else_=0)), 0)
        ).where(*inc)
    ).one()
    ops = session.scalar(
        select(func.count()).where(*_operation_conditions(filters, scope, start, end))
    )
    return {
        "arrivals": arrivals_between(session, filters=filters, scope=scope, start=start, end=end),
        "departures": int(departures),
        "incidents": int(incidents),
        "incidents_high": int(high),
        "operations": int(ops or 0),
        "active_end": int(active_end),
    }


PERSON_METRICS = frozenset({"arrivals", "departures", "active_end"})


def comparison_cells(frame: pd.DataFrame, policy: Policy) -> dict[str, list[str]]:
    """The comparison's figures as text: counts of persons through the audience's policy,
    counts of incidents and operations as they are; a change is the difference of the two
    figures as shown ("–" when either is "<5")."""
    out: dict[str, list[str]] = {"before": [], "earlier": [], "change": []}
    exact = replace(policy, exact=True)
    for metric, a, b in frame[["metric", "before_event", "year_earlier"]].itertuples(index=False):
        show = policy if metric in PERSON_METRICS else exact
        a, b = int(a), int(b)
        out["before"].append(show.count(a))
        out["earlier"].append(show.count(b))
        if show.number(a) is None or show.number(b) is None:
            out["change"].append("–")
        else:
            out["change"].append(change(a, b, show) or "0")
    return out


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def event_comparison(
    session: Session, *, filters: Filters, scope: Scope, event_day: dt.date, days: int = 90
) -> pd.DataFrame:
    """The `days` days before an event (the event's first day excluded) against the same
    dates a year earlier: one row per metric with `before_event`, `year_earlier`, `change`."""
    end = event_day - dt.timedelta(days=1)
    start = end - dt.timedelta(days=days)
    now = _window(session, filters, scope, start, end)
    then = _window(session, filters, scope, year_before(start), year_before(end))
    frame = pd.DataFrame(
        {
            "metric": list(COMPARISON_METRICS),
            "before_event": [now[m] for m in COMPARISON_METRICS],
            "year_earlier": [then[m] for m in COMPARISON_METRICS],
        }
    )
    frame["change"] = frame["before_event"] - frame["year_earlier"]
    return frame


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
    from pora_dash import auth, db, reference
    from pora_dash.followups import FollowupError
    from pora_dash.models import EVENT_KINDS, CalendarEvent

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


def add_operation(
    session: Session,
    *,
    held_on: dt.date | None,
    kind: str,
    region_code: str | None,
    lead_agency_id: int | None,
    agency_ids: list[int],
    findings: dict[str, int],
    description: str | None,
    scope: Scope,
    username: str,
    today: dt.date,
) -> int:
    """Record a field operation with its agencies and findings (counts by type, never a list
    of persons). Refused with followups.FollowupError (an i18n key), nothing written, when
    the kind or date is wrong, the region unknown or outside the scope, or a count negative."""
    from pora_dash import auth, db, reference
    from pora_dash.followups import FollowupError
    from pora_dash.models import OPERATION_KINDS, Agency

    if kind not in OPERATION_KINDS:
        raise FollowupError("operation.bad_kind")
    if held_on is None or held_on > today:
        raise FollowupError("operation.bad_date")
    if not region_code or not reference.is_valid_code(region_code):
        raise FollowupError("operation.needs_region")
    if not scope.allows(region_code):
        raise FollowupError("meeting.out_of_scope", code=region_code)
    if any(not isinstance(n, int) or n < 0 for n in findings.values()):
        raise FollowupError("operation.bad_count")
    wanted = set(agency_ids) | ({lead_agency_id} if lead_agency_id else set())
    known = {a.id: a for a in session.scalars(select(Agency).where(Agency.id.in_(wanted)))}
    if wanted - set(known):
        raise FollowupError("operation.bad_agency")
    operation = Operation(
        held_on=held_on,
        kind=kind,
        lead_agency_id=lead_agency_id,
        description=(description or "").strip() or None,
    )
    operation.place(region_code)
    operation.agencies = [known[i] for i in sorted(wanted)]
    operation.findings = [
        OperationFinding(finding=f, count=n) for f, n in sorted(findings.items()) if n
    ]
    session.add(operation)
    session.flush()
    auth.audit(
        session,
        "operation_added",
        username=username,
        target=f"operations/{operation.id}",
        region=region_code,
        findings=sum(findings.values()),
    )
    db.bump_data_version(session)
    return operation.id
