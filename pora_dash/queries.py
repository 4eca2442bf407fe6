"""Every read the pages need: keyword-only functions (session, filters, scope) -> small results.

Aggregation happens in SQL; only grouped rows come back. The user's scope is applied here and
nowhere else, so pages, exports and the CLI cannot forget it.

"Active on the reference date D" means: arrived on or before D and not departed by D
(lifecycle 'active', or a departure dated after D). Persons are counted in their current
region; movement history is used for arrivals into a region.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session

from pora_dash.filters import AGE_BOUNDS, Filters
from pora_dash.models import Person
from pora_dash.scope import Scope

_LEVEL_COLUMN = {1: "province_code", 2: "kabkota_code", 3: "kecamatan_code", 4: "region_code"}


def level_of(code: str) -> int:
    return code.count(".") + 1


def in_region(model: type, code: str) -> ColumnElement[bool]:
    """Rows of `model` (a Placed model) inside region `code`, using the indexed column."""
    return getattr(model, _LEVEL_COLUMN[level_of(code)]) == code


def in_scope(model: type, scope: Scope) -> ColumnElement[bool]:
    if scope.codes is None:
        return true()
    if not scope.codes:
        return false()
    return or_(*(in_region(model, code) for code in sorted(scope.codes)))


def child_column(model: type, filters: Filters):  # type: ignore[no-untyped-def]
    """The column that splits the current region into its parts (provinces for the nation)."""
    return getattr(model, _LEVEL_COLUMN[min(filters.level() + 1, 3)])


def active_on(day: dt.date) -> ColumnElement[bool]:
    return and_(
        Person.arrival_date <= day,
        or_(Person.lifecycle == "active", Person.lifecycle_date > day),
    )


def person_conditions(
    filters: Filters, scope: Scope, *, on: dt.date | None = None
) -> list[ColumnElement[bool]]:
    """Filters and scope as WHERE conditions on persons (without the 'active' condition)."""
    conds: list[ColumnElement[bool]] = [in_scope(Person, scope)]
    if filters.wilayah:
        conds.append(in_region(Person, filters.wilayah))
    if filters.nationalities:
        conds.append(Person.nationality.in_(filters.nationalities))
    if filters.statuses:
        conds.append(Person.unhcr_status.in_(filters.statuses))
    if filters.accommodations:
        conds.append(Person.accommodation.in_(filters.accommodations))
    if filters.sexes:
        conds.append(Person.sex.in_(filters.sexes))
    if filters.age_groups:
        year = (on or filters.reference_date()).year
        conds.append(
            or_(
                *(
                    Person.birth_year.between(year - AGE_BOUNDS[g][1], year - AGE_BOUNDS[g][0])
                    for g in filters.age_groups
                )
            )
        )
    return conds


def _active(filters: Filters, scope: Scope) -> list[ColumnElement[bool]]:
    return [active_on(filters.reference_date()), *person_conditions(filters, scope)]


def _frame(session: Session, stmt: Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(session.execute(stmt).all(), columns=columns)


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
    status = Person.unhcr_status
    stmt = select(
        func.count(),
        func.coalesce(func.sum(case((status == "refugee", 1), else_=0)), 0),
        func.coalesce(func.sum(case((status == "asylum_seeker", 1), else_=0)), 0),
        func.coalesce(func.sum(case((status.in_(("refugee", "asylum_seeker")), 1), else_=0)), 0),
        func.count(func.distinct(Person.kecamatan_code)),
        func.count(func.distinct(Person.nationality)),
    ).where(*_active(filters, scope))
    row = session.execute(stmt).one()
    return Headline(*(int(v) for v in row))


def active_total(session: Session, *, filters: Filters, scope: Scope) -> int:
    stmt = select(func.count()).select_from(Person).where(*_active(filters, scope))
    return int(session.scalar(stmt) or 0)


def by_nationality(
    session: Session, *, filters: Filters, scope: Scope, limit: int | None = None
) -> pd.DataFrame:
    """Active persons by nationality (ISO alpha-3), largest first."""
    n = func.count().label("n")
    stmt = (
        select(Person.nationality, n)
        .where(*_active(filters, scope))
        .group_by(Person.nationality)
        .order_by(n.desc(), Person.nationality)
        .limit(limit)
    )
    return _frame(session, stmt, ["nationality", "count"])


def by_status(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    n = func.count().label("n")
    stmt = (
        select(Person.unhcr_status, n)
        .where(*_active(filters, scope))
        .group_by(Person.unhcr_status)
        .order_by(n.desc())
    )
    return _frame(session, stmt, ["status", "count"])


def by_area(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Active persons in each part of the current region (kecamatan inside a kab/kota, ...)."""
    column = child_column(Person, filters)
    n = func.count().label("n")
    stmt = (
        select(column, n)
        .where(*_active(filters, scope))
        .group_by(column)
        .order_by(n.desc(), column)
    )
    return _frame(session, stmt, ["code", "count"])
