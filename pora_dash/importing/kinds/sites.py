"""Accommodation sites (community houses, Rudenim, shelters), matched by their code."""

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
    Latitude,
    Longitude,
    Row,
    SiteKind,
    Text,
    Text40,
    YesNo,
    norm,
)
from pora_dash.store.models import (
    Site,
)

SITE_COLUMNS = (
    Column("code", "Kode lokasi", "CH-BREBES-01", True, ("kode", "kode tempat", "site code")),
    Column("name", "Nama lokasi", "Community House Sirampog", True, ("nama", "name")),
    Column("kind", "Jenis", "Rumah komunitas (IOM)", True, ("jenis lokasi", "kind", "type")),
    Column("capacity", "Kapasitas", "40", aliases=("capacity", "daya tampung")),
    Column(
        "operator_agency",
        "Instansi pengelola",
        "IOM",
        aliases=("pengelola", "operator", "operator agency"),
    ),
    *REGION_FIELDS,
    Column("lat", "Lintang", "-7.2301", aliases=("latitude", "lat")),
    Column("lng", "Bujur", "109.1302", aliases=("longitude", "lng", "lon")),
    Column("is_open", "Buka", "ya", aliases=("aktif", "open", "is open")),
)


class SiteRow(Row):
    code: Text40 = None
    name: Text = None
    kind: SiteKind = None
    capacity: Count = None
    operator_agency: Text = None
    lat: Latitude = None
    lng: Longitude = None
    is_open: YesNo = None

    required_fields = ("code", "name", "kind")


def resolve(ctx: Context, number: int, row: Any) -> None:
    before = len(ctx.plan.problems)
    operator = ctx.agency(number, "operator_agency", row.operator_agency, required=False)
    region = ctx.region(number, row)
    if ctx.duplicate(number, (norm(row.code),), "code"):
        return
    if len(ctx.plan.problems) > before or region is None:
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
        **placed(region),
    }
    ctx.plan.records.append(Record(number, (norm(row.code),), values))


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


def diff(session: Session, plan: Plan, actor: Actor) -> None:
    columns = [Site.id, Site.code] + [getattr(Site, f) for f in _SITE_FIELDS]
    existing = {norm(row.code): row for row in session.execute(select(*columns))}
    fields = covered(plan, _SITE_FIELDS)
    diff_simple(plan, actor, existing, fields)


def write(session: Session, plan: Plan, actor: Actor, progress: Progress | None) -> None:
    write_simple(Site, plan, session, progress)


KIND = Kind(
    name="sites",
    template="templat-lokasi",
    min_level=2,
    columns=SITE_COLUMNS,
    row=SiteRow,
    resolve=resolve,
    diff=diff,
    write=write,
)
