"""Reads of the stability context: incidents (the stability page and the map's layer read the
same `incidents`, so they always agree), calendar events (Pilkada, holidays: the markers of every
trend chart), field operations with their findings, and an event compared with the same period
a year earlier.

Findings are counts by type (e.g. 4 × `tanpa_dokumen`), never lists of persons. Like every
read, these are keyword-only `(session, *, filters, scope, ...)`, passed by reference to
`ui.cache.read`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.population import active_total, arrivals_between
from pora_dash.reads.sql import active_on, in_region, in_scope, person_conditions, to_frame
from pora_dash.store.models import (
    Action,
    Agency,
    CalendarEvent,
    Incident,
    Operation,
    OperationAgency,
    OperationFinding,
    Person,
)

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


def _operation_conditions(
    filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> list[ColumnElement[bool]]:

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


def _departures_and_active(
    session: Session, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> tuple[int, int]:
    """Departures with start < day <= end, and the persons active on `end`.

    Without an age filter and for an `end` not after the reference date D, as in
    `population.monthly_flows`: the persons active on D (the summary) less those who arrived
    and plus those who left after `end`, read by date from the indexes; else one scan of the
    persons (`_departures_and_active_scan`, also the tests' oracle)."""
    d = filters.reference_date()
    if filters.age_groups or end > d:
        return _departures_and_active_scan(session, filters, scope, start, end)
    persons = person_conditions(filters, scope)
    departures, left_later = session.execute(
        select(
            func.coalesce(func.sum(case((Person.lifecycle_date <= end, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Person.lifecycle_date > end, 1), else_=0)), 0),
        ).where(
            *persons,
            Person.lifecycle != "active",
            Person.lifecycle_date > start,
            Person.lifecycle_date <= d,
        )
    ).one()
    arrived_later = session.scalar(
        select(func.count()).where(*persons, Person.arrival_date > end, Person.arrival_date <= d)
    )
    active_now = active_total(session, filters=filters, scope=scope)
    return int(departures), active_now - int(arrived_later or 0) + int(left_later)


def _departures_and_active_scan(
    session: Session, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> tuple[int, int]:
    departed = and_(
        Person.lifecycle != "active", Person.lifecycle_date > start, Person.lifecycle_date <= end
    )
    departures, active_end = session.execute(
        select(
            func.coalesce(func.sum(case((departed, 1), else_=0)), 0),
            func.coalesce(func.sum(case((active_on(end), 1), else_=0)), 0),
        ).where(*person_conditions(filters, scope, on=end))
    ).one()
    return int(departures), int(active_end)


def _window(
    session: Session, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> dict[str, int]:
    """The figures of one window start < day <= end."""

    departures, active_end = _departures_and_active(session, filters, scope, start, end)
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
        "departures": departures,
        "incidents": int(incidents),
        "incidents_high": int(high),
        "operations": int(ops or 0),
        "active_end": active_end,
    }


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


def incidents(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    period_days: int = 90,
    kinds: tuple[str, ...] = (),
    severities: tuple[int, ...] = (),
) -> pd.DataFrame:
    """Incidents in the area in the period before the reference date, newest first; the map
    layer and the list on the stability page both read this, so they always agree."""
    d = filters.reference_date()
    conds = [
        in_scope(Incident, scope),
        Incident.occurred_on > d - dt.timedelta(days=period_days),
        Incident.occurred_on <= d,
    ]
    if filters.wilayah:
        conds.append(in_region(Incident, filters.wilayah))
    if kinds:
        conds.append(Incident.kind.in_(kinds))
    if severities:
        conds.append(Incident.severity.in_(severities))
    stmt = (
        select(
            Incident.id,
            Incident.occurred_on,
            Incident.kind,
            Incident.severity,
            Incident.people_involved,
            Incident.description,
            Incident.region_code,
            Incident.kecamatan_code,
            Incident.kabkota_code,
            Incident.lat,
            Incident.lng,
            Agency.name,
        )
        .select_from(Incident)
        .outerjoin(Agency, Agency.id == Incident.source_agency_id)
        .where(*conds)
        .order_by(Incident.occurred_on.desc(), Incident.id.desc())
    )
    return to_frame(
        session,
        stmt,
        [
            "id",
            "date",
            "kind",
            "severity",
            "people",
            "description",
            "region_code",
            "kecamatan_code",
            "kabkota_code",
            "lat",
            "lng",
            "source",
        ],
    )


def calendar_events(
    session: Session, *, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Events (Pilkada, holidays) between two dates: national ones and those of the area."""
    del scope  # events are public; regional ones are filtered by the area below
    conds = [CalendarEvent.starts_on <= end, CalendarEvent.ends_on >= start]
    if filters.wilayah:
        prefix = filters.wilayah
        conds.append(
            or_(
                CalendarEvent.region_code.is_(None),
                func.substr(prefix, 1, func.length(CalendarEvent.region_code))
                == CalendarEvent.region_code,
            )
        )
    stmt = (
        select(
            CalendarEvent.name, CalendarEvent.kind, CalendarEvent.starts_on, CalendarEvent.ends_on
        )
        .where(*conds)
        .order_by(CalendarEvent.starts_on)
    )
    return to_frame(session, stmt, ["name", "kind", "starts_on", "ends_on"])
