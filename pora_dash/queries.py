"""Every read the pages need: keyword-only functions (session, filters, scope) -> small results.

Aggregation happens in SQL; only grouped rows come back. The user's scope is applied here and
nowhere else, so pages, exports and the CLI cannot forget it.

"Active on the reference date D" means: arrived on or before D and not departed by D
(lifecycle 'active', or a departure dated after D). Persons are counted in their current
region; movement history is used for arrivals into a region.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session

from pora_dash.filters import AGE_BOUNDS, Filters
from pora_dash.models import (
    Action,
    Agency,
    CalendarEvent,
    Incident,
    Meeting,
    Movement,
    Person,
    Site,
)
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


# --- arrivals, departures and trends -------------------------------------------------------


def _month(session: Session, column):  # type: ignore[no-untyped-def]
    """'YYYY-MM' of a date column, in the database's own dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _arrival_conditions(filters: Filters, scope: Scope) -> list[ColumnElement[bool]]:
    """Movements that bring someone into the filtered area: the destination lies inside it
    and the origin does not (first arrivals in Indonesia have no origin)."""
    conds: list[ColumnElement[bool]] = [
        _movement_in(Movement.to_kecamatan_code, code) for code in [filters.wilayah] if code
    ]
    if scope.codes is not None:
        conds.append(
            or_(
                false(), *(_movement_in(Movement.to_kecamatan_code, c) for c in sorted(scope.codes))
            )
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


def _movement_in(column, code: str) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    return func.substr(column, 1, len(code)) == code if level_of(code) < 3 else column == code


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
            *_arrival_conditions(filters, scope),
            *person_filters,
        )
    )
    return int(session.scalar(stmt) or 0)


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
    """Active persons at the end of each month, with arrivals and departures in the month.

    Arrivals and departures are grouped by month in SQL; the running total over the (small)
    monthly table is summed in pandas. Persons count in their current region.
    """
    conds = person_conditions(filters, scope)
    arr_month = _month(session, Person.arrival_date).label("month")
    dep_month = _month(session, Person.lifecycle_date).label("month")
    arrived = session.execute(
        select(arr_month, func.count()).where(*conds).group_by(arr_month)
    ).all()
    departed = session.execute(
        select(dep_month, func.count())
        .where(*conds, Person.lifecycle != "active")
        .group_by(dep_month)
    ).all()
    frame = (
        pd.DataFrame(arrived, columns=["month", "arrivals"])
        .merge(pd.DataFrame(departed, columns=["month", "departures"]), on="month", how="outer")
        .fillna(0)
    )
    end = filters.reference_date()
    all_months = pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")
    frame = frame.sort_values("month")
    frame["active"] = (frame["arrivals"] - frame["departures"]).cumsum()
    frame = frame.set_index("month")
    index = [p.strftime("%Y-%m") for p in all_months]
    before = frame[frame.index < index[0]]
    start_active = int(before["active"].iloc[-1]) if len(before) else 0
    out = frame.reindex(index)
    out[["arrivals", "departures"]] = out[["arrivals", "departures"]].fillna(0)
    out["active"] = out["active"].ffill().fillna(start_active)
    out = out.reset_index(names="month").astype(
        {"arrivals": "int64", "departures": "int64", "active": "int64"}
    )
    out["month"] = pd.to_datetime(out["month"] + "-01").dt.date
    return out[["month", "active", "arrivals", "departures"]]


# --- map ----------------------------------------------------------------------------------


def area_metrics(
    session: Session, *, filters: Filters, scope: Scope, period_days: int = 90
) -> pd.DataFrame:
    """Per part of the current region: active persons, those without a UNHCR document, and
    arrivals in the period (into that part, from outside it)."""
    column = child_column(Person, filters)
    undocumented = case((Person.unhcr_status.in_(("refugee", "asylum_seeker")), 0), else_=1)
    stmt = (
        select(column, func.count(), func.coalesce(func.sum(undocumented), 0))
        .where(*_active(filters, scope))
        .group_by(column)
    )
    frame = _frame(session, stmt, ["code", "active", "undocumented"])
    arrivals_frame = _arrivals_by_part(
        session, filters=filters, scope=scope, period_days=period_days
    )
    frame = frame.merge(arrivals_frame, on="code", how="outer").fillna(0)
    return frame.astype({"active": "int64", "undocumented": "int64", "arrivals": "int64"})


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


def arrival_conditions_by_part(
    filters: Filters, scope: Scope, *, level: int, start: dt.date, end: dt.date
) -> tuple[ColumnElement[str], list[ColumnElement[bool]]]:
    """The area column of `level` (1 province, 2 kab/kota, 3 kecamatan) and the conditions
    on movements (joined to persons) that are arrivals into such an area inside the filtered
    region with start < moved_on <= end: an arrival into an area comes from outside it."""
    width = {1: 2, 2: 5, 3: 8}[level]
    part = func.substr(Movement.to_kecamatan_code, 1, width).label("code")
    conds = _arrival_conditions(filters, scope)
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
    return _frame(session, stmt, ["code", "arrivals"])


def sites(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Accommodation sites in the area with their current occupancy (a count, no persons)."""
    occupancy = (
        select(Person.site_id, func.count().label("occupancy"))
        .where(active_on(filters.reference_date()), Person.site_id.is_not(None))
        .group_by(Person.site_id)
        .subquery()
    )
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
            func.coalesce(occupancy.c.occupancy, 0),
        )
        .outerjoin(occupancy, occupancy.c.site_id == Site.id)
        .where(*conds)
        .order_by(Site.name)
    )
    return _frame(
        session,
        stmt,
        ["code", "name", "kind", "capacity", "lat", "lng", "kecamatan_code", "occupancy"],
    )


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
    return _frame(
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


# --- follow-up actions -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int


def action_counts(session: Session, *, filters: Filters, scope: Scope) -> ActionCounts:
    """Open (open or in progress) and overdue actions of meetings held in the area by the
    reference date (a meeting after it had decided nothing yet)."""
    d = filters.reference_date()
    pending = Action.status.in_(("open", "in_progress"))
    conds = [in_scope(Meeting, scope), pending, Meeting.held_on <= d]
    if filters.wilayah:
        conds.append(in_region(Meeting, filters.wilayah))
    stmt = (
        select(func.count(), func.coalesce(func.sum(case((Action.due_date < d, 1), else_=0)), 0))
        .select_from(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(*conds)
    )
    total, overdue = session.execute(stmt).one()
    return ActionCounts(int(total), int(overdue))


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
    return _frame(session, stmt, ["name", "kind", "starts_on", "ends_on"])


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


# --- person records (roles with record access only; the page audits every view) -----------

RECORD_PAGE = 100


def person_records(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    named: bool,
    secret: str,
    page: int = 0,
    extra: Sequence[ColumnElement[bool]] = (),
) -> tuple[pd.DataFrame, int]:
    """One page of active person records in scope, and how many there are in all.

    `named=False` (analysts) returns no name, document, registration or case number, and an
    HMAC pseudonym instead of the id: the columns are never read from the database.
    """
    from pora_dash.privacy import pseudonym

    conds = [*_active(filters, scope), *extra]  # extra: a data-quality link's condition
    total = int(session.scalar(select(func.count()).select_from(Person).where(*conds)) or 0)
    common = [
        Person.nationality,
        Person.unhcr_status,
        Person.sex,
        Person.birth_year,
        Person.arrival_date,
        Person.kecamatan_code,
        Person.accommodation,
        Person.last_verified_on,
    ]
    personal = [Person.full_name, Person.document_number, Person.source_ref, Person.case_number]
    stmt = (
        select(Person.id, *(personal if named else []), *common)
        .where(*conds)
        .order_by(Person.kecamatan_code, Person.id)
        .limit(RECORD_PAGE)
        .offset(page * RECORD_PAGE)
    )
    names = ["id", *([c.key for c in personal] if named else []), *(c.key for c in common)]
    frame = _frame(session, stmt, names)
    if not named:
        frame.insert(0, "pseudonym", [pseudonym(int(i), secret) for i in frame["id"]])
        frame = frame.drop(columns=["id"])
    return frame, total


# --- origins and UNHCR status: the reads of views/asal.py, in pora_dash/origins.py -----------
# --- stability: field operations, event comparison, areas needing attention ------------------
from pora_dash.attention import attention_table as attention_table  # noqa: E402
from pora_dash.attention import early_warnings as early_warnings  # noqa: E402
from pora_dash.origins import asylum_waiting as asylum_waiting  # noqa: E402
from pora_dash.origins import by_accommodation as by_accommodation  # noqa: E402
from pora_dash.origins import by_sex_age as by_sex_age  # noqa: E402
from pora_dash.origins import cross_counts as cross_counts  # noqa: E402
from pora_dash.origins import flows_by_reason as flows_by_reason  # noqa: E402
from pora_dash.origins import monthly_active_by as monthly_active_by  # noqa: E402
from pora_dash.origins import refugee_stay as refugee_stay  # noqa: E402
from pora_dash.origins import top_nationalities as top_nationalities  # noqa: E402
from pora_dash.stability import event_comparison as event_comparison  # noqa: E402
from pora_dash.stability import finding_totals as finding_totals  # noqa: E402
from pora_dash.stability import operations as operations  # noqa: E402
