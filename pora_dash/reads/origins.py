"""Reads of the "Asal & status" page: from where, with what status, since when.

Every function is keyword-only `(session, *, filters, scope, ...)`, groups in SQL and returns a
small DataFrame; the scope and the filters are applied through `sql.person_conditions`
and `sql.active_conditions`, the same rule as on every other page. Ages, waiting times and years in
Indonesia are banded in SQL (CASE over the reference date), so no person-level row leaves the
database. Status and nationality are the person's current ones: a trend by status shows how
many of today's refugees were present each month, not their status at the time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, case, func, literal, or_, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.population import counts_by, monthly_flows, population
from pora_dash.reads.sql import (
    active_on,
    child_column,
    month_labels,
    month_of,
    person_conditions,
    unindexed,
)
from pora_dash.store.models import DEPARTURES, UNHCR_STATUSES, Person

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-4", 0, 4),
    ("5-11", 5, 11),
    ("12-17", 12, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-59", 45, 59),
    ("60+", 60, 200),
)
# (band, months since registration: lower bound inclusive); "unknown" when not registered
ASYLUM_WAIT_BANDS: tuple[tuple[str, int], ...] = (
    ("lt6m", 0),
    ("6_12m", 6),
    ("1_2y", 12),
    ("2_5y", 24),
    ("5y_plus", 60),
)
WAIT_UNKNOWN = "unknown"
# (band, years since arrival in Indonesia: lower bound inclusive)
REFUGEE_STAY_BANDS: tuple[tuple[str, int], ...] = (
    ("lt2y", 0),
    ("2_5y", 2),
    ("5_10y", 5),
    ("10y_plus", 10),
)
OTHERS = "OTHERS"  # the group of nationalities outside the top ones
DIMENSIONS = ("nationality", "status", "accommodation", "area")
PERIODS = ("month", "year")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (clamped to the month's end).

    >>> months_before(dt.date(2026, 11, 22), 6), months_before(dt.date(2024, 8, 31), 6)
    (datetime.date(2026, 5, 22), datetime.date(2024, 2, 29))
    """
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_month - dt.timedelta(days=1)).day))


def _band_since(column: Any, day: dt.date, bands: tuple[tuple[str, int], ...]) -> Any:
    """CASE: the band of the time elapsed from `column` to `day`, bands in months.

    A date after the cut-off of a band's lower bound means less time than that has passed,
    so the bands are tested from the longest down."""
    whens = [
        (column <= months_before(day, months), band)
        for band, months in reversed(bands)
        if months > 0
    ]
    return case(*whens, else_=bands[0][0])


def _dimension(name: str, filters: Filters) -> str:
    """The Person column a dimension counts by."""
    if name == "area":
        return str(child_column(Person, filters).key)
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}; one of {DIMENSIONS}")
    return "unhcr_status" if name == "status" else name


def by_accommodation(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Active persons by accommodation type, largest first: columns accommodation, count."""
    return counts_by(session, filters=filters, scope=scope, dim="accommodation")


def age_band_of(year: int, birth_year: Any = Person.birth_year) -> Any:
    """CASE: the age band (AGE_BANDS) of a person in calendar year `year`, from `birth_year`
    (the persons' column, or the summary's).

    The age is `year - birth_year`, the same reckoning as the age-group filter."""
    age = literal(year) - birth_year
    return case(*((age <= high, band) for band, _, high in AGE_BANDS[:-1]), else_=AGE_BANDS[-1][0])


PROFILE_COLUMNS = ["table", "band", "sex", "count"]


def _sex_age_rows(session: Session, filters: Filters, scope: Scope) -> list[Any]:
    """The pyramid from the summary (by birth year and sex), banded in SQL."""
    pop = population(filters, scope, ("birth_year", "sex"))
    band = age_band_of(filters.reference_date().year, pop.c.birth_year).label("band")
    stmt = select(literal("sex_age"), band, pop.c.sex, func.sum(pop.c.n)).group_by(band, pop.c.sex)
    return list(session.execute(stmt).all())


def _waiting_rows(session: Session, filters: Filters, scope: Scope) -> list[Any]:
    """Asylum seekers by waiting band and refugees by stay band: the only part that needs the
    persons' own dates (registration, arrival), which no summary can hold for every day."""
    day = filters.reference_date()
    status = Person.unhcr_status
    in_months = tuple((b, years * 12) for b, years in REFUGEE_STAY_BANDS)
    table = case((status == "asylum_seeker", "wait"), else_="stay").label("table")
    band = case(
        (status == "refugee", _band_since(Person.arrival_date, day, in_months)),
        (or_(Person.registered_on.is_(None), Person.registered_on > day), WAIT_UNKNOWN),
        else_=_band_since(Person.registered_on, day, ASYLUM_WAIT_BANDS),
    ).label("band")
    # one pass over the table (or a region's index): active on a recent day is most persons,
    # and SQLite would otherwise look each of them up through the arrival-date index
    active = unindexed(active_on(day))
    stmt = (
        select(table, band, literal(None).label("sex"), func.count())
        .where(active, *person_conditions(filters, scope), status.in_(("asylum_seeker", "refugee")))
        .group_by(table, band)
    )
    return list(session.execute(stmt).all())


def profile(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """What the page's pyramid, waiting and stay tables (`sex_age_of`, `waiting_of`,
    `stay_of`) are made of, in one frame: columns table ('sex_age', 'wait' or 'stay'), band,
    sex (pyramid only), count. The pyramid is read from the summary (it holds the birth year);
    the waiting and stay bands count the active asylum seekers and refugees, by their dates.
    """
    rows = _sex_age_rows(session, filters, scope) + _waiting_rows(session, filters, scope)
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _counts(frame: pd.DataFrame, keys: list[str], names: list[str]) -> pd.DataFrame:
    out = frame.groupby(keys, sort=True)["count"].sum().reset_index()
    out.columns = [*names, "count"]
    return out.astype({"count": "int64"})


def sex_age_of(profile: pd.DataFrame) -> pd.DataFrame:
    """The population pyramid: columns band, sex, count (combinations with someone only)."""
    return _counts(profile[profile["table"] == "sex_age"], ["band", "sex"], ["band", "sex"])


def waiting_of(profile: pd.DataFrame) -> pd.DataFrame:
    """Active asylum seekers by time since UNHCR registration (`registered_on`) on the
    reference date: bands ASYLUM_WAIT_BANDS, or WAIT_UNKNOWN without a registration date (or
    with one after the reference date). Columns band, count (bands with nobody left out)."""
    return _counts(profile[profile["table"] == "wait"], ["band"], ["band"])


def stay_of(profile: pd.DataFrame) -> pd.DataFrame:
    """Active refugees by years in Indonesia since `arrival_date` on the reference date:
    bands REFUGEE_STAY_BANDS. Columns band, count (bands with nobody left out)."""
    return _counts(profile[profile["table"] == "stay"], ["band"], ["band"])


def by_sex_age(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    rows = _sex_age_rows(session, filters, scope)
    return sex_age_of(pd.DataFrame(rows, columns=PROFILE_COLUMNS))


def asylum_waiting(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    return waiting_of(pd.DataFrame(_waiting_rows(session, filters, scope), columns=PROFILE_COLUMNS))


def refugee_stay(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    return stay_of(pd.DataFrame(_waiting_rows(session, filters, scope), columns=PROFILE_COLUMNS))


def cross_counts(
    session: Session, *, filters: Filters, scope: Scope, rows: str, columns: str
) -> pd.DataFrame:
    """Active persons by two dimensions (DIMENSIONS): columns row, column, count (long form).

    `area` is the parts of the current region (provinces for the nation, kab/kota in a
    province, kecamatan in a kab/kota or kecamatan), as in `overview.by_area`."""
    pop = population(filters, scope, (_dimension(rows, filters), _dimension(columns, filters)))
    return pd.DataFrame(session.execute(select(*pop.c)).all(), columns=["row", "column", "count"])


def top_nationalities(
    session: Session, *, filters: Filters, scope: Scope, limit: int = 5
) -> list[str]:
    """The `limit` largest nationalities among active persons (ties by code)."""
    frame = counts_by(session, filters=filters, scope=scope, dim="nationality", limit=limit)
    return list(frame["nationality"])


def monthly_active_by(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    dimension: str,
    top: int = 5,
    months: int = 36,
) -> pd.DataFrame:
    """Active persons at the end of each of the last `months` months, by status or nationality.

    Built like `overview.monthly_trend` (`population.monthly_flows`); the groups of a month add
    up to its active total. For `dimension="nationality"` the `top` largest nationalities on
    the reference date each get a column (largest first) and the rest are summed as OTHERS
    (last); statuses come in the order of UNHCR_STATUSES. Index: the first day of each month."""
    if dimension not in ("status", "nationality"):
        raise ValueError(f"monthly_active_by: dimension {dimension!r}")
    column = "unhcr_status" if dimension == "status" else "nationality"
    flows = monthly_flows(session, filters=filters, scope=scope, months=months, group=column)
    if not flows["active"].any() and not flows["arrivals"].any():
        return pd.DataFrame(index=pd.Index([], name="month"))
    leaders: list[str] = []
    if dimension == "nationality":
        # the last month's active is the count on the reference date: top_nationalities's
        # ranking (largest first, ties by code), without reading the summary a second time
        now = flows[(flows["month"] == flows["month"].max()) & (flows["active"] > 0)]
        ranked = now.sort_values(["active", "group"], ascending=[False, True], kind="stable")
        leaders = list(ranked["group"][:top])
        flows["group"] = flows["group"].where(flows["group"].isin(leaders), OTHERS)
    active = flows.pivot_table(
        index="month", columns="group", values="active", aggfunc="sum", fill_value=0
    ).astype("int64")
    active.index = pd.to_datetime(pd.Series(active.index) + "-01").dt.date
    active.index.name = "month"
    active.columns.name = None
    order = UNHCR_STATUSES if dimension == "status" else (*leaders, OTHERS)
    return active[[c for c in order if c in active.columns]]


def _year(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y", column)
    return func.to_char(column, "YYYY")


def flows_by_reason(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    period: str = "month",
    months: int = 36,
    years: int = 10,
) -> pd.DataFrame:
    """Arrivals in Indonesia and departures by reason (DEPARTURES) per month or per year.

    Months: the last `months` up to the reference date; years: the last `years` calendar
    years up to it. Nothing after the reference date counts. Persons count in their current
    (or last) region, as in `overview.monthly_trend`. Columns: period (first day of the month
    or of the year), arrivals, then one column per departure reason."""
    if period not in PERIODS:
        raise ValueError(f"flows_by_reason: period {period!r}")
    end = filters.reference_date()
    if period == "month":
        start = months_before(end, months - 1).replace(day=1)
        index = [dt.date.fromisoformat(m + "-01") for m in month_labels(end, months)]
    else:
        start = dt.date(end.year - years + 1, 1, 1)
        index = [dt.date(y, 1, 1) for y in range(start.year, end.year + 1)]
    conds = person_conditions(filters, scope)

    def grouped(column: Any, *extra: ColumnElement[bool], reason: Any) -> list[Any]:
        key = (month_of if period == "month" else _year)(session, column).label("p")
        stmt = (
            select(key, reason, func.count())
            .where(*conds, column >= start, column <= end, *extra)
            .group_by(key, reason)
        )
        return list(session.execute(stmt).all())

    rows = grouped(Person.arrival_date, reason=literal("arrivals").label("reason"))
    rows += grouped(
        Person.lifecycle_date,
        Person.lifecycle != "active",
        reason=Person.lifecycle.label("reason"),
    )
    long = pd.DataFrame(rows, columns=["period", "reason", "n"])
    long["period"] = [
        dt.date.fromisoformat(p + "-01" if period == "month" else p + "-01-01")
        for p in long["period"]
    ]
    wide = long.pivot_table(
        index="period", columns="reason", values="n", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(index=index, columns=["arrivals", *DEPARTURES], fill_value=0)
    wide = wide.fillna(0).astype("int64")
    wide.index.name = "period"
    wide.columns.name = None
    return wide.reset_index()
