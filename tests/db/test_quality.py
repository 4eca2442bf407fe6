"""Data quality (pora_dash.reads.quality) on SQLite and PostgreSQL, on a small world with known
problems: completeness by field and agency, records not verified for 180 days, likely
duplicates across sources (with the agencies named), kecamatan without a boundary, and the
import log limited to one's own imports for users with a regional scope."""

from __future__ import annotations

import pytest

from pora_dash.access.scope import Scope
from pora_dash.importing import Actor, import_file
from pora_dash.reads import quality
from pora_dash.store import db
from tests import import_world as world

HEADER = [*world.PERSON_HEADER, "Tanggal verifikasi"]
# UNHCR's list: two members of case 354-19C00001 in Sirampog, one person in Kramat Jati
UNHCR = [
    [*world.PERSONS[0], "01/11/2026"],  # verified 3 weeks before 22 November 2026
    [*world.PERSONS[1], "01/01/2026"],  # more than 180 days ago
    [*world.PERSONS[2], ""],  # never
]
# IOM's list: the same man as UNHCR-IDN-1 (same case, nationality, year, sex, kecamatan)
IOM = [
    [
        "IOM",
        "IOM-77",
        "Ahmad H.",
        "354-19C00001",
        "PSE",
        "Pengungsi",
        "L",
        "1985",
        "20/07/2019",
        "Brebes",
        "Sirampog",
        "Mandiri",
        "",
    ]
]
SIRAMPOG, KRAMAT_JATI = "33.29.05", "31.75.04"


@pytest.fixture
def quality_db(any_db: str) -> str:
    world.build(any_db)
    import_file(
        world.csv_bytes(UNHCR, HEADER),
        kind="persons",
        file_name="unhcr.csv",
        actor=Actor("admin.uji"),
        url=any_db,
    )
    import_file(
        world.csv_bytes(IOM, HEADER),
        kind="persons",
        file_name="iom.csv",
        actor=Actor("op.brebes", Scope.of(["33.29"])),
        url=any_db,
    )
    return any_db


def test_completeness_by_field_and_agency(quality_db: str) -> None:
    with db.session_scope(quality_db) as session:
        total, filled = quality.completeness(session, scope=Scope.national())
        by_agency = quality.completeness_by_agency(session, scope=Scope.national())
        brebes_total, _ = quality.completeness(session, scope=Scope.of(["33.29"]))
    assert total == 4 and brebes_total == 3
    assert filled["full_name"] == 4
    assert filled["case_number"] == 3  # UNHCR-IDN-3 has none
    assert filled["last_verified_on"] == 2
    assert filled["document_number"] == 0 and filled["site_or_desa"] == 0
    rows = {r.code: r for r in by_agency.itertuples()}
    assert (rows["UNHCR"].total, rows["UNHCR"].case_number) == (3, 2)
    assert (rows["IOM"].total, rows["IOM"].last_verified_on) == (1, 0)


def test_not_verified_for_180_days_or_never_by_kabkota(quality_db: str) -> None:
    with db.session_scope(quality_db) as session:
        stale = quality.not_verified(session, scope=Scope.national())
    got = {r.kabkota_code: (r.count, r.never) for r in stale.itertuples()}
    # Brebes: Fatima (January) and IOM-77 (never); Jakarta Timur: Ali (never)
    assert got == {"33.29": (2, 1), "31.75": (1, 1)}


def test_likely_duplicates_across_sources_name_the_agencies(quality_db: str) -> None:
    with db.session_scope(quality_db) as session:
        cases = quality.duplicate_cases(session, scope=Scope.national())
        twins = quality.duplicate_profiles(session, scope=Scope.national())
        elsewhere = quality.duplicate_cases(session, scope=Scope.of(["31.75"]))
    assert list(cases["case_number"]) == ["354-19C00001"]
    assert (cases["agencies"][0], cases["agency_codes"][0], cases["persons"][0]) == (
        2,
        "IOM, UNHCR",
        3,
    )
    assert len(cases["ids"][0]) == 3
    assert list(zip(twins["nationality"], twins["birth_year"], twins["sex"], strict=True)) == [
        ("PSE", 1985, "M")
    ]
    assert (twins["kecamatan_code"][0], twins["agency_codes"][0]) == (SIRAMPOG, "IOM, UNHCR")
    assert len(twins["ids"][0]) == 2
    assert elsewhere.empty  # outside the scope the duplicate is not seen


def test_kecamatan_without_a_boundary_are_listed(
    quality_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session_scope(quality_db) as session:
        assert quality.without_boundary(session, scope=Scope.national()).empty
        known = set(quality.reference.boundaries("kecamatan")) - {KRAMAT_JATI}
        monkeypatch.setattr(quality.reference, "boundaries", lambda level: known)
        missing = quality.without_boundary(session, scope=Scope.national())
    assert list(zip(missing["kecamatan_code"], missing["count"], strict=True)) == [(KRAMAT_JATI, 1)]


def test_recent_imports_own_only_for_a_regional_scope(quality_db: str) -> None:
    with db.session_scope(quality_db) as session:
        everyone = quality.recent_imports(session, scope=Scope.national(), username="admin.uji")
        own = quality.recent_imports(session, scope=Scope.of(["33.29"]), username="op.brebes")
    assert list(everyone["file_name"]) == ["iom.csv", "unhcr.csv"]  # newest first
    assert list(everyone["added"]) == [1, 3]
    assert list(own["username"]) == ["op.brebes"]
