"""Reads of the overview (Ringkasan): headline figures, counts by nationality, status and
area, arrivals, the monthly trend. Keyword-only `(session, *, filters, scope)`, grouped in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    arrivals_between,
    counts_by,
    monthly_flows,
    population,
)
from pora_dash.reads.sql import (
    child_column,
    in_scope,
)
from pora_dash.store.models import (
    Agency,
    Person,
    User,
)


@dataclass(frozen=True)
class Headline:
    active: int
    refugees: int
    asylum_seekers: int
    with_document: int
    kecamatan_hosting: int
    nationalities: int

    @property
    def document_share(self) -> float | None:
        return self.with_document / self.active if self.active else None


def headline(session: Session, *, filters: Filters, scope: Scope) -> Headline:
    """The headline figures of the current filter, in one query."""
    pop = population(filters, scope, ("kecamatan_code", "nationality", "unhcr_status"))
    status = pop.c.unhcr_status

    def count_if(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, pop.c.n), else_=0)), 0)

    stmt = select(
        func.coalesce(func.sum(pop.c.n), 0),
        count_if(status == "refugee"),
        count_if(status == "asylum_seeker"),
        count_if(status.in_(("refugee", "asylum_seeker"))),
        func.count(func.distinct(pop.c.kecamatan_code)),
        func.count(func.distinct(pop.c.nationality)),
    )
    row = session.execute(stmt).one()
    return Headline(*(int(v) for v in row))


def by_nationality(
    session: Session, *, filters: Filters, scope: Scope, limit: int | None = None
) -> pd.DataFrame:
    """Active persons by nationality (ISO alpha-3), largest first."""
    return counts_by(session, filters=filters, scope=scope, dim="nationality", limit=limit)


def by_status(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    frame = counts_by(session, filters=filters, scope=scope, dim="unhcr_status")
    return frame.rename(columns={"unhcr_status": "status"})


def by_area(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Active persons in each part of the current region (kecamatan inside a kab/kota, ...)."""
    frame = counts_by(session, filters=filters, scope=scope, dim=child_column(Person, filters).key)
    frame.columns = ["code", "count"]
    return frame


@dataclass(frozen=True)
class Arrivals:
    last_30: int
    previous_30: int
    last_90: int
    previous_90: int


def arrivals(session: Session, *, filters: Filters, scope: Scope) -> Arrivals:
    """New arrivals in the last 30 and 90 days before the reference date, and the periods
    just before them, for the change."""
    d = filters.reference_date()
    days = dt.timedelta

    def between(a: int, b: int) -> int:
        return arrivals_between(
            session, filters=filters, scope=scope, start=d - days(a), end=d - days(b)
        )

    return Arrivals(between(30, 0), between(60, 30), between(90, 0), between(180, 90))


def monthly_trend(
    session: Session, *, filters: Filters, scope: Scope, months: int = 36
) -> pd.DataFrame:
    """Active persons at the end of each month (on the reference date for its own month),
    with arrivals and departures in the month; see `monthly_flows`."""
    out = monthly_flows(session, filters=filters, scope=scope, months=months)
    out["month"] = pd.to_datetime(out["month"] + "-01").dt.date
    return out[["month", "active", "arrivals", "departures"]].reset_index(drop=True)


def nationalities_present(session: Session, *, filters: Filters, scope: Scope) -> list[str]:
    """Nationalities with anyone recorded in the scope (the options of the filter)."""
    stmt = (
        select(Person.nationality)
        .where(in_scope(Person, scope))
        .group_by(Person.nationality)
        .order_by(func.count().desc())
    )
    del filters
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Setup:
    """How far a new installation is: persons, agencies, and users other than administrators."""

    persons: int
    agencies: int
    users: int


def setup(session: Session) -> Setup:
    """The counts the first-run screen needs (the whole database, not a filter)."""
    persons = session.scalar(select(func.count()).select_from(Person))
    agencies = session.scalar(select(func.count()).select_from(Agency))
    users = session.scalar(select(func.count()).select_from(User).where(User.role != "admin"))
    return Setup(int(persons or 0), int(agencies or 0), int(users or 0))
