"""Movements between areas: flows, their breakdowns, the monthly trend and arrival cohorts.

A *flow* is one person's move from one area to another (a row of `movements` with an origin),
counted at the level that splits the filtered region: provinces for the nation, kab/kota inside
a province, kecamatan inside a kab/kota (and a kecamatan itself). The other end of a move that
leaves or enters the region is counted at the finest level the region shares with it: another
kecamatan of the same kab/kota, another kab/kota of the same province, else its province. Moves
inside one area (between two houses of one city, at city level) are not flows.

The period is the filters' (the `periode` days up to the reference date); the persons' filters
(nationality, status, accommodation, sex, age) apply to their attributes now. A user sees the
moves of which one end lies in their scope.

>>> unit_widths(None), unit_widths("11"), unit_widths("33.29"), unit_widths("33.29.05")
((2, []), (5, []), (8, [(2, 5)]), (8, [(5, 8), (2, 5)]))
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, false, func, literal, or_, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.sql import month_labels, month_of, movement_in, person_conditions, to_frame
from pora_dash.store.models import Movement, Person

WIDTH = {1: 2, 2: 5, 3: 8}  # characters of a province, kab/kota, kecamatan code


def unit_widths(area: str | None) -> tuple[int, list[tuple[int, int]]]:
    """The code width of the areas inside `area` (None: the nation), and for an end outside
    it, in order: (width of the region it shares with `area`, width of the area it counts in);
    an end that shares nothing counts in its province."""
    if not area:
        return 2, []
    level = min(area.count(".") + 1, 3)
    return WIDTH[min(level + 1, 3)], [(WIDTH[lv], WIDTH[lv + 1]) for lv in range(level - 1, 0, -1)]


def _end_unit(column, area: str | None):  # type: ignore[no-untyped-def]
    """The area (code) one end of a move is counted in (see the module's rule)."""
    inner, outer = unit_widths(area)
    if not area:
        return func.substr(column, 1, inner)
    whens = [(func.substr(column, 1, len(area)) == area, func.substr(column, 1, inner))]
    for shared, width in outer:
        whens.append(
            (func.substr(column, 1, shared) == area[:shared], func.substr(column, 1, width))
        )
    return case(*whens, else_=func.substr(column, 1, 2))


def _touches(code: str) -> ColumnElement[bool]:
    return or_(
        movement_in(Movement.to_kecamatan_code, code),
        func.substr(Movement.from_region_code, 1, len(code)) == code,
    )


def move_conditions(
    filters: Filters, scope: Scope, *, start: dt.date, end: dt.date
) -> list[ColumnElement[bool]]:
    """Moves (joined to persons) with start < moved_on <= end that touch the filtered region
    and the scope, of persons in the filters (their region aside)."""
    conds: list[ColumnElement[bool]] = [
        Movement.from_region_code.is_not(None),
        Movement.moved_on > start,
        Movement.moved_on <= end,
        *person_conditions(filters.with_region(None), Scope.national()),
    ]
    if filters.wilayah:
        conds.append(_touches(filters.wilayah))
    if scope.codes is not None:
        conds.append(or_(false(), *(_touches(c) for c in sorted(scope.codes))))
    return conds


def period(filters: Filters) -> tuple[dt.date, dt.date]:
    """(start, end]: the filters' period up to the reference date."""
    end = filters.reference_date()
    return end - dt.timedelta(days=filters.period_days), end


def _ends(filters: Filters):  # type: ignore[no-untyped-def]
    origin = _end_unit(Movement.from_region_code, filters.wilayah).label("origin")
    destination = _end_unit(Movement.to_kecamatan_code, filters.wilayah).label("destination")
    return origin, destination


def flows(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Moves between areas in the period: origin, destination (area codes), n; largest first."""
    start, end = period(filters)
    origin, destination = _ends(filters)
    stmt = (
        select(origin, destination, func.count().label("n"))
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(*move_conditions(filters, scope, start=start, end=end), origin != destination)
        .group_by(origin, destination)
    )
    out = to_frame(session, stmt, ["origin", "destination", "n"])
    return out.sort_values(
        ["n", "origin", "destination"], ascending=[False, True, True]
    ).reset_index(drop=True)


def flows_by(session: Session, *, filters: Filters, scope: Scope, column: str) -> pd.DataFrame:
    """The period's flows (as in `flows`) by one attribute of the person: group, n."""
    start, end = period(filters)
    origin, destination = _ends(filters)
    group = getattr(Person, column).label("group")
    stmt = (
        select(group, func.count())
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(*move_conditions(filters, scope, start=start, end=end), origin != destination)
        .group_by(group)
    )
    out = to_frame(session, stmt, ["group", "n"])
    return out.sort_values(["n", "group"], ascending=[False, True]).reset_index(drop=True)


def monthly_moves(
    session: Session, *, filters: Filters, scope: Scope, months: int = 24
) -> pd.DataFrame:
    """Flows per month of the last `months` up to the reference date, split by direction:
    month, inward (into the region), outward (out of it), within (between its areas)."""
    end = filters.reference_date()
    index = month_labels(end, months)
    start = dt.date.fromisoformat(index[0] + "-01") - dt.timedelta(days=1)
    origin, destination = _ends(filters)
    area = filters.wilayah
    direction: ColumnElement[str] = literal("within")
    if area:
        into = movement_in(Movement.to_kecamatan_code, area)
        out_of = func.substr(Movement.from_region_code, 1, len(area)) == area
        direction = case(
            (and_(into, out_of), literal("within")),
            (into, literal("inward")),
            else_=literal("outward"),
        )
    month = month_of(session, Movement.moved_on).label("month")
    stmt = (
        select(month, direction.label("direction"), func.count())
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(*move_conditions(filters, scope, start=start, end=end), origin != destination)
        .group_by(month, direction)
    )
    long = to_frame(session, stmt, ["month", "direction", "n"])
    wide = long.pivot_table(index="month", columns="direction", values="n", aggfunc="sum")
    wide = wide.reindex(index=index, columns=["inward", "outward", "within"], fill_value=0)
    return wide.fillna(0).astype("int64").rename_axis(columns=None).reset_index()


def cohort(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    start: dt.date,
    end: dt.date,
) -> pd.DataFrame:
    """Of the persons who arrived in the filtered region (from outside it, or first arrivals in
    Indonesia) with start <= moved_on <= end, where they are on the reference date D:
    outcome ("here": active inside the region, "moved": active elsewhere, "departed"), detail
    (the area they are in, counted as flows are, or the reason they left), n (persons).

    Each person counts once, however often they arrived in the period; their place on D is
    the destination of their last move on or before D."""
    day = filters.reference_date()
    area = filters.wilayah
    arrivals = [
        Movement.moved_on >= start,
        Movement.moved_on <= end,
        *person_conditions(filters.with_region(None), Scope.national()),
    ]
    if area:
        arrivals += [
            movement_in(Movement.to_kecamatan_code, area),
            or_(
                Movement.from_region_code.is_(None),
                func.substr(Movement.from_region_code, 1, len(area)) != area,
            ),
        ]
    else:
        arrivals.append(Movement.from_region_code.is_(None))
    if scope.codes is not None:
        arrivals.append(
            or_(false(), *(movement_in(Movement.to_kecamatan_code, c) for c in sorted(scope.codes)))
        )
    members = (
        select(Movement.person_id)
        .join(Person, Person.id == Movement.person_id)
        .where(*arrivals)
        .distinct()
    )
    # each member's moves up to D, latest first: one pass with a window, not a lookup per person
    ranked = (
        select(
            Movement.person_id,
            Movement.to_kecamatan_code.label("place"),
            func.row_number()
            .over(
                partition_by=Movement.person_id,
                order_by=(Movement.moved_on.desc(), Movement.id.desc()),
            )
            .label("rank"),
        )
        .where(Movement.person_id.in_(members), Movement.moved_on <= day)
        .subquery()
    )
    place = ranked.c.place
    departed = and_(Person.lifecycle != "active", Person.lifecycle_date <= day)
    unit = _end_unit(place, area) if area else func.substr(place, 1, 2)
    here = movement_in(place, area) if area else literal(True)
    outcome = case(
        (departed, literal("departed")), (here, literal("here")), else_=literal("moved")
    ).label("outcome")
    detail = case((departed, Person.lifecycle), else_=unit).label("detail")
    stmt = (
        select(outcome, detail, func.count())
        .select_from(Person)
        .join(ranked, and_(ranked.c.person_id == Person.id, ranked.c.rank == 1))
        .group_by(outcome, detail)
    )
    out = to_frame(session, stmt, ["outcome", "detail", "n"])
    return out.sort_values(["outcome", "n", "detail"], ascending=[True, False, True]).reset_index(
        drop=True
    )
