"""Incidents, matched by (date, kind, region, source agency, description)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.importing.kinds.base import Kind
from pora_dash.importing.plan import (
    Actor,
    Context,
    Plan,
    Progress,
    Record,
    covered,
    diff_simple,
    placed,
    write_simple,
)
from pora_dash.importing.rows import (
    REGION_FIELDS,
    Column,
    Count,
    Date,
    IncidentKind,
    Latitude,
    Longitude,
    LongText,
    Row,
    Severity,
    Text,
    norm,
)
from pora_dash.store.models import (
    Incident,
)

INCIDENT_COLUMNS = (
    Column(
        "occurred_on", "Tanggal kejadian", "17/10/2024", True, ("tanggal", "date", "occurred on")
    ),
    Column("kind", "Jenis kejadian", "Unjuk rasa / berkumpul", True, ("jenis", "kind", "type")),
    Column("severity", "Tingkat", "Sedang", True, ("tingkat keparahan", "severity")),
    Column("people_involved", "Jumlah orang", "25", aliases=("jumlah", "people involved")),
    Column(
        "description",
        "Uraian",
        "Warga berkumpul di balai desa membahas pengungsi",
        True,
        ("deskripsi", "description"),
    ),
    Column("source_agency", "Instansi sumber", "POLRI-33.29", aliases=("sumber", "source agency")),
    *REGION_FIELDS,
    Column("lat", "Lintang", "", aliases=("latitude", "lat")),
    Column("lng", "Bujur", "", aliases=("longitude", "lng", "lon")),
)


class IncidentRow(Row):
    occurred_on: Date = None
    kind: IncidentKind = None
    severity: Severity = None
    people_involved: Count = None
    description: LongText = None
    source_agency: Text = None
    lat: Latitude = None
    lng: Longitude = None

    required_fields = ("occurred_on", "kind", "severity", "description")


def resolve(ctx: Context, number: int, row: Any) -> None:
    before = len(ctx.plan.problems)
    source = ctx.agency(number, "source_agency", row.source_agency, required=False)
    region = ctx.region(number, row)
    if len(ctx.plan.problems) > before or region is None:
        return
    key = (row.occurred_on, row.kind, region, source, norm(row.description))
    if ctx.duplicate(number, key, "description"):
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
        **placed(region),
    }
    ctx.plan.records.append(Record(number, key, values))


_INCIDENT_FIELDS: dict[str, tuple[str, ...]] = {
    "severity": ("severity",),
    "people_involved": ("people_involved",),
    "lat": ("lat",),
    "lng": ("lng",),
}


def diff(session: Session, plan: Plan, actor: Actor) -> None:
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
        (r.occurred_on, r.kind, r.region_code, r.source_agency_id, norm(r.description)): r
        for r in session.execute(stmt)
    }
    diff_simple(plan, actor, existing, covered(plan, _INCIDENT_FIELDS))


def write(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    write_simple(Incident, plan, session, progress)


KIND = Kind(
    name="incidents",
    template="templat-kejadian",
    min_level=2,
    columns=INCIDENT_COLUMNS,
    row=IncidentRow,
    resolve=resolve,
    diff=diff,
    write=write,
)
