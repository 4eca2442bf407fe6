"""Building blocks of every read: scope, region, active-on and filter conditions, months.

Imports no other module of `reads/`: every domain module builds on it.

"Active on the reference date D" means: arrived on or before D and not departed by D
(lifecycle 'active', or a departure dated after D). Persons are counted in their current
region; movement history is used for arrivals into a region.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import (
    Boolean,
    ColumnElement,
    Select,
    and_,
    false,
    func,
    or_,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from pora_dash.access.scope import Scope
from pora_dash.filters import AGE_BOUNDS, Filters
from pora_dash.store.models import (
    Movement,
    Person,
)

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
    filters: Filters, scope: Scope, *, on: dt.date | None = None, model: Any = Person
) -> list[ColumnElement[bool]]:
    """Filters and scope as WHERE conditions on persons (without the 'active' condition), or
    on a summary (`PersonCount`; `PersonAgeCount` for the age filter, a range of birth years:
    an age is the year of `on`, default the reference date, less the birth year)."""
    conds: list[ColumnElement[bool]] = [in_scope(model, scope)]
    if filters.wilayah:
        conds.append(in_region(model, filters.wilayah))
    if filters.nationalities:
        conds.append(model.nationality.in_(filters.nationalities))
    if filters.statuses:
        conds.append(model.unhcr_status.in_(filters.statuses))
    if filters.accommodations:
        conds.append(model.accommodation.in_(filters.accommodations))
    if filters.sexes:
        conds.append(model.sex.in_(filters.sexes))
    if filters.age_groups:
        year = (on or filters.reference_date()).year
        conds.append(
            or_(
                *(
                    model.birth_year.between(year - AGE_BOUNDS[g][1], year - AGE_BOUNDS[g][0])
                    for g in filters.age_groups
                )
            )
        )
    return conds


class unindexed(FunctionElement[bool]):  # noqa: N801 - used like a SQL function
    """A condition that SQLite's planner must not take an index for: written `+(cond)` there,
    `(cond)` elsewhere. SQLite plans without statistics and prefers an equality (a region, a
    nationality) to a date range, so the few persons who arrived after today were looked
    for among every person of the province; PostgreSQL has statistics and needs no hint."""

    type = Boolean()
    inherit_cache = True
    name = "unindexed"


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"  # an OR stays one condition


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+({compiler.process(element.clauses, **kw)})"


def active_conditions(filters: Filters, scope: Scope) -> list[ColumnElement[bool]]:
    return [active_on(filters.reference_date()), *person_conditions(filters, scope)]


def to_frame(session: Session, stmt: Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(session.execute(stmt).all(), columns=columns)


def month_of(session: Session, column):  # type: ignore[no-untyped-def]
    """'YYYY-MM' of a date column, in the database's own dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)  # dates are ISO text; strftime is slower
    return func.to_char(column, "YYYY-MM")


def arrival_conditions(filters: Filters, scope: Scope) -> list[ColumnElement[bool]]:
    """Movements that bring someone into the filtered area: the destination lies inside it
    and the origin does not (first arrivals in Indonesia have no origin)."""
    conds: list[ColumnElement[bool]] = [
        movement_in(Movement.to_kecamatan_code, code) for code in [filters.wilayah] if code
    ]
    if scope.codes is not None:
        conds.append(
            or_(false(), *(movement_in(Movement.to_kecamatan_code, c) for c in sorted(scope.codes)))
        )
    area = filters.wilayah
    if area:
        conds.append(
            or_(
                Movement.from_region_code.is_(None),
                func.substr(Movement.from_region_code, 1, len(area)) != area,
            )
        )
    else:
        conds.append(Movement.from_region_code.is_(None))
    return conds


def movement_in(column, code: str) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    return func.substr(column, 1, len(code)) == code if level_of(code) < 3 else column == code


def month_labels(end: dt.date, months: int) -> list[str]:
    """'YYYY-MM' of the `months` months up to and including the month of `end`."""
    return [
        p.strftime("%Y-%m")
        for p in pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")
    ]
