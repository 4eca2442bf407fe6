"""The query layer on a hand-counted fixture, on SQLite and PostgreSQL: filters, the reference
date, and the scope, which must hold for every function."""

from __future__ import annotations

import datetime as dt

import pytest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import overview
from pora_dash.store import db
from tests import fixtures
from tests.fixtures import person

NATION = Scope.national()
BREBES = Scope.of(["33.29"])


@pytest.fixture
def world(any_db: str) -> str:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        session.add_all(
            [
                # Sirampog: 3 active Palestinians (one at desa level), 1 resettled in 2023
                person("S1", "33.29.05", nationality="PSE"),
                person("S2", "33.29.05", nationality="PSE", sex="F", birth_year=2015),
                person("S3", "33.29.05.2001", nationality="PSE", arrival=dt.date(2024, 6, 1)),
                person(
                    "S4",
                    "33.29.05",
                    nationality="AFG",
                    lifecycle="resettled",
                    left=dt.date(2023, 3, 1),
                ),
                # Tonjong: 1 asylum seeker
                person("T1", "33.29.06", nationality="SOM", status="asylum_seeker"),
                # Jakarta: 2 in Menteng, 3 in Kramat Jati (one not registered)
                person("J1", "31.71.06"),
                person("J2", "31.71.06", status="asylum_seeker"),
                person("J3", "31.75.04"),
                person("J4", "31.75.04"),
                person("J5", "31.75.04", nationality="MMR", status="not_registered"),
            ]
        )
    return any_db


def _head(url: str, filters: Filters, scope: Scope = NATION) -> overview.Headline:
    with db.session_scope(url) as session:
        return overview.headline(session, filters=filters, scope=scope)


@pytest.mark.parametrize(
    ("wilayah", "active", "refugees", "asylum"),
    [
        (None, 9, 6, 2),
        ("33", 4, 3, 1),
        ("33.29", 4, 3, 1),
        ("33.29.05", 3, 3, 0),
        ("31", 5, 3, 1),
        ("31.71.06", 2, 1, 1),
    ],
)
def test_headline_by_region(world: str, wilayah, active, refugees, asylum) -> None:
    head = _head(world, Filters(wilayah=wilayah))
    assert (head.active, head.refugees, head.asylum_seekers) == (active, refugees, asylum)


def test_reference_date_counts_who_was_there(world: str) -> None:
    # on 1 Jan 2023: S3 had not arrived, S4 had not yet left
    head = _head(world, Filters(wilayah="33.29.05", as_of=dt.date(2023, 1, 1)))
    assert head.active == 3
    assert _head(world, Filters(wilayah="33.29.05", as_of=dt.date(2019, 1, 1))).active == 0


def test_filters_combine(world: str) -> None:
    f = Filters(nationalities=("PSE",), sexes=("F",), age_groups=("anak",))
    assert _head(world, f).active == 1


def test_kecamatan_hosting_and_nationalities(world: str) -> None:
    head = _head(world, Filters())
    assert head.kecamatan_hosting == 4
    assert head.nationalities == 4


def test_scope_limits_every_query(world: str) -> None:
    assert _head(world, Filters(), BREBES).active == 4
    # asking for Jakarta inside a Brebes scope yields nothing, not Jakarta's figures
    assert _head(world, Filters(wilayah="31"), BREBES).active == 0
    with db.session_scope(world) as session:
        nat = overview.by_nationality(session, filters=Filters(), scope=BREBES)
        areas = overview.by_area(session, filters=Filters(), scope=BREBES)
    assert dict(zip(nat["nationality"], nat["count"], strict=True)) == {"PSE": 3, "SOM": 1}
    assert areas["code"].tolist() == ["33"]


def test_empty_scope_sees_nothing(world: str) -> None:
    assert _head(world, Filters(), Scope.of([])).active == 0


def test_by_area_splits_into_the_next_level(world: str) -> None:
    with db.session_scope(world) as session:
        nation = overview.by_area(session, filters=Filters(), scope=NATION)
        brebes = overview.by_area(session, filters=Filters(wilayah="33.29"), scope=NATION)
    assert dict(zip(nation["code"], nation["count"], strict=True)) == {"31": 5, "33": 4}
    assert dict(zip(brebes["code"], brebes["count"], strict=True)) == {"33.29.05": 3, "33.29.06": 1}
