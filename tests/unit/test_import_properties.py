"""Property tests: whatever bytes arrive (random, truncated, malformed but plausible CSV or
Excel), the importer either accepts the file or raises its own `ImportInputError` with
problems to show; it never raises anything else and never writes a refused file."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from pora_dash.importing import Actor, ImportInputError, import_file, prepare, read_table
from pora_dash.importing.kinds import COLUMNS
from pora_dash.importing.templates import template_csv, template_xlsx
from pora_dash.store import db
from pora_dash.store.models import Person
from tests import import_world as world

ACTOR = Actor("uji")
KINDS = ("persons", "sites", "meetings", "incidents")
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def world_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('prop') / 'w.db'}"
    db.upgrade(url)
    world.build(url)
    return url


def _check(url: str, data: bytes, kind: str) -> None:
    try:
        with db.session_scope(url) as session:
            plan = prepare(session, data, kind=kind, file_name="x", actor=ACTOR)
    except ImportInputError as exc:
        assert exc.problems and all(p.message("id") for p in exc.problems)
        return
    for problem in plan.problems:
        assert problem.message("id") and problem.message("en")


@PROPERTY
@given(data=st.binary(max_size=3000), kind=st.sampled_from(KINDS))
def test_random_bytes(world_url: str, data: bytes, kind: str) -> None:
    _check(world_url, data, kind)


@PROPERTY
@given(data=st.binary(max_size=2000))
def test_random_bytes_behind_an_excel_signature(world_url: str, data: bytes) -> None:
    _check(world_url, b"PK\x03\x04" + data, "persons")


def _cell() -> st.SearchStrategy[str]:
    plausible = st.sampled_from(
        [
            "",
            "Brebes",
            "Kab. Brebes",
            "Sirampog",
            "31/02/2024",
            "2024-13-01",
            "17 Juli 2024",
            "AFG",
            "Atlantis",
            "L",
            "P",
            "X",
            "Pengungsi",
            "1990",
            "-1",
            "1e9",
            "ya",
            "=CMD()",
            '"',
            ";",
            ",",
            "\n",
            "UNHCR",
            "IOM",
            "33.29.05",
            "99.99",
            "Tegal",
            "NaN",
            "None",
        ]
    )
    return st.one_of(plausible, st.text(max_size=30))


@PROPERTY
@given(
    kind=st.sampled_from(KINDS),
    take=st.lists(st.integers(0, 30), max_size=14),
    rows=st.lists(st.lists(_cell(), max_size=16), max_size=12),
    sep=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_malformed_but_plausible_csv(
    world_url: str, kind: str, take: list[int], rows: list[list[str]], sep: str, encoding: str
) -> None:
    columns = COLUMNS[kind]
    header = [columns[i % len(columns)].header for i in take]
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    data = "\r\n".join(lines).encode(encoding, errors="replace")
    _check(world_url, data, kind)


@PROPERTY
@given(
    kind=st.sampled_from(KINDS),
    rows=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                _cell(),
                st.integers(-(10**12), 10**12),
                st.floats(allow_nan=True),
                st.dates(),
                st.booleans(),
            ),
            max_size=12,
        ),
        max_size=8,
    ),
)
def test_malformed_but_plausible_excel(world_url: str, kind: str, rows: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS[kind]])
    out = io.BytesIO()
    try:
        for row in rows:
            sheet.append(row)
        book.save(out)
    except Exception:  # openpyxl refuses some characters itself; not the importer's input
        return
    _check(world_url, out.getvalue(), kind)


@PROPERTY
@given(cut=st.integers(1, 4000), kind=st.sampled_from(KINDS))
def test_truncated_templates(world_url: str, cut: int, kind: str) -> None:
    for data in (template_xlsx(kind), template_csv(kind)):
        _check(world_url, data[: min(cut, len(data) - 1)], kind)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=1500))
def test_a_refused_commit_writes_nothing(world_url: str, data: bytes) -> None:
    with db.session_scope(world_url) as session:
        before = session.scalar(select(func.count()).select_from(Person))
    try:
        import_file(data, kind="persons", file_name="acak.csv", actor=ACTOR, url=world_url)
    except ImportInputError:
        with db.session_scope(world_url) as session:
            assert session.scalar(select(func.count()).select_from(Person)) == before


def test_read_table_reports_the_sheets_of_a_workbook() -> None:
    table = read_table(template_xlsx("sites"), "t.xlsx")
    assert table.sheet == "Data" and table.sheets == ["Data", "Petunjuk"]
