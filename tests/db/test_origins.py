"""The "Asal & status" page: its reads against hand-written SQL over `persons` on the demo data,
its tables under the disclosure rule, and the page itself through AppTest (figures, downloads, empty
filters, scope)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections import Counter

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters, from_query_params
from pora_dash.i18n import country_name, fmt_int, t
from pora_dash.present import tables
from pora_dash.present.disclosure import SMALL, Policy, publish
from pora_dash.reads import origins, overview
from pora_dash.store import db
from pora_dash.store.models import DEPARTURES, UNHCR_STATUSES
from tests import fixtures
from tests.apptest import APP, open_page, signed_in
from tests.conftest import DEMO_AS_OF
from tests.fixtures import person

NATION = Scope.national()
PROTECTED = Policy(exact=False)
BREBES = Scope.of(["33.29"])
ACTIVE = "arrival_date <= :d AND (lifecycle = 'active' OR lifecycle_date > :d)"
LEVEL_COLUMN = {1: "province_code", 2: "kabkota_code", 3: "kecamatan_code"}

# URL parameters of a filter -> the same filter written by hand in SQL
CASES = {
    "nation": ({}, ""),
    "jakarta": ({"wilayah": "31"}, "AND province_code = '31'"),
    "brebes": ({"wilayah": "33.29"}, "AND kabkota_code = '33.29'"),
    "sirampog": ({"wilayah": "33.29.05"}, "AND kecamatan_code = '33.29.05'"),
    "afg_asylum": (
        {"wn": "AFG", "status": "asylum_seeker"},
        "AND nationality = 'AFG' AND unhcr_status = 'asylum_seeker'",
    ),
    "jakarta_afg_asylum": (
        {"wilayah": "31", "wn": "AFG", "status": "asylum_seeker"},
        "AND province_code = '31' AND nationality = 'AFG' AND unhcr_status = 'asylum_seeker'",
    ),
}
# the parts of each region, as the cross-table by region splits it
PART_COLUMN = {
    "nation": "province_code",
    "jakarta": "kabkota_code",
    "brebes": "kecamatan_code",
    "sirampog": "kecamatan_code",
    "afg_asylum": "province_code",
    "jakarta_afg_asylum": "kabkota_code",
}
# age bands written out again, independently of origins.AGE_BANDS
BANDS = [(0, 4), (5, 11), (12, 17), (18, 24), (25, 34), (35, 44), (45, 59), (60, 999)]


def band_of(age: int) -> str:
    low, high = next(b for b in BANDS if b[0] <= age <= b[1])
    return f"{low}-{high}" if high < 999 else "60+"


def sql(url: str, query: str, **params: object) -> list[tuple]:
    with db.session_scope(url) as session:
        return [tuple(r) for r in session.execute(text(query), {"d": DEMO_AS_OF, **params})]


def active_sql(url: str, case: str, select: str, group: str = "", extra: str = "") -> list[tuple]:
    where = CASES[case][1]
    query = f"SELECT {select} FROM persons WHERE {ACTIVE} {where} {extra} {group}"  # noqa: S608
    return sql(url, query)


def read(url: str, name: str, case: str, scope: Scope = NATION, **extra: object):  # type: ignore[no-untyped-def]
    filters = from_query_params(CASES[case][0])[0]
    with db.session_scope(url) as session:
        fn = getattr(origins, name, None) or getattr(overview, name)
        return fn(session, filters=filters, scope=scope, **extra)


# --- the reads, against SQL over persons ----------------------------------------------------

ALL = list(CASES)


@pytest.mark.parametrize("case", ALL)
def test_by_accommodation_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "by_accommodation", case)
    expected = active_sql(demo_db, case, "accommodation, count(*)", "GROUP BY accommodation")
    assert dict(zip(got["accommodation"], got["count"], strict=True)) == dict(expected)
    assert list(got["count"]) == sorted(got["count"], reverse=True)


@pytest.mark.parametrize("case", ALL)
def test_pyramid_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "by_sex_age", case)
    rows = sql(
        demo_db,
        f"SELECT sex, {DEMO_AS_OF.year} - birth_year AS age, count(*) FROM persons "  # noqa: S608
        f"WHERE {ACTIVE} {CASES[case][1]} GROUP BY sex, age",
    )
    expected: Counter[tuple[str, str]] = Counter()
    for sex, age, n in rows:
        expected[(band_of(age), sex)] += n
    assert {(b, s): n for b, s, n in got.itertuples(index=False)} == dict(expected)


@pytest.mark.parametrize("case", ALL)
def test_nationality_by_status_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "cross_counts", case, rows="nationality", columns="status")
    expected = active_sql(
        demo_db, case, "nationality, unhcr_status, count(*)", "GROUP BY nationality, unhcr_status"
    )
    assert sorted(got.itertuples(index=False, name=None)) == sorted(expected)


@pytest.mark.parametrize("case", ALL)
def test_area_by_status_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "cross_counts", case, rows="area", columns="status")
    part = PART_COLUMN[case]
    expected = active_sql(
        demo_db, case, f"{part}, unhcr_status, count(*)", f"GROUP BY {part}, unhcr_status"
    )
    assert sorted(got.itertuples(index=False, name=None)) == sorted(expected)


def month_ends(end: dt.date, months: int = 36) -> list[dt.date]:
    firsts = pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")
    return [p.end_time.date() for p in firsts]


@pytest.mark.parametrize("case", ["nation", "brebes", "jakarta_afg_asylum"])
def test_monthly_active_by_status_equals_sql_every_month(demo_db: str, case: str) -> None:
    got = read(demo_db, "monthly_active_by", case, dimension="status")
    assert len(got) == 36 and got.index[-1] == dt.date(2026, 11, 1)
    for first, end in zip(got.index, month_ends(DEMO_AS_OF), strict=True):
        assert first == end.replace(day=1)
        rows = sql(
            demo_db,
            "SELECT unhcr_status, count(*) FROM persons WHERE arrival_date <= :e "  # noqa: S608
            f"AND (lifecycle = 'active' OR lifecycle_date > :e) {CASES[case][1]} "
            "GROUP BY unhcr_status",
            e=end,
        )
        shown = {k: int(v) for k, v in got.loc[first].items() if v}
        assert shown == dict(rows), end


@pytest.mark.parametrize("case", ["nation", "jakarta"])
def test_monthly_active_by_nationality_is_top_five_and_the_rest(demo_db: str, case: str) -> None:
    got = read(demo_db, "monthly_active_by", case, dimension="nationality")
    top = [
        code
        for code, _ in active_sql(
            demo_db,
            case,
            "nationality, count(*) AS n",
            "GROUP BY nationality ORDER BY n DESC, nationality LIMIT 5",
        )
    ]
    assert list(got.columns) == [*top, origins.OTHERS]
    trend = read(demo_db, "monthly_trend", case).set_index("month")
    assert (got.sum(axis=1) == trend["active"]).all()  # the groups add up to the active total
    end = month_ends(DEMO_AS_OF)[-13]  # a year before the last month
    rows = sql(
        demo_db,
        "SELECT nationality, count(*) FROM persons WHERE arrival_date <= :e "  # noqa: S608
        f"AND (lifecycle = 'active' OR lifecycle_date > :e) {CASES[case][1]} GROUP BY nationality",
        e=end,
    )
    counts = dict(rows)
    row = got.loc[end.replace(day=1)]
    assert {c: int(row[c]) for c in top} == {c: counts.get(c, 0) for c in top}
    assert int(row[origins.OTHERS]) == sum(n for c, n in counts.items() if c not in top)


@pytest.mark.parametrize("case", ["nation", "jakarta", "afg_asylum"])
@pytest.mark.parametrize("period", ["month", "year"])
def test_flows_by_reason_equal_sql(demo_db: str, case: str, period: str) -> None:
    got = read(demo_db, "flows_by_reason", case, period=period).set_index("period")
    fmt = "%Y-%m" if period == "month" else "%Y"
    start = dt.date(2023, 12, 1) if period == "month" else dt.date(2017, 1, 1)
    assert got.index[0] == start and len(got) == (36 if period == "month" else 10)
    where = f"{CASES[case][1]} AND {{col}} BETWEEN :s AND :d"
    arrivals = dict(
        sql(
            demo_db,
            f"SELECT strftime('{fmt}', arrival_date) AS p, count(*) FROM persons "  # noqa: S608
            f"WHERE 1 = 1 {where.format(col='arrival_date')} GROUP BY p",
            s=start,
        )
    )
    departures = sql(
        demo_db,
        f"SELECT strftime('{fmt}', lifecycle_date) AS p, lifecycle, count(*) "  # noqa: S608
        f"FROM persons WHERE lifecycle <> 'active' {where.format(col='lifecycle_date')} "
        "GROUP BY p, lifecycle",
        s=start,
    )
    key = [d.strftime(fmt) for d in got.index]
    assert list(got["arrivals"]) == [arrivals.get(k, 0) for k in key]
    for reason in DEPARTURES:
        by_period = {p: n for p, r, n in departures if r == reason}
        assert list(got[reason]) == [by_period.get(k, 0) for k in key], reason


@pytest.mark.parametrize("case", ALL)
def test_asylum_waiting_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "asylum_waiting", case)
    band = (
        "CASE WHEN registered_on IS NULL OR registered_on > :d THEN 'unknown' "
        "WHEN registered_on <= date(:d, '-5 years') THEN '5y_plus' "
        "WHEN registered_on <= date(:d, '-2 years') THEN '2_5y' "
        "WHEN registered_on <= date(:d, '-1 years') THEN '1_2y' "
        "WHEN registered_on <= date(:d, '-6 months') THEN '6_12m' ELSE 'lt6m' END"
    )
    expected = active_sql(
        demo_db, case, f"{band} AS b, count(*)", "GROUP BY b", "AND unhcr_status = 'asylum_seeker'"
    )
    assert dict(zip(got["band"], got["count"], strict=True)) == dict(expected)


@pytest.mark.parametrize("case", ALL)
def test_refugee_stay_equals_sql(demo_db: str, case: str) -> None:
    got = read(demo_db, "refugee_stay", case)
    band = (
        "CASE WHEN arrival_date <= date(:d, '-10 years') THEN '10y_plus' "
        "WHEN arrival_date <= date(:d, '-5 years') THEN '5_10y' "
        "WHEN arrival_date <= date(:d, '-2 years') THEN '2_5y' ELSE 'lt2y' END"
    )
    expected = active_sql(
        demo_db, case, f"{band} AS b, count(*)", "GROUP BY b", "AND unhcr_status = 'refugee'"
    )
    assert dict(zip(got["band"], got["count"], strict=True)) == dict(expected)
    assert (
        sum(got["count"])
        == active_sql(demo_db, case, "count(*)", extra="AND unhcr_status = 'refugee'")[0][0]
    )


READS: list[tuple[str, dict]] = [
    ("by_accommodation", {}),
    ("by_sex_age", {}),
    ("cross_counts", {"rows": "nationality", "columns": "status"}),
    ("cross_counts", {"rows": "accommodation", "columns": "status"}),
    ("asylum_waiting", {}),
    ("refugee_stay", {}),
]


@pytest.mark.parametrize(("name", "extra"), READS)
def test_a_brebes_user_reads_nothing_of_jakarta(demo_db: str, name: str, extra: dict) -> None:
    assert read(demo_db, name, "jakarta", BREBES, **extra)["count"].sum() == 0
    own = read(demo_db, name, "brebes", NATION, **extra)
    assert read(demo_db, name, "nation", BREBES, **extra).equals(own)


def test_a_brebes_user_sees_only_jawa_tengah_among_provinces(demo_db: str) -> None:
    areas = read(demo_db, "cross_counts", "nation", BREBES, rows="area", columns="status")
    assert set(areas["row"]) == {"33"} and areas["count"].sum() == 3


def test_trends_of_a_brebes_user_stay_in_brebes(demo_db: str) -> None:
    assert read(demo_db, "monthly_active_by", "jakarta", BREBES, dimension="status").empty
    flows = read(demo_db, "flows_by_reason", "jakarta", BREBES, period="year")
    assert flows.drop(columns="period").to_numpy().sum() == 0
    assert read(demo_db, "top_nationalities", "nation", BREBES) == ["PSE"]


def test_unknown_dimensions_are_refused(demo_db: str) -> None:
    with pytest.raises(ValueError):
        read(demo_db, "cross_counts", "nation", rows="full_name", columns="status")
    with pytest.raises(ValueError):
        read(demo_db, "flows_by_reason", "nation", period="week")


# --- both databases: dates, months and years in each dialect --------------------------------


@pytest.fixture
def world(any_db: str) -> str:
    """Sirampog and Jakarta by hand: who waits how long, who arrived and left when."""
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        people = [
            person("A1", "33.29.05", nationality="PSE", arrival=dt.date(2014, 3, 1)),  # 12 y
            person("A2", "33.29.05", nationality="PSE", arrival=dt.date(2021, 11, 22)),  # 5 y
            person("A3", "31.71.06", arrival=dt.date(2025, 6, 1), sex="F", birth_year=2024),
            person("W1", "31.71.06", status="asylum_seeker", arrival=dt.date(2019, 1, 5)),
            person("W2", "31.71.06", status="asylum_seeker", arrival=dt.date(2026, 1, 5)),
            person("W3", "31.75.04", status="asylum_seeker", arrival=dt.date(2024, 1, 5)),
            person(
                "L1",
                "31.75.04",
                arrival=dt.date(2024, 2, 10),
                lifecycle="resettled",
                left=dt.date(2026, 10, 3),
            ),
        ]
        people[3].registered_on = dt.date(2021, 11, 22)  # exactly 5 years: "5+"
        people[4].registered_on = dt.date(2026, 5, 23)  # 5 months 30 days: "< 6 months"
        session.add_all(people)
    return any_db


def _world(url: str, name: str, filters: Filters | None = None, **extra: object):  # type: ignore[no-untyped-def]
    with db.session_scope(url) as session:
        fn = getattr(origins, name, None) or getattr(overview, name)
        return fn(session, filters=filters or Filters(), scope=NATION, **extra)


def test_bands_on_both_databases(world: str) -> None:
    waiting = _world(world, "asylum_waiting")
    assert dict(zip(waiting["band"], waiting["count"], strict=True)) == {
        "5y_plus": 1,
        "lt6m": 1,
        "unknown": 1,
    }
    stay = _world(world, "refugee_stay")
    assert dict(zip(stay["band"], stay["count"], strict=True)) == {
        "10y_plus": 1,
        "5_10y": 1,
        "lt2y": 1,
    }
    pyramid = _world(world, "by_sex_age")
    assert {(b, s): n for b, s, n in pyramid.itertuples(index=False)} == {
        ("35-44", "M"): 5,
        ("0-4", "F"): 1,
    }


def test_months_and_years_on_both_databases(world: str) -> None:
    monthly = _world(world, "monthly_active_by", dimension="status")
    assert monthly.loc[dt.date(2026, 9, 1)].to_dict() == {"refugee": 4, "asylum_seeker": 3}
    assert monthly.loc[dt.date(2026, 10, 1)].to_dict() == {"refugee": 3, "asylum_seeker": 3}
    yearly = _world(world, "flows_by_reason", period="year").set_index("period")
    assert yearly.loc[dt.date(2024, 1, 1), "arrivals"] == 2
    assert yearly.loc[dt.date(2026, 1, 1)].to_dict() == {
        "arrivals": 1,
        "resettled": 1,
        "voluntary_return": 0,
        "moved": 0,
        "deceased": 0,
        "unknown": 0,
    }
    months = _world(world, "flows_by_reason", period="month").set_index("period")
    assert months.loc[dt.date(2026, 10, 1), "resettled"] == 1
    assert months["arrivals"].sum() == 4  # 2024-01, 2024-02, 2025-06, 2026-01


def test_a_reference_date_in_the_past_counts_nothing_after_it(world: str) -> None:
    before = Filters(as_of=dt.date(2026, 9, 30))
    months = _world(world, "flows_by_reason", before, period="month").set_index("period")
    assert months["resettled"].sum() == 0 and months.index[-1] == dt.date(2026, 9, 1)
    waiting = _world(world, "asylum_waiting", before)  # W1: 4 years 10 months by then
    assert dict(zip(waiting["band"], waiting["count"], strict=True)) == {
        "2_5y": 1,
        "lt6m": 1,
        "unknown": 1,
    }


# --- cross-tables under the disclosure rule ------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    )
)
def test_a_protected_table_rounds_every_entry_and_its_totals_on_their_own(
    rows: list[list[int]],
) -> None:
    table = tables.with_totals(pd.DataFrame(rows, columns=["a", "b", "c"]))
    shown = tables.protect(table, PROTECTED)
    grand = int(table.loc[tables.TOTAL, tables.TOTAL])
    if not shown.ok:  # too few people, or the table would give a small count back
        assert (
            shown.withheld == "too_few"
            and (publish(grand) or 0) < 20
            or (shown.withheld == "would_reveal")
        )
        return
    expected = table.map(lambda n: publish(int(n)))
    assert shown.values.equals(expected.astype(object))
    assert shown.values.loc[tables.TOTAL, tables.TOTAL] == publish(grand)  # not a sum of parts


def test_small_counts_in_a_table_are_drawn_as_unknown_never_as_numbers() -> None:
    table = tables.counts_table(
        pd.DataFrame({"s": ["x", "y", "z"], "count": [2, 50, 7]}), "s", ("x", "y", "z", "w")
    )
    data = tables.chart_data(tables.protect(table, PROTECTED), "id")
    assert dict(zip(data["row"], data["value"], strict=True)) == {
        "x": None,
        "y": 50,
        "z": 5,
        "w": 0,
    }
    assert dict(zip(data["row"], data["text"], strict=True))["x"] == "<5"


# --- the page, through AppTest ------------------------------------------------------------------

COUNT, TOTAL, CODE, NAT = t("col.count"), t("origins.total"), t("col.code"), t("col.nationality")
TAB = {name: t(f"origins.tab.{name}") for name in ("composition", "crosstab", "trends", "waiting")}


def page_as(url: str, username: str, params: dict | None = None, tab: str = "composition"):  # type: ignore[no-untyped-def]
    """The real app (app.py) on /asal as `username`, with one tab open (only it runs)."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.session_state["signed_in"] = signed_in(url, username)
    at.session_state["last_seen"] = time.monotonic()
    at.session_state["asal_tab"] = TAB[tab]
    for key, value in (params or {}).items():
        at.query_params[key] = value
    open_page(at, "app_pages/origins.py")
    return at.run()


def shown(element) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """A table as the page shows it: the display strings ("12.295", "<5")."""
    data = element.proto.arrow_data.styler.display_values
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data).astype(str)


def table_with(at, *columns: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The one shown table whose columns start with `columns`."""
    found = [shown(d) for d in at.dataframe if list(d.value.columns[: len(columns)]) == [*columns]]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def counts(table: pd.DataFrame, key: str, value: str = COUNT) -> dict[str, str]:
    return dict(zip(table[key], table[value], strict=True))


def expected(rows: list[tuple], label=str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {label(k): fmt_int(n) for k, n in rows}


PAGE_CASES = ["nation", "jakarta", "brebes", "sirampog", "afg_asylum"]


@pytest.mark.parametrize("case", PAGE_CASES)
def test_composition_shows_the_sql_counts(demo_db: str, use_db, case: str) -> None:
    use_db(demo_db)
    at = page_as(demo_db, "admin", CASES[case][0])
    assert not at.exception
    total = active_sql(demo_db, case, "count(*)")[0][0]
    nat = table_with(at, NAT, CODE, COUNT)
    by_code = dict(zip(nat[CODE], nat[COUNT], strict=True))
    assert by_code.pop("") == fmt_int(total)  # the total row
    assert by_code == expected(active_sql(demo_db, case, "nationality, count(*)", "GROUP BY 1"))
    assert nat[NAT].iloc[0] == country_name(nat[CODE].iloc[0], "id")
    status = counts(table_with(at, t("filter.status"), COUNT), t("filter.status"))
    rows = active_sql(demo_db, case, "unhcr_status, count(*)", "GROUP BY 1")
    sql_status = expected(rows, lambda s: t(f"status.{s}"))
    assert status == {
        t(f"status.{s}"): sql_status.get(t(f"status.{s}"), "0") for s in UNHCR_STATUSES
    } | {TOTAL: fmt_int(total)}
    acc = counts(table_with(at, t("filter.accommodation"), COUNT), t("filter.accommodation"))
    rows = active_sql(demo_db, case, "accommodation, count(*)", "GROUP BY 1")
    assert {k: v for k, v in acc.items() if v != "0"} == expected(
        rows, lambda a: t(f"accommodation.{a}")
    ) | {TOTAL: fmt_int(total)}
    pyramid = table_with(at, t("origins.age_band"))
    ages = sql(
        demo_db,
        f"SELECT sex, {DEMO_AS_OF.year} - birth_year AS age, count(*) FROM persons "  # noqa: S608
        f"WHERE {ACTIVE} {CASES[case][1]} GROUP BY sex, age",
    )
    by_band: Counter[tuple[str, str]] = Counter()
    for sex, age, n in ages:
        by_band[(band_of(age).replace("-", "–"), t(f"sex.{sex}"))] += n
    for _, row in pyramid.iterrows():
        if row.iloc[0] != TOTAL:
            for sex in ("M", "F"):
                label = t(f"sex.{sex}")
                assert row[label] == fmt_int(by_band[(row.iloc[0], label)]), (row, sex)
    assert pyramid.iloc[-1].tolist()[-1] == fmt_int(total)
    assert len(at.get("vega_lite_chart")) == 4  # nationality, status, accommodation, pyramid


@pytest.mark.parametrize("case", ["nation", "jakarta", "brebes", "afg_asylum"])
def test_cross_tables_show_the_sql_counts_with_totals(demo_db: str, use_db, case: str) -> None:
    use_db(demo_db)
    at = page_as(demo_db, "admin", CASES[case][0], tab="crosstab")
    assert not at.exception
    statuses = [t(f"status.{s}") for s in UNHCR_STATUSES]
    nat = table_with(at, NAT, CODE).set_index(CODE)
    rows = active_sql(demo_db, case, "nationality, unhcr_status, count(*)", "GROUP BY 1, 2")
    cells = {(n, t(f"status.{s}")): c for n, s, c in rows}
    for code, row in nat.drop(index="").iterrows():
        for label in statuses:
            assert row[label] == fmt_int(cells.get((code, label), 0)), (code, label)
        assert row[TOTAL] == fmt_int(sum(c for (n, _), c in cells.items() if n == code))
    totals = nat.loc[""]
    assert totals[NAT] == TOTAL
    for label in statuses:
        assert totals[label] == fmt_int(sum(c for (_, s), c in cells.items() if s == label))
    assert totals[TOTAL] == fmt_int(active_sql(demo_db, case, "count(*)")[0][0])
    areas = table_with(at, t("col.region"), CODE).set_index(CODE).drop(index="")
    part = PART_COLUMN[case]
    rows = active_sql(demo_db, case, f"{part}, unhcr_status, count(*)", "GROUP BY 1, 2")
    assert set(areas.index) == {code for code, _, _ in rows}
    for code, status, n in rows:
        assert areas.loc[code, t(f"status.{status}")] == fmt_int(n)


@pytest.mark.parametrize("case", ["nation", "brebes", "jakarta_afg_asylum"])
def test_trends_and_waiting_show_the_sql_counts(demo_db: str, use_db, case: str) -> None:
    use_db(demo_db)
    at = page_as(demo_db, "admin", CASES[case][0], tab="trends")
    assert not at.exception
    by_status, by_nationality = [shown(d) for d in at.dataframe][:2]  # by status, then nationality
    assert by_status.columns[0] == by_nationality.columns[0] == t("trend.month")
    assert len(by_status) == 36 and by_status.iloc[-1, 0] == "Nov 2026"
    end = dt.date(2026, 11, 30)
    rows = sql(
        demo_db,
        "SELECT unhcr_status, count(*) FROM persons WHERE arrival_date <= :e "  # noqa: S608
        f"AND (lifecycle = 'active' OR lifecycle_date > :e) {CASES[case][1]} GROUP BY 1",
        e=end,
    )
    last = by_status.iloc[-1]
    for status, n in rows:
        assert last[t(f"status.{status}")] == fmt_int(n)
    assert last[t("trend.active")] == fmt_int(sum(n for _, n in rows))
    assert by_nationality.iloc[-1][t("trend.active")] == last[t("trend.active")]
    flows = table_with(at, t("origins.period.month"), t("trend.arrivals"))
    arrivals = sql(
        demo_db,
        "SELECT count(*) FROM persons WHERE arrival_date BETWEEN '2026-11-01' AND :d "  # noqa: S608
        f"{CASES[case][1]}",
    )[0][0]
    assert flows.iloc[-1][t("trend.arrivals")] == fmt_int(arrivals)
    moves = sql(
        demo_db,
        "SELECT count(*) FROM persons WHERE (arrival_date BETWEEN '2023-12-01' AND :d "  # noqa: S608
        f"OR lifecycle_date BETWEEN '2023-12-01' AND :d) {CASES[case][1]}",
    )[0][0]
    # by status, by nationality, and the flows when there were any (Brebes: none since 2018)
    assert len(at.get("vega_lite_chart")) == (3 if moves else 2)
    assert moves or any(i.value == t("origins.no_flows") for i in at.info)

    at = page_as(demo_db, "admin", CASES[case][0], tab="waiting")
    assert not at.exception
    stay = [b for b, _ in origins.REFUGEE_STAY_BANDS]
    wait = [*(b for b, _ in origins.ASYLUM_WAIT_BANDS), origins.WAIT_UNKNOWN]
    for status, name, head, prefix, codes in (
        ("refugee", "refugee_stay", "origins.since_arrival", "origins.stay", stay),
        ("asylum_seeker", "asylum_waiting", "origins.since_registration", "origins.wait", wait),
    ):
        n = active_sql(demo_db, case, "count(*)", extra=f"AND unhcr_status = '{status}'")[0][0]
        if not n:
            assert not [d for d in at.dataframe if d.value.columns[0] == t(head)]
            continue
        bands = counts(table_with(at, t(head)), t(head))
        assert bands.pop(TOTAL) == fmt_int(n)
        frame = read(demo_db, name, case)  # equal to SQL: the tests of the reads above
        by_band = dict(zip(frame["band"], frame["count"], strict=True))
        assert bands == {t(f"{prefix}.{b}"): fmt_int(by_band.get(b, 0)) for b in codes}


def csv_rows(data: bytes) -> tuple[list[str], list[str], list[list[str]]]:
    """(header lines, column names, data rows) of one of our CSV files."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    blank = rows.index([])
    return [r[0] for r in rows[:blank]], rows[blank + 1], rows[blank + 2 :]


def count_cells(columns: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """The count columns of a file (label columns left out)."""
    labels = {NAT, CODE, t("col.region"), t("filter.status"), t("filter.accommodation")}
    labels |= {t("origins.age_band"), t("trend.month")}
    frame = pd.DataFrame(rows, columns=columns)
    return frame[[c for c in columns if c not in labels]]


@pytest.mark.parametrize("wilayah", ["33", "33.29.05"])
def test_downloads_are_protected_by_default(demo_db: str, use_db, downloads, wilayah) -> None:
    use_db(demo_db)
    for tab in ("composition", "crosstab"):
        at = page_as(demo_db, "pimpinan", {"wilayah": wilayah}, tab=tab)
        assert not at.exception
    csvs = {name: data for name, data in downloads.items() if name.endswith(".csv")}
    assert {"asal-kewarganegaraan.csv", "asal-wilayah-status.csv"} <= set(csvs)
    for name, data in csvs.items():
        header, columns, rows = csv_rows(data)
        assert header[0] == t("disclosure.rule"), header
        assert header[2].startswith(t("filter.region_is", name="").strip()), header
        if columns == [columns[0]]:  # a breakdown not shown: the file says why
            assert rows[0][0] in {t("disclosure.too_few"), t("disclosure.would_reveal")}
            continue
        cells = count_cells(columns, rows)
        for value in set(cells.to_numpy().ravel()):
            assert value in {SMALL, "0"} or int(value) % 5 == 0, (name, value)
    if wilayah == "33.29.05":  # Sirampog: 3 Palestinians, too few to break down
        _, columns, rows = csv_rows(csvs["asal-kewarganegaraan.csv"])
        assert rows == [[t("disclosure.too_few")]]


def test_excel_files_open_with_the_filter_line_on_top(demo_db: str, use_db, downloads) -> None:
    use_db(demo_db)
    at = page_as(demo_db, "pimpinan", {"wilayah": "33", "status": "refugee"}, tab="crosstab")
    assert not at.exception
    files = [name for name in downloads if name.endswith(".xlsx")]
    assert {"asal-kewarganegaraan-status.xlsx", "asal-wilayah-status.xlsx"} <= set(files)
    line = describe_line({"wilayah": "33", "status": "refugee"})
    assert line.startswith("Wilayah: Jawa Tengah") and "Pengungsi" in line
    for name in files:
        book = openpyxl.load_workbook(io.BytesIO(downloads[name]))
        for sheet in book.worksheets:
            assert sheet["A1"].value == t("disclosure.rule")
            assert str(sheet["A2"].value).startswith("Dasbor PORA")
            assert sheet["A3"].value == line
            numbers = [
                c.value for row in sheet.iter_rows(min_row=6) for c in row if c.data_type == "n"
            ]
            assert not [v for v in numbers if v is not None and 0 < v < 5], name
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def describe_line(params: dict) -> str:
    """The filter in words, as the files' header line gives it (Indonesian)."""
    from pora_dash.ui.sidebar import describe

    return describe(from_query_params(params)[0])


def test_a_filter_without_data_says_so_plainly(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = page_as(demo_db, "admin", {"wilayah": "33.29.05", "wn": "SOM"})
    assert not at.exception
    assert any(i.value == t("empty.no_data") for i in at.info)
    assert not at.get("vega_lite_chart") and not at.dataframe
    assert not at.get("download_button")


def test_a_brebes_user_sees_nothing_of_jakarta(demo_db: str, use_db) -> None:
    use_db(demo_db)
    own = page_as(demo_db, "kesbangpol.brebes", tab="crosstab")
    asked = page_as(demo_db, "kesbangpol.brebes", {"wilayah": "31"}, tab="crosstab")
    assert not asked.exception
    assert any("di luar cakupan" in i.value for i in asked.info)
    assert asked.title[0].value.endswith("Kabupaten Brebes")
    tables = [shown(d) for d in asked.dataframe]
    assert [x.to_dict() for x in tables] == [shown(d).to_dict() for d in own.dataframe]
    text_shown = " ".join(x.to_csv() for x in tables)
    assert "Jakarta" not in text_shown and "31." not in text_shown
    areas = table_with(asked, t("col.region"), CODE)
    assert areas[CODE].tolist() == ["33.29.05", ""]  # Sirampog, then the total
    # the agency member supervises these people: 3 refugees, exactly
    row = dict(zip(areas.columns, areas.iloc[0], strict=True))
    assert row[t("status.refugee")] == "3" and row[TOTAL] == "3"


def test_kesbangpol_brebes_sees_sirampogs_three_palestinians_exactly(demo_db: str, use_db) -> None:
    """What Kantor Imigrasi Pemalang reported at the Brebes rakor, on the agency's own page."""
    use_db(demo_db)
    at = page_as(demo_db, "kesbangpol.brebes", {"wilayah": "33.29.05"})
    assert not at.exception
    nat = table_with(at, NAT, CODE, COUNT)
    assert counts(nat, NAT) == {country_name("PSE", "id"): "3", TOTAL: "3"}
    status = counts(table_with(at, t("filter.status"), COUNT), t("filter.status"))
    assert status[t("status.refugee")] == "3"


def test_the_same_count_is_published_alike_in_every_download(
    demo_db: str, use_db, downloads
) -> None:
    use_db(demo_db)
    for tab in ("composition", "crosstab"):
        assert not page_as(demo_db, "pimpinan", {"wilayah": "33"}, tab=tab).exception
    files = {n: csv_rows(d) for n, d in downloads.items() if n.endswith(".csv")}

    def column(name: str, key: int, value: int) -> dict[str, str]:
        return {row[key]: row[value] for row in files[name][2]}

    nat_status = files["asal-kewarganegaraan-status.csv"]
    assert column("asal-kewarganegaraan.csv", 1, 2) == column(
        "asal-kewarganegaraan-status.csv", 1, len(nat_status[1]) - 1
    )
    statuses = [t(f"status.{s}") for s in UNHCR_STATUSES]
    status_margin = column("asal-status.csv", 0, 1)
    for name in ("asal-kewarganegaraan-status.csv", "asal-wilayah-status.csv"):
        _, columns, rows = files[name]
        total_row = dict(zip(columns, rows[-1], strict=True))
        assert {s: total_row[s] for s in statuses} == {s: status_margin[s] for s in statuses}
        assert total_row[TOTAL] == status_margin[TOTAL]
    assert all(v in {SMALL, "0"} or int(v) % 5 == 0 for v in status_margin.values())
