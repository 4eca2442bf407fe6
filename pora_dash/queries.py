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
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
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
    PersonCount,
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
    filters: Filters, scope: Scope, *, on: dt.date | None = None, model: Any = Person
) -> list[ColumnElement[bool]]:
    """Filters and scope as WHERE conditions on persons (without the 'active' condition), or
    on the summary `PersonCount` (which has no birth year: the age filter needs persons)."""
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


# --- the population on a date ------------------------------------------------------------


def _dim(model: type, name: str) -> ColumnElement:  # type: ignore[type-arg]
    column = getattr(model, name)
    if model is Person and name == "site_id":  # 0 for "no site", as in the summary
        return func.coalesce(column, 0).label(name)
    return column.label(name)


def summary_serves(filters: Filters, scope: Scope, dims: Sequence[str] = ()) -> bool:
    """Whether `person_counts` can answer: it has no birth year (age filter) and no desa."""
    codes = [*([filters.wilayah] if filters.wilayah else []), *sorted(scope.codes or ())]
    return (
        not filters.age_groups
        and all(level_of(c) <= 3 for c in codes)
        and all(name in PersonCount.__table__.c for name in dims)
    )


def population(
    filters: Filters, scope: Scope, dims: Sequence[str] = (), *, on: dt.date | None = None
) -> Subquery:
    """Persons active on `on` (default: the reference date) in the filter and scope, counted
    by `dims` (column names of Person): a subquery with those columns and `n`.

    Read from the summary `person_counts` (persons active now, kept by triggers) corrected by
    the persons whose arrival or departure lies after the day: those who arrived later are
    taken off, those who left later are added back. For today that correction is empty; for
    a past day it reads only the events since, through the date indexes. Without the summary
    (age filter, desa, a dimension it lacks) the persons are counted directly.
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
    rows = union_all(
        select(*(_dim(PersonCount, d) for d in dims), PersonCount.n.label("n")).where(
            *person_conditions(filters, scope, model=PersonCount)
        ),
        select(*person_cols, literal(-1).label("n")).where(
            *conds, Person.lifecycle == "active", Person.arrival_date > day
        ),
        select(*person_cols, literal(1).label("n")).where(
            *conds, Person.lifecycle_date > day, Person.arrival_date <= day
        ),
    ).subquery("rows")
    cols = [rows.c[d] for d in dims]
    total = func.sum(rows.c.n)
    stmt = select(*cols, total.label("n"))
    if cols:
        stmt = stmt.group_by(*cols).having(total != 0)
    return stmt.subquery("population")


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


def active_total(session: Session, *, filters: Filters, scope: Scope) -> int:
    pop = population(filters, scope)
    return int(session.scalar(select(func.coalesce(func.sum(pop.c.n), 0))) or 0)


def counts_by(
    session: Session, *, filters: Filters, scope: Scope, dim: str, limit: int | None = None
) -> pd.DataFrame:
    """Active persons by one column of Person, largest first: columns dim, count."""
    pop = population(filters, scope, (dim,))
    stmt = select(pop.c[dim], pop.c.n).order_by(pop.c.n.desc(), pop.c[dim]).limit(limit)
    return _frame(session, stmt, [dim, "count"])


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


# --- arrivals, departures and trends -------------------------------------------------------


def _month(session: Session, column):  # type: ignore[no-untyped-def]
    """'YYYY-MM' of a date column, in the database's own dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)  # dates are ISO text; strftime is slower
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


def month_labels(end: dt.date, months: int) -> list[str]:
    """'YYYY-MM' of the `months` months up to and including the month of `end`."""
    return [
        p.strftime("%Y-%m")
        for p in pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")
    ]


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
        month = _month(session, column).label("month")
        stmt = (
            select(month, *by, func.count())
            .where(*conds, column >= start, column <= d)
            .group_by(month, *by)
        )
        return _frame(session, stmt, ["month", *(["group"] if group else []), "n"])

    arrived = flow(Person.arrival_date)
    departed = flow(Person.lifecycle_date)  # a departure date means departed (a CHECK)
    pop = population(filters, scope, (group,) if group else ())
    now = _frame(session, select(*pop.c), [*(["group"] if group else []), "n"]).rename(
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


def monthly_trend(
    session: Session, *, filters: Filters, scope: Scope, months: int = 36
) -> pd.DataFrame:
    """Active persons at the end of each month (on the reference date for its own month),
    with arrivals and departures in the month; see `monthly_flows`."""
    out = monthly_flows(session, filters=filters, scope=scope, months=months)
    out["month"] = pd.to_datetime(out["month"] + "-01").dt.date
    return out[["month", "active", "arrivals", "departures"]].reset_index(drop=True)


# --- map ----------------------------------------------------------------------------------


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
    frame = _frame(session, stmt, columns)
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
    if extra:
        total = int(session.scalar(select(func.count()).select_from(Person).where(*conds)) or 0)
    else:
        total = active_total(session, filters=filters, scope=scope)
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
from pora_dash.origins import profile as profile  # noqa: E402
from pora_dash.origins import refugee_stay as refugee_stay  # noqa: E402
from pora_dash.origins import top_nationalities as top_nationalities  # noqa: E402
from pora_dash.stability import event_comparison as event_comparison  # noqa: E402
from pora_dash.stability import finding_totals as finding_totals  # noqa: E402
from pora_dash.stability import operations as operations  # noqa: E402
