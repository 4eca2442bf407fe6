"""Reads of the map: metrics per part of the current region and accommodation sites."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    case,
    func,
    select,
)
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.population import (
    arrivals_by_part,
    population,
)
from pora_dash.reads.sql import (
    child_column,
    in_region,
    in_scope,
    to_frame,
)
from pora_dash.store.models import (
    Person,
    Site,
)


def area_metrics(
    session: Session, *, filters: Filters, scope: Scope, period_days: int = 90
) -> pd.DataFrame:
    """Per part of the current region: active persons, refugees, asylum seekers, those
    without a UNHCR document, and arrivals in the period (into that part, from outside it)."""
    part = child_column(Person, filters).key
    pop = population(filters, scope, (part, "unhcr_status"))
    code, status = pop.c[part], pop.c.unhcr_status

    def count_if(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, pop.c.n), else_=0)), 0)

    stmt = select(
        code,
        func.sum(pop.c.n),
        count_if(status == "refugee"),
        count_if(status == "asylum_seeker"),
        count_if(status.not_in(("refugee", "asylum_seeker"))),
    ).group_by(code)
    columns = ["code", "active", "refugees", "asylum_seekers", "undocumented"]
    frame = to_frame(session, stmt, columns)
    arrivals_frame = _arrivals_by_part(
        session, filters=filters, scope=scope, period_days=period_days
    )
    frame = frame.merge(arrivals_frame, on="code", how="outer").fillna(0)
    return frame.astype({c: "int64" for c in [*columns[1:], "arrivals"]})


def _arrivals_by_part(
    session: Session, *, filters: Filters, scope: Scope, period_days: int
) -> pd.DataFrame:
    d = filters.reference_date()
    return arrivals_by_part(
        session,
        filters=filters,
        scope=scope,
        level=min(filters.level() + 1, 3),
        start=d - dt.timedelta(days=period_days),
        end=d,
    )


def sites(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Accommodation sites in the area with their current occupancy (a count, no persons)."""
    # a site's occupancy is everyone there, whatever the person filters
    occupancy = population(Filters(as_of=filters.reference_date()), Scope.national(), ("site_id",))
    conds = [in_scope(Site, scope), Site.is_open]
    if filters.wilayah:
        conds.append(in_region(Site, filters.wilayah))
    stmt = (
        select(
            Site.code,
            Site.name,
            Site.kind,
            Site.capacity,
            Site.lat,
            Site.lng,
            Site.kecamatan_code,
            func.coalesce(occupancy.c.n, 0),
        )
        .outerjoin(occupancy, occupancy.c.site_id == Site.id)
        .where(*conds)
        .order_by(Site.name)
    )
    return to_frame(
        session,
        stmt,
        ["code", "name", "kind", "capacity", "lat", "lng", "kecamatan_code", "occupancy"],
    )
