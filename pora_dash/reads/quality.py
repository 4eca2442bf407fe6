"""Data quality of the persons of concern, in the user's scope, aggregated in SQL.

- completeness: the share of active persons with each optional field filled, overall and by
  source agency;
- not verified: active persons whose last verification is older than `STALE_DAYS` (or never),
  by kab/kota;
- likely duplicates across sources: the same case (household) number from different source
  agencies, or the same nationality, birth year, sex and kecamatan from different agencies;
- places without a boundary: kecamatan holding persons for which data/ has no boundary (the
  map cannot show them);
- recent imports: who, when, what, how many rows added, updated, unchanged, refused.

Only active persons count (those the dashboard shows today).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Integer, case, func, or_, select, tuple_
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.reads.sql import in_scope
from pora_dash.store.models import Agency, ImportRecord, Person, PersonCount

STALE_DAYS = 180
GROUP_LIMIT = 200
# optional fields whose completeness is measured ("site_or_desa": placed more precisely than
# the kecamatan, by a site or a desa code)
FIELDS = (
    "full_name",
    "document_number",
    "case_number",
    "registered_on",
    "last_verified_on",
    "site_or_desa",
)


def active_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    return [Person.lifecycle == "active", in_scope(Person, scope)]


def _filled_columns() -> list[ColumnElement[int]]:
    out: list[ColumnElement[int]] = []
    for name in FIELDS:
        if name == "site_or_desa":
            expr = case(
                (or_(Person.site_id.is_not(None), func.length(Person.region_code) > 8), 1),
                else_=0,
            )
            out.append(func.coalesce(func.sum(expr), 0).cast(Integer).label(name))
        else:
            out.append(func.count(getattr(Person, name)).label(name))
    return out


def completeness(session: Session, *, scope: Scope) -> tuple[int, dict[str, int]]:
    """How many active persons, and how many have each field filled."""
    return totals(completeness_by_agency(session, scope=scope))


def totals(by_agency: pd.DataFrame) -> tuple[int, dict[str, int]]:
    """The sum over agencies of `completeness_by_agency`: every person has one source."""
    return int(by_agency["total"].sum()), {f: int(by_agency[f].sum()) for f in FIELDS}


def completeness_by_agency(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Per source agency: active persons and how many have each field filled."""
    stmt = (
        select(Agency.code, Agency.name, func.count().label("total"), *_filled_columns())
        .join(Agency, Agency.id == Person.source_agency_id)
        .where(*active_conditions(scope))
        .group_by(Agency.code, Agency.name)
        .order_by(func.count().desc())
    )
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["code", "name", "total", *FIELDS])


def stale_cutoff(today: dt.date | None = None) -> dt.date:
    return (today or clock.today()) - dt.timedelta(days=STALE_DAYS)


def unverified_condition(today: dt.date | None = None) -> ColumnElement[bool]:
    """Never verified, or verified before the cutoff."""
    return or_(Person.last_verified_on.is_(None), Person.last_verified_on < stale_cutoff(today))


def not_verified(session: Session, *, scope: Scope, today: dt.date | None = None) -> pd.DataFrame:
    """Per kab/kota: active persons not verified for more than STALE_DAYS (or never)."""
    never = func.coalesce(func.sum(case((Person.last_verified_on.is_(None), 1), else_=0)), 0)
    stmt = (
        select(
            Person.kabkota_code,
            func.count().label("count"),
            never.label("never"),
            func.min(Person.last_verified_on).label("oldest"),
        )
        .where(*active_conditions(scope), unverified_condition(today))
        .group_by(Person.kabkota_code)
        .order_by(func.count().desc(), Person.kabkota_code)
    )
    rows = session.execute(stmt).all()
    return pd.DataFrame(
        [(r.kabkota_code, int(r[1]), int(r.never), r.oldest) for r in rows],
        columns=["kabkota_code", "count", "never", "oldest"],
    )


def duplicate_cases(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Case (household) numbers found in the lists of more than one source agency."""
    stmt = (
        select(
            Person.case_number,
            func.count(func.distinct(Person.source_agency_id)).label("agencies"),
            func.count().label("persons"),
            func.min(Person.kabkota_code).label("kabkota_code"),
        )
        .where(*active_conditions(scope), Person.case_number.is_not(None))
        .group_by(Person.case_number)
        .having(func.count(func.distinct(Person.source_agency_id)) > 1)
        .order_by(func.count().desc(), Person.case_number)
        .limit(GROUP_LIMIT)
    )
    rows = session.execute(stmt).all()
    ids: dict[str, list[int]] = {}
    sources: dict[str, set[str]] = {}
    cases = [r.case_number for r in rows]
    for start in range(0, len(cases), 500):
        chunk = cases[start : start + 500]
        for pid, case_number, agency in session.execute(
            select(Person.id, Person.case_number, Agency.code)
            .join(Agency, Agency.id == Person.source_agency_id)
            .where(*active_conditions(scope), Person.case_number.in_(chunk))
            .order_by(Person.id)
        ):
            ids.setdefault(str(case_number), []).append(int(pid))
            sources.setdefault(str(case_number), set()).add(agency)
    return pd.DataFrame(
        [
            (
                r.case_number,
                int(r.agencies),
                ", ".join(sorted(sources.get(r.case_number, ()))),
                int(r.persons),
                r.kabkota_code,
                ids.get(r.case_number, []),
            )
            for r in rows
        ],
        columns=["case_number", "agencies", "agency_codes", "persons", "kabkota_code", "ids"],
    )


_TWIN_KEY = (Person.nationality, Person.birth_year, Person.sex, Person.kecamatan_code)


def duplicate_profiles(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Same nationality, birth year, sex and kecamatan in the lists of different agencies."""
    agencies = func.count(func.distinct(Person.source_agency_id))
    stmt = (
        select(*_TWIN_KEY, agencies.label("agencies"), func.count().label("persons"))
        .where(*active_conditions(scope))
        .group_by(*_TWIN_KEY)
        .having(agencies > 1)
        .order_by(Person.kecamatan_code, Person.nationality, Person.birth_year, Person.sex)
        .limit(GROUP_LIMIT)
    )
    rows = session.execute(stmt).all()
    keys = [(r.nationality, r.birth_year, r.sex, r.kecamatan_code) for r in rows]
    ids: dict[tuple, list[int]] = {}
    sources: dict[tuple, set[str]] = {}
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        for pid, agency, *key in session.execute(
            select(Person.id, Agency.code, *_TWIN_KEY)
            .join(Agency, Agency.id == Person.source_agency_id)
            .where(*active_conditions(scope), tuple_(*_TWIN_KEY).in_(chunk))
            .order_by(Person.id)
        ):
            ids.setdefault(tuple(key), []).append(int(pid))
            sources.setdefault(tuple(key), set()).add(agency)
    return pd.DataFrame(
        [
            (
                *k,
                int(r.agencies),
                ", ".join(sorted(sources.get(k, ()))),
                int(r.persons),
                ids.get(k, []),
            )
            for k, r in zip(keys, rows, strict=True)
        ],
        columns=[
            "nationality",
            "birth_year",
            "sex",
            "kecamatan_code",
            "agencies",
            "agency_codes",
            "persons",
            "ids",
        ],
    )


def without_boundary(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Kecamatan with active persons but no boundary in data/ (the map cannot draw them)."""
    n = func.sum(PersonCount.n)
    rows = session.execute(  # the summary kept by triggers: active persons by kecamatan
        select(PersonCount.kecamatan_code, n)
        .where(in_scope(PersonCount, scope))
        .group_by(PersonCount.kecamatan_code)
        .having(n > 0)
        .order_by(PersonCount.kecamatan_code)
    ).all()
    known = reference.boundaries("kecamatan")
    missing = [(code, int(n)) for code, n in rows if code not in known]
    return pd.DataFrame(missing, columns=["kecamatan_code", "count"])


def recent_imports(
    session: Session, *, scope: Scope, username: str, limit: int = 30
) -> pd.DataFrame:
    """The latest imports: all of them for national users, one's own otherwise (an import
    carries no region of its own)."""
    conds = [] if scope.is_national else [ImportRecord.username == username]
    stmt = (
        select(
            ImportRecord.at,
            ImportRecord.username,
            ImportRecord.kind,
            ImportRecord.file_name,
            ImportRecord.status,
            ImportRecord.rows_total,
            ImportRecord.added,
            ImportRecord.updated,
            ImportRecord.unchanged,
            ImportRecord.refused,
        )
        .where(*conds)
        .order_by(ImportRecord.at.desc(), ImportRecord.id.desc())
        .limit(limit)
    )
    return pd.DataFrame(
        session.execute(stmt).all(),
        columns=[
            "at",
            "username",
            "kind",
            "file_name",
            "status",
            "rows_total",
            "added",
            "updated",
            "unchanged",
            "refused",
        ],
    )


def record_conditions(check: str | None, ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """Extra conditions of the person records page for a quality problem's link."""
    conds: list[ColumnElement[bool]] = []
    if ids:
        conds.append(Person.id.in_(list(ids)))
    if check == "verifikasi":
        conds.append(unverified_condition())
    return conds
