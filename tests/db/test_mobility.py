"""Mobility on the demo data, on SQLite and PostgreSQL.

1. The reads equal an independent count over the raw rows of `movements` and `persons`: the
   flow table, the net movement per area, the monthly moves and the arrival cohort, for random
   filters, scopes and dates.
2. For a protected audience the page's outputs (the origin–destination table with its margins,
   the corridors, the net movement, the breakdowns by nationality and status, the monthly
   moves, the cohort) show only published values, and the attacker of tests/attacker.py, given
   all of them together with the sums that hold between them, works out no count of 1–4.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

import pandas as pd
import pytest
from sqlalchemy import text as sql

from pora_dash.access.scope import Scope
from pora_dash.filters import AGE_BOUNDS, Filters
from pora_dash.present import mobility as present
from pora_dash.present.disclosure import Policy, text
from pora_dash.present.tables import TOTAL
from pora_dash.reads import mobility
from pora_dash.store import db
from tests import attacker
from tests.conftest import DEMO_AS_OF

PROTECTED = Policy(exact=False)
REGIONS = [None, "11", "12", "12.71", "31", "31.74", "32.01", "11.07", "31.74.01", "14.71"]
SCOPES = [
    Scope.national(),
    Scope.of(["31"]),
    Scope.of(["11", "12"]),
    Scope.of(["33.29"]),
    Scope.of(["31.74", "32.01"]),
]
NATIONALITIES = ["AFG", "MMR", "SOM", "IRQ", "PAK", "SDN"]


# --- the independent count ---------------------------------------------------------------


def _day(value: object) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Row:
    person: int
    move: int
    moved_on: dt.date
    origin: str | None
    destination: str  # kecamatan
    nationality: str
    status: str
    accommodation: str
    sex: str
    birth_year: int
    lifecycle: str
    left_on: dt.date | None


@pytest.fixture(scope="module")
def rows(demo: str) -> list[Row]:
    with db.get_engine(demo).connect() as conn:
        raw = conn.execute(
            sql(
                "SELECT p.id, m.id, m.moved_on, m.from_region_code, m.to_kecamatan_code, "
                "p.nationality, p.unhcr_status, p.accommodation, p.sex, p.birth_year, "
                "p.lifecycle, p.lifecycle_date FROM movements m JOIN persons p "
                "ON p.id = m.person_id"
            )
        ).all()
    return [
        Row(r[0], r[1], _day(r[2]), r[3], r[4], *r[5:11], _day(r[11]))  # type: ignore[arg-type]
        for r in raw
    ]


def person_ok(row: Row, f: Filters) -> bool:
    year = f.reference_date().year
    return (
        (not f.nationalities or row.nationality in f.nationalities)
        and (not f.statuses or row.status in f.statuses)
        and (not f.accommodations or row.accommodation in f.accommodations)
        and (not f.sexes or row.sex in f.sexes)
        and (
            not f.age_groups
            or any(
                year - AGE_BOUNDS[g][1] <= row.birth_year <= year - AGE_BOUNDS[g][0]
                for g in f.age_groups
            )
        )
    )


def area_of(code: str, region: str | None) -> str:
    """The area an end of a move counts in, written out level by level."""
    if region is None:
        return code[:2]
    if len(region) == 2:
        return code[:5] if code[:2] == region else code[:2]
    if len(region) == 5:
        if code[:5] == region:
            return code[:8]
        return code[:5] if code[:2] == region[:2] else code[:2]
    if code[:5] == region[:5]:
        return code[:8]
    return code[:5] if code[:2] == region[:2] else code[:2]


def touches(row: Row, code: str) -> bool:
    return row.destination.startswith(code) or (row.origin or "").startswith(code)


def moves_of(rows: list[Row], f: Filters, scope: Scope, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    for row in rows:
        if row.origin is None or not start < row.moved_on <= end or not person_ok(row, f):
            continue
        if f.wilayah and not touches(row, f.wilayah):
            continue
        if scope.codes is not None and not any(touches(row, c) for c in scope.codes):
            continue
        a, b = area_of(row.origin, f.wilayah), area_of(row.destination, f.wilayah)
        if a != b:
            yield row, a, b


def expected_flows(rows: list[Row], f: Filters, scope: Scope) -> Counter:
    end = f.reference_date()
    start = end - dt.timedelta(days=f.period_days)
    return Counter((a, b) for _, a, b in moves_of(rows, f, scope, start, end))


def expected_monthly(rows: list[Row], f: Filters, scope: Scope) -> dict[str, Counter]:
    end = f.reference_date()
    first = (pd.Period(end, "M") - 23).start_time.date()
    out: dict[str, Counter] = {}
    for row, _, _ in moves_of(rows, f, scope, first - dt.timedelta(days=1), end):
        if not f.wilayah:
            direction = "within"
        else:
            into = row.destination.startswith(f.wilayah)
            out_of = (row.origin or "").startswith(f.wilayah)
            direction = "within" if into and out_of else "inward" if into else "outward"
        out.setdefault(row.moved_on.strftime("%Y-%m"), Counter())[direction] += 1
    return out


def expected_cohort(
    rows: list[Row], f: Filters, scope: Scope, start: dt.date, end: dt.date
) -> Counter:
    day, region = f.reference_date(), f.wilayah
    members: dict[int, Row] = {}
    for row in rows:
        if not start <= row.moved_on <= end or not person_ok(row, f):
            continue
        if region:
            arrived = row.destination.startswith(region) and not (row.origin or "").startswith(
                region
            )
        else:
            arrived = row.origin is None
        if scope.codes is not None and not any(row.destination.startswith(c) for c in scope.codes):
            continue
        if arrived:
            members[row.person] = row
    last: dict[int, tuple[dt.date, int, str]] = {}
    for row in rows:
        if row.person in members and row.moved_on <= day:
            key = (row.moved_on, row.move, row.destination)
            last[row.person] = max(last.get(row.person, key), key)
    out: Counter = Counter()
    for person, row in members.items():
        if row.lifecycle != "active" and row.left_on is not None and row.left_on <= day:
            out[("departed", row.lifecycle)] += 1
            continue
        place = last[person][2]
        if region is None or place.startswith(region):
            out[("here", area_of(place, region))] += 1
        else:
            out[("moved", area_of(place, region))] += 1
    return out


def random_filters(rng: random.Random) -> tuple[Filters, Scope]:
    f = Filters(
        wilayah=rng.choice(REGIONS),
        nationalities=tuple(rng.sample(NATIONALITIES, rng.choice([0, 0, 1, 2]))),
        statuses=tuple(rng.sample(["refugee", "asylum_seeker"], rng.choice([0, 0, 1]))),
        sexes=tuple(rng.sample(["M", "F"], rng.choice([0, 0, 1]))),
        age_groups=tuple(rng.sample(["anak", "dewasa", "lansia"], rng.choice([0, 0, 1]))),
        as_of=DEMO_AS_OF - dt.timedelta(days=rng.choice([0, 0, 40, 400, 800])),
        period_days=rng.choice([30, 90, 180, 365]),
    )
    return f, rng.choice(SCOPES)


# --- 1. the reads against the independent count ------------------------------------------


def test_flows_net_and_months_match_the_rows(demo: str, rows: list[Row]) -> None:
    rng = random.Random(20)
    seen_flows = 0
    with db.session_scope(demo) as session:
        for _ in range(40):
            f, scope = random_filters(rng)
            got = mobility.flows(session, filters=f, scope=scope)
            want = expected_flows(rows, f, scope)
            pairs = Counter({(o, d): int(n) for o, d, n in got.itertuples(index=False)})
            assert pairs == want, (f, scope)
            seen_flows += sum(want.values())
            # net movement per area, as the exact table gives it
            shown = present.protect_flows(got, Policy(exact=True))
            net = {a: n for a, n in zip(shown.net()["area"], shown.net()["net"], strict=True)}
            for area in {a for pair in want for a in pair}:
                inward = sum(n for (_, b), n in want.items() if b == area)
                outward = sum(n for (a, _), n in want.items() if a == area)
                assert net[area] == inward - outward
            monthly = mobility.monthly_moves(session, filters=f, scope=scope)
            expected = expected_monthly(rows, f, scope)
            for m, inward, outward, within in monthly.itertuples(index=False):
                counts = expected.get(m, Counter())
                assert (inward, outward, within) == (
                    counts["inward"],
                    counts["outward"],
                    counts["within"],
                ), (m, f, scope)
            assert sum(c.total() for c in expected.values()) == int(
                monthly[["inward", "outward", "within"]].to_numpy().sum()
            )
    assert seen_flows > 100  # the filters drawn do reach the demo's moves


def test_breakdowns_add_up_to_the_flows(demo: str, rows: list[Row]) -> None:
    rng = random.Random(21)
    with db.session_scope(demo) as session:
        for _ in range(15):
            f, scope = random_filters(rng)
            want = expected_flows(rows, f, scope)
            for column in ("nationality", "unhcr_status"):
                got = mobility.flows_by(session, filters=f, scope=scope, column=column)
                assert int(got["n"].sum()) == sum(want.values())
            by_nat = mobility.flows_by(session, filters=f, scope=scope, column="nationality")
            end = f.reference_date()
            counted = Counter(
                row.nationality
                for row, _, _ in moves_of(
                    rows, f, scope, end - dt.timedelta(days=f.period_days), end
                )
            )
            assert dict(zip(by_nat["group"], by_nat["n"], strict=True)) == dict(counted)


def test_cohorts_match_the_rows(demo: str, rows: list[Row]) -> None:
    rng = random.Random(22)
    checked = 0
    with db.session_scope(demo) as session:
        for i in range(40):
            f, scope = random_filters(rng)
            first = dt.date(rng.choice([2019, 2022, 2023, 2024, 2025]), rng.randint(1, 12), 1)
            if i == 0:  # the boat landings in Aceh, unfiltered
                f, scope, first = Filters(wilayah="11"), Scope.national(), dt.date(2023, 11, 1)
            last = min(first + dt.timedelta(days=rng.choice([29, 90, 364])), f.reference_date())
            got = mobility.cohort(session, filters=f, scope=scope, start=first, end=last)
            want = expected_cohort(rows, f, scope, first, last)
            pairs = Counter({(o, d): int(n) for o, d, n in got.itertuples(index=False)})
            assert pairs == want, (f, scope, first, last)
            checked += sum(want.values())
    assert checked > 1000


def test_rohingya_landings_in_aceh_as_a_cohort(demo: str) -> None:
    """The demo's example: of those who landed in Aceh in November 2023, at the end of 2024
    most are still there, some moved on (to Medan, Pekanbaru, Jakarta), some left the records
    (most of those who moved on leave the records later)."""
    f = Filters(wilayah="11", as_of=dt.date(2024, 12, 31))
    with db.session_scope(demo) as session:
        got = mobility.cohort(
            session,
            filters=f,
            scope=Scope.national(),
            start=dt.date(2023, 11, 1),
            end=dt.date(2023, 11, 30),
        )
    by_outcome = got.groupby("outcome")["n"].sum().to_dict()
    assert by_outcome["here"] > by_outcome["moved"] > 0 and by_outcome["departed"] > 0
    moved_to = set(got.loc[got["outcome"] == "moved", "detail"])
    assert {"12", "14", "31"} <= moved_to  # Sumatera Utara, Riau, DKI Jakarta


def test_a_scoped_user_sees_only_moves_touching_their_scope(demo: str) -> None:
    brebes_and_jakarta = Scope.of(["31.74"])
    with db.session_scope(demo) as session:
        got = mobility.flows(
            session,
            filters=Filters(as_of=DEMO_AS_OF, period_days=365),
            scope=brebes_and_jakarta,
        )
        national = mobility.flows(
            session, filters=Filters(as_of=DEMO_AS_OF, period_days=365), scope=Scope.national()
        )
    assert int(got["n"].sum()) < int(national["n"].sum())
    assert set(got["origin"]) | set(got["destination"]) >= {"31"}


# --- 2. a protected audience --------------------------------------------------------------


def od_view(shown: present.Flows, exact: pd.DataFrame, tag: str) -> tuple[dict, dict, list]:
    """The origin–destination table as shown, with its margins and their sums."""
    true: dict[str, int] = {}
    seen: dict[str, str | None] = {}
    sums: list[attacker.Sum] = []
    table = present.od_table(exact)
    values = shown.table.values
    for r in table.index:
        for c in table.columns:
            name = f"{tag}:{r}>{c}"
            true[name] = int(table.loc[r, c])
            seen[name] = text(values.loc[r, c]) if shown.ok else None
    inner = [a for a in table.index if a != TOTAL]
    for a in inner:
        sums.append(([f"{tag}:{a}>{TOTAL}"], [f"{tag}:{a}>{b}" for b in inner]))
        sums.append(([f"{tag}:{TOTAL}>{a}"], [f"{tag}:{b}>{a}" for b in inner]))
    sums.append(([f"{tag}:{TOTAL}>{TOTAL}"], [f"{tag}:{a}>{TOTAL}" for a in inner]))
    sums.append(([f"{tag}:{TOTAL}>{TOTAL}"], [f"{tag}:{TOTAL}>{a}" for a in inner]))
    return true, seen, sums


def test_protected_mobility_outputs_reveal_no_small_count(demo: str) -> None:
    cases = [
        (Filters(as_of=DEMO_AS_OF, period_days=365), Scope.national()),
        (Filters(wilayah="11", as_of=DEMO_AS_OF, period_days=365), Scope.national()),
        (Filters(wilayah="31", as_of=DEMO_AS_OF, period_days=365), Scope.national()),
        (Filters(wilayah="12.71", as_of=DEMO_AS_OF, period_days=365), Scope.national()),
        (Filters(as_of=DEMO_AS_OF, period_days=90), Scope.of(["31"])),
        (Filters(wilayah="32.01", as_of=DEMO_AS_OF, period_days=180), Scope.national()),
    ]
    small_seen = 0
    with db.session_scope(demo) as session:
        for i, (f, scope) in enumerate(cases):
            tag = f"c{i}"
            flows = mobility.flows(session, filters=f, scope=scope)
            shown = present.protect_flows(flows, PROTECTED)
            true, seen, sums = od_view(shown, flows, tag)
            small_seen += sum(1 for n in true.values() if 0 < n < 5)
            # the corridors and the net movement repeat the table's published values
            for o, d, v, t in shown.corridors().itertuples(index=False):
                assert t == seen[f"{tag}:{o}>{d}"] and t == text(v)
            for row in shown.net().itertuples(index=False):
                assert row.inward_txt == seen[f"{tag}:{TOTAL}>{row.area}"]
                assert row.outward_txt == seen[f"{tag}:{row.area}>{TOTAL}"]
                if row.net is not None:
                    assert row.net == int(row.inward) - int(row.outward)
            total = int(flows["n"].sum())
            for column in ("nationality", "unhcr_status"):
                by = mobility.flows_by(session, filters=f, scope=scope, column=column)
                table = present.protect_breakdown(by, total, PROTECTED)
                parts = []
                for group, n in zip(by["group"], by["n"], strict=True):
                    name = f"{tag}:{column}:{group}"
                    parts.append(name)
                    true[name] = int(n)
                    seen[name] = text(table.values.loc[group, "count"]) if table.ok else None
                sums.append(([f"{tag}:{TOTAL}>{TOTAL}"], parts))
            monthly = mobility.monthly_moves(session, filters=f, scope=scope)
            months = present.protect_monthly(monthly, PROTECTED)
            for m, *counts in monthly.itertuples(index=False):
                names = []
                for direction, n in zip(present.DIRECTIONS, counts, strict=True):
                    name = f"{tag}:month:{m}:{direction}"
                    names.append(name)
                    true[name] = int(n)
                    seen[name] = text(months.values.loc[m, direction]) if months.ok else None
                true[f"{tag}:month:{m}"] = int(sum(counts))
                seen[f"{tag}:month:{m}"] = text(months.values.loc[m, TOTAL]) if months.ok else None
                sums.append(([f"{tag}:month:{m}"], names))
            cohort = mobility.cohort(
                session,
                filters=f,
                scope=scope,
                start=dt.date(2023, 11, 1),
                end=dt.date(2024, 1, 31),
            )
            published = present.protect_cohort(cohort, PROTECTED)
            true[f"{tag}:cohort"] = int(cohort["n"].sum())
            seen[f"{tag}:cohort"] = text(published.total)
            outcome_names = []
            for outcome in present.OUTCOMES:
                rows_of = cohort[cohort["outcome"] == outcome]
                name = f"{tag}:cohort:{outcome}"
                outcome_names.append(name)
                true[name] = int(rows_of["n"].sum())
                seen[name] = text(published.outcomes[outcome]) if published.ok else None
                details = []
                for detail, n in zip(rows_of["detail"], rows_of["n"], strict=True):
                    d_name = f"{name}:{detail}"
                    details.append(d_name)
                    true[d_name] = int(n)
                    match = published.details[
                        (published.details["outcome"] == outcome)
                        & (published.details["detail"] == detail)
                    ]
                    seen[d_name] = match["text"].iloc[0] if published.ok else None
                sums.append(([name], details))
            sums.append(([f"{tag}:cohort"], outcome_names))
            small_seen += sum(1 for n in cohort["n"] if 0 < n < 5)
            assert attacker.leaks(true, seen, sums) == {}, f
    assert small_seen > 5  # the cases hold small counts to protect


def test_the_exact_table_is_the_reads_own(demo: str) -> None:
    """A team member's screen shows the counts as they are."""
    f = Filters(wilayah="11", as_of=DEMO_AS_OF, period_days=365)
    with db.session_scope(demo) as session:
        flows = mobility.flows(session, filters=f, scope=Scope.national())
    shown = present.protect_flows(flows, Policy(exact=True))
    corridors = shown.corridors()
    assert sorted(corridors["value"], reverse=True) == list(corridors["value"])
    assert int(shown.total or 0) == int(flows["n"].sum())
