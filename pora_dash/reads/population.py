"""The population on a date, and the arrivals and departures around it: the shared counts
that the overview, the map, the origins page and the attention table are built from.

Imports only `reads.sql`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Subquery,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.sql import (
    active_on,
    arrival_conditions,
    level_of,
    month_labels,
    month_of,
    person_conditions,
    to_frame,
    unindexed,
)
from pora_dash.store.models import (
    ActiveCounts,
    Movement,
    Person,
    PersonAgeCount,
    PersonCount,
)


def _dim(model: type, name: str) -> ColumnElement:  # type: ignore[type-arg]
    column = getattr(model, name)
    if model is Person and name == "site_id":  # 0 for "no site", as in the summary
        return func.coalesce(column, 0).label(name)
    return column.label(name)


def summary_serves(filters: Filters, scope: Scope, dims: Sequence[str] = ()) -> bool:
    """Whether a summary can answer: they have no desa, and only their columns can be `dims`
    (the birth year in `person_age_counts`)."""
    codes = [*([filters.wilayah] if filters.wilayah else []), *sorted(scope.codes or ())]
    return all(level_of(c) <= 3 for c in codes) and all(
        name in PersonAgeCount.__table__.c for name in dims
    )


def summary_for(filters: Filters, dims: Sequence[str] = ()) -> type[ActiveCounts]:
    """The smaller summary that can answer: `person_counts` unless the age filter or a birth
    year dimension needs `person_age_counts` (about five times the rows)."""
    if filters.age_groups or any(name not in PersonCount.__table__.c for name in dims):
        return PersonAgeCount
    return PersonCount


def population(
    filters: Filters, scope: Scope, dims: Sequence[str] = (), *, on: dt.date | None = None
) -> Subquery:
    """Persons active on `on` (default: the reference date) in the filter and scope, counted
    by `dims` (column names of Person): a subquery with those columns and `n`.

    Read from a summary (`summary_for`: persons active now, kept by triggers) corrected by
    the persons whose arrival or departure lies after the day: those who arrived later are
    taken off, those who left later are added back. For today that correction is empty; for
    a past day it reads only the events since, through the date indexes (`unindexed` keeps
    SQLite from taking a region's index instead). The age filter is
    taken on the year of `on`, in the summary and the correction alike. Without the summary
    (desa, a dimension it lacks) the persons are counted directly.
    """
    day = on or filters.reference_date()
    conds = person_conditions(filters, scope, on=day)
    if not summary_serves(filters, scope, dims):
        cols = [_dim(Person, d) for d in dims]
        return (
            select(*cols, func.count().label("n"))
            .where(active_on(day), *conds)
            .group_by(*cols)
            .subquery("population")
        )
    person_cols = [_dim(Person, d) for d in dims]
    summary = summary_for(filters, dims)
    # the correction is found through the date indexes, whatever else narrows it
    others = [unindexed(c) for c in conds]
    rows = union_all(
        select(*(_dim(summary, d) for d in dims), summary.n.label("n")).where(
            *person_conditions(filters, scope, on=day, model=summary)
        ),
        select(*person_cols, literal(-1).label("n")).where(
            *others, Person.lifecycle == "active", Person.arrival_date > day
        ),
        select(*person_cols, literal(1).label("n")).where(
            *others, Person.lifecycle_date > day, Person.arrival_date <= day
        ),
    ).subquery("rows")
    cols = [rows.c[d] for d in dims]
    total = func.sum(rows.c.n)
    stmt = select(*cols, total.label("n"))
    if cols:
        stmt = stmt.group_by(*cols).having(total != 0)
    return stmt.subquery("population")


def active_total(session: Session, *, filters: Filters, scope: Scope) -> int:
    pop = population(filters, scope)
    return int(session.scalar(select(func.coalesce(func.sum(pop.c.n), 0))) or 0)


def counts_by(
    session: Session, *, filters: Filters, scope: Scope, dim: str, limit: int | None = None
) -> pd.DataFrame:
    """Active persons by one column of Person, largest first: columns dim, count."""
    pop = population(filters, scope, (dim,))
    stmt = select(pop.c[dim], pop.c.n).order_by(pop.c.n.desc(), pop.c[dim]).limit(limit)
    return to_frame(session, stmt, [dim, "count"])


def arrivals_between(
    session: Session, *, filters: Filters, scope: Scope, start: dt.date, end: dt.date
) -> int:
    """Arrivals into the filtered area with start < moved_on <= end."""
    person_filters = [c for c in person_conditions(filters.with_region(None), Scope.national())]
    stmt = (
        select(func.count())
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(
            Movement.moved_on > start,
            Movement.moved_on <= end,
            *arrival_conditions(filters, scope),
            *person_filters,
        )
    )
    return int(session.scalar(stmt) or 0)


def monthly_flows(
    session: Session, *, filters: Filters, scope: Scope, months: int, group: str | None = None
) -> pd.DataFrame:
    """Per month of the last `months` up to the reference date D (and per value of the
    Person column `group`): arrivals, departures, and the persons active at the month's end
    (on D for D's own month). Long form: month ('YYYY-MM'), group, arrivals, departures, active.

    Only the window's events are read: active at a month's end is active on D (from
    `population`) less the arrivals and plus the departures of the later months up to D.
    Persons count in their current region and with their current attributes.
    """
    d = filters.reference_date()
    index = month_labels(d, months)
    start = dt.date.fromisoformat(index[0] + "-01")
    conds = person_conditions(filters, scope)
    by = [getattr(Person, group).label("group")] if group else []

    def flow(column: Any) -> pd.DataFrame:
        month = month_of(session, column).label("month")
        stmt = (
            select(month, *by, func.count())
            .where(*conds, column >= start, column <= d)
            .group_by(month, *by)
        )
        return to_frame(session, stmt, ["month", *(["group"] if group else []), "n"])

    arrived = flow(Person.arrival_date)
    departed = flow(Person.lifecycle_date)  # a departure date means departed (a CHECK)
    pop = population(filters, scope, (group,) if group else ())
    now = to_frame(session, select(*pop.c), [*(["group"] if group else []), "n"]).rename(
        columns={"n": "now"}
    )
    now["now"] = now["now"].fillna(0)  # no dims and nobody: one row with a NULL sum
    if not group:
        for frame in (arrived, departed, now):
            frame["group"] = ""
    groups = sorted(set(arrived["group"]) | set(departed["group"]) | set(now["group"]))
    full = pd.MultiIndex.from_product([groups, index], names=["group", "month"])

    def on_grid(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby(["group", "month"])["n"].sum().reindex(full, fill_value=0)

    out = pd.DataFrame({"arrivals": on_grid(arrived), "departures": on_grid(departed)})
    net = out["arrivals"] - out["departures"]
    # sum of the later months' net arrivals, per group
    later = net.groupby(level="group").transform(lambda s: s[::-1].cumsum()[::-1] - s)
    on_d = now.set_index("group")["now"].reindex(groups, fill_value=0)
    out["active"] = on_d.reindex(out.index.get_level_values("group")).to_numpy() - later
    out = out.reset_index().astype({"arrivals": "int64", "departures": "int64", "active": "int64"})
    return out[["month", "group", "arrivals", "departures", "active"]]


def arrival_conditions_by_part(
    filters: Filters, scope: Scope, *, level: int, start: dt.date, end: dt.date
) -> tuple[ColumnElement[str], list[ColumnElement[bool]]]:
    """The area column of `level` (1 province, 2 kab/kota, 3 kecamatan) and the conditions
    on movements (joined to persons) that are arrivals into such an area inside the filtered
    region with start < moved_on <= end: an arrival into an area comes from outside it."""
    width = {1: 2, 2: 5, 3: 8}[level]
    part = func.substr(Movement.to_kecamatan_code, 1, width).label("code")
    conds = arrival_conditions(filters, scope)
    # moves inside the part don't count
    conds[-1] = or_(
        Movement.from_region_code.is_(None),
        func.substr(Movement.from_region_code, 1, width) != part,
    )
    conds += [
        Movement.moved_on > start,
        Movement.moved_on <= end,
        *person_conditions(filters.with_region(None), Scope.national()),
    ]
    return part, conds


def arrivals_by_part(
    session: Session, *, filters: Filters, scope: Scope, level: int, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Arrivals into each area of `level` (see arrival_conditions_by_part)."""
    part, conds = arrival_conditions_by_part(filters, scope, level=level, start=start, end=end)
    stmt = (
        select(part, func.count())
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(*conds)
        .group_by(part)
    )
    return to_frame(session, stmt, ["code", "arrivals"])
