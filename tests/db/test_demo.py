"""The demo data look like the public figures in the product brief, and hang together.

Most tests read the shared `demo_db` (scale 1, seed 42, as of 2026-11-22, see conftest.py) with
the SQL counts a user would check on the dashboard; two more seedings check determinism and a
history cut at an earlier date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from pora_dash import demo
from pora_dash.store import db
from pora_dash.store.bootstrap import load_regions
from pora_dash.store.models import Agency

AS_OF = dt.date(2026, 11, 22)
EX_PEKALONGAN = ("33.25", "33.26", "33.27", "33.28", "33.29", "33.75", "33.76")
JABODETABEK = (
    "31.71",
    "31.72",
    "31.73",
    "31.74",
    "31.75",
    "32.01",
    "32.71",
    "32.75",
    "32.76",
    "36.71",
    "36.74",
)


@pytest.fixture(scope="module")
def conn(demo_db: str):  # type: ignore[no-untyped-def]
    with db.get_engine(demo_db).connect() as connection:
        yield connection


def one(conn: Connection, sql: str, **params: object) -> int:
    return int(conn.execute(text(sql), params).scalar_one() or 0)


def rows(conn: Connection, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    return [tuple(r) for r in conn.execute(text(sql), params)]


def active(conn: Connection, where: str = "1=1", **params: object) -> int:
    sql = f"SELECT count(*) FROM persons WHERE lifecycle = 'active' AND {where}"  # noqa: S608
    return one(conn, sql, **params)


def share(conn: Connection, where: str, **params: object) -> float:
    return active(conn, where, **params) / active(conn)


def seed_into(url: str, **kwargs: object) -> str:
    """Schema, regions and demo data into an empty database."""
    db.upgrade(url)
    with db.session_scope(url) as session:
        load_regions(session)
        demo.seed_demo(session, **kwargs)  # type: ignore[arg-type]
    return url


# ---------------------------------------------------------------- presence


def test_about_twelve_thousand_active_nationally(conn: Connection) -> None:
    assert 11_800 <= active(conn) <= 12_400


def test_afghanistan_first_then_somalia_and_myanmar(conn: Connection) -> None:
    ranking = rows(
        conn,
        "SELECT nationality, count(*) FROM persons WHERE lifecycle = 'active' "
        "GROUP BY nationality ORDER BY count(*) DESC, nationality",
    )
    codes = [code for code, _ in ranking]
    assert codes[0] == "AFG"
    assert 0.48 <= ranking[0][1] / active(conn) <= 0.56
    assert codes[1:3] == ["SOM", "MMR"]
    assert 0.08 <= ranking[1][1] / active(conn) <= 0.13
    assert set(codes[3:10]) == {"IRQ", "YEM", "SDN", "LKA", "PAK", "IRN", "PSE"}
    assert 50 <= len(codes) <= 56


def test_nationalities_are_iso_alpha3(conn: Connection) -> None:
    import pycountry

    codes = [c for (c,) in rows(conn, "SELECT DISTINCT nationality FROM persons")]
    assert all(pycountry.countries.get(alpha_3=c) for c in codes)


def test_nineteen_refugees_in_former_karesidenan_pekalongan(conn: Connection) -> None:
    kabs = ", ".join(f"'{k}'" for k in EX_PEKALONGAN)
    assert active(conn, f"kabkota_code IN ({kabs})") == 19
    assert active(conn, f"kabkota_code IN ({kabs}) AND unhcr_status <> 'refugee'") == 0


def test_three_palestinians_with_unhcr_cards_in_sirampog(conn: Connection) -> None:
    sirampog = rows(
        conn,
        "SELECT nationality, unhcr_status, document_number, region_code "
        "FROM persons WHERE lifecycle = 'active' AND kecamatan_code = '33.29.05'",
    )
    assert len(sirampog) == 3
    for nationality, status, document, region in sirampog:
        assert (nationality, status) == ("PSE", "refugee")
        assert document
        assert region.startswith("33.29.05")
    assert active(conn, "kabkota_code = '33.29'") == 3  # in Brebes, only Sirampog


@pytest.mark.parametrize(
    ("status", "low", "high"),
    [
        ("refugee", 0.65, 0.75),
        ("asylum_seeker", 0.19, 0.30),
        ("registered_pending", 0.005, 0.06),
        ("not_registered", 0.005, 0.05),
        ("rejected", 0.005, 0.05),
    ],
)
def test_unhcr_status_shares(conn: Connection, status: str, low: float, high: float) -> None:
    assert low <= share(conn, "unhcr_status = :s", s=status) <= high


def test_registration_date_and_documents_follow_status(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM persons WHERE unhcr_status IN "
            "('not_registered', 'registered_pending') AND (registered_on IS NOT NULL "
            "OR document_number IS NOT NULL)",
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM persons WHERE unhcr_status IN "
            "('refugee', 'asylum_seeker', 'rejected') AND (registered_on IS NULL "
            "OR document_number IS NULL)",
        )
        == 0
    )
    assert one(conn, "SELECT count(*) FROM persons WHERE registered_on < arrival_date") == 0


def test_document_and_case_numbers_have_the_unhcr_shape(conn: Connection) -> None:
    sample = rows(
        conn,
        "SELECT case_number, document_number FROM persons "
        "WHERE document_number IS NOT NULL ORDER BY id LIMIT 500",
    )
    for case, document in sample:
        assert re.fullmatch(r"354-\d\dC\d{5,}", case)
        assert document.startswith(case + "-")


def test_children_and_women(conn: Connection) -> None:
    assert 0.24 <= share(conn, ":y - birth_year < 18", y=AS_OF.year) <= 0.30
    adults = active(conn, ":y - birth_year >= 18", y=AS_OF.year)
    women = active(conn, ":y - birth_year >= 18 AND sex = 'F'", y=AS_OF.year)
    assert 0.22 <= women / adults <= 0.32


def test_households_about_1_8_persons_per_case(conn: Connection) -> None:
    persons, cases = rows(
        conn,
        "SELECT count(*), count(DISTINCT case_number) FROM persons "
        "WHERE lifecycle = 'active' AND case_number IS NOT NULL",
    )[0]
    assert 1.6 <= persons / cases <= 2.0
    assert 5_500 <= cases <= 7_500


@pytest.mark.parametrize(
    ("accommodation", "low", "high"),
    [("community_housing", 0.44, 0.52), ("independent", 0.38, 0.46), ("shelter", 0.08, 0.12)],
)
def test_accommodation_shares(
    conn: Connection, accommodation: str, low: float, high: float
) -> None:
    assert low <= share(conn, "accommodation = :a", a=accommodation) <= high


def test_a_few_dozen_in_rudenim(conn: Connection) -> None:
    assert 15 <= active(conn, "accommodation = 'rudenim'") <= 120


def test_sites_match_accommodation(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM persons p LEFT JOIN sites s ON s.id = p.site_id "
            "WHERE (p.accommodation = 'independent') <> (p.site_id IS NULL) "
            "OR s.kind <> p.accommodation OR s.region_code <> p.region_code",
        )
        == 0
    )


def test_shelters_hold_the_rohingya_in_aceh(conn: Connection) -> None:
    assert (
        active(
            conn, "accommodation = 'shelter' AND (nationality <> 'MMR' OR province_code <> '11')"
        )
        == 0
    )


def test_half_in_and_around_jakarta(conn: Connection) -> None:
    kabs = ", ".join(f"'{k}'" for k in JABODETABEK)
    assert 0.42 <= share(conn, f"kabkota_code IN ({kabs})") <= 0.58
    assert active(conn, "kecamatan_code IN ('32.01.25', '32.01.26')") >= 1_500  # Puncak
    assert active(conn, "kabkota_code = '31.71'") < 100  # Jakarta Pusat: gatherings, not homes


@pytest.mark.parametrize(
    ("kabkota", "low", "high"),
    [
        ("12.71", 1_250, 1_700),
        ("14.71", 800, 1_150),
        ("21.71", 300, 520),
        ("35.15", 280, 480),
        ("73.71", 450, 900),
        ("21.72", 250, 450),
        ("53.71", 120, 280),
        ("33.74", 80, 220),
    ],
)
def test_other_hosting_cities(conn: Connection, kabkota: str, low: int, high: int) -> None:
    assert low <= active(conn, "kabkota_code = :k", k=kabkota) <= high


def test_people_spread_over_several_kecamatan(conn: Connection) -> None:
    for kabkota in ("12.71", "14.71", "73.71", "31.75"):
        counts = [
            n
            for (_, n) in rows(
                conn,
                "SELECT kecamatan_code, count(*) FROM persons WHERE lifecycle = 'active' "
                "AND kabkota_code = :k GROUP BY 1",
                k=kabkota,
            )
        ]
        assert len(counts) >= 4
        assert max(counts) < 0.6 * sum(counts)


def test_about_half_placed_at_desa_level(conn: Connection) -> None:
    assert 0.35 <= share(conn, "length(region_code) > 8") <= 0.65


def test_verification_dates(conn: Connection) -> None:
    assert 0.01 <= share(conn, "last_verified_on IS NULL") <= 0.10
    assert share(conn, "last_verified_on >= :d", d=AS_OF - dt.timedelta(days=365)) >= 0.75
    assert share(conn, "last_verified_on < :d", d=AS_OF - dt.timedelta(days=180)) >= 0.15


def test_source_refs_unique_per_source(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM (SELECT source_agency_id, source_ref FROM persons "
            "GROUP BY 1, 2 HAVING count(*) > 1) AS d",
        )
        == 0
    )
    kinds = {
        k
        for (k,) in rows(
            conn,
            "SELECT DISTINCT a.kind FROM persons p JOIN agencies a ON a.id = p.source_agency_id",
        )
    }
    assert {"unhcr", "iom", "imigrasi", "dukcapil"} <= kinds


# ---------------------------------------------------------------- history and movements


@pytest.mark.parametrize(
    ("day", "low", "high"),
    [
        ("2016-12-31", 13_300, 14_400),
        ("2018-06-30", 13_400, 14_400),
        ("2020-06-30", 13_300, 14_300),
        ("2023-06-30", 11_600, 12_700),
    ],
)
def test_active_total_over_time(conn: Connection, day: str, low: int, high: int) -> None:
    present = one(
        conn,
        "SELECT count(*) FROM persons WHERE arrival_date <= :d "
        "AND (lifecycle_date IS NULL OR lifecycle_date > :d)",
        d=day,
    )
    assert low <= present <= high


def test_arrivals_peak_in_2014_to_2016(conn: Connection) -> None:
    per_year = dict(
        rows(conn, "SELECT substr(arrival_date, 1, 4), count(*) FROM persons GROUP BY 1")
    )
    peak = max(per_year, key=per_year.__getitem__)
    assert peak in ("2013", "2014", "2015", "2016")
    assert per_year["2021"] < per_year["2014"] / 4


def test_resettlement_a_few_hundred_a_year(conn: Connection) -> None:
    per_year = dict(
        rows(
            conn,
            "SELECT substr(lifecycle_date, 1, 4), count(*) FROM persons "
            "WHERE lifecycle = 'resettled' GROUP BY 1",
        )
    )
    for year in range(2015, 2025):
        assert 100 <= per_year[str(year)] <= 900


def test_departed_have_a_departure_date_and_every_kind_occurs(conn: Connection) -> None:
    kinds = {k for (k,) in rows(conn, "SELECT DISTINCT lifecycle FROM persons")}
    assert kinds == {"active", "resettled", "voluntary_return", "moved", "deceased", "unknown"}
    assert one(conn, "SELECT count(*) FROM persons WHERE lifecycle_date > :d", d=AS_OF) == 0
    assert one(conn, "SELECT count(*) FROM persons WHERE arrival_date > :d", d=AS_OF) == 0


def test_rohingya_boat_arrivals_in_aceh(conn: Connection) -> None:
    assert (
        active(
            conn,
            "nationality = 'MMR' AND province_code = '11' AND arrival_date "
            "BETWEEN '2023-11-01' AND '2023-11-30'",
        )
        >= 900
    )
    assert (
        active(
            conn, "nationality = 'MMR' AND province_code = '11' AND arrival_date >= '2023-11-14'"
        )
        == 1_175
    )
    boats = rows(
        conn,
        "SELECT occurred_on, people_involved FROM incidents WHERE kind = "
        "'new_arrivals' AND province_code = '11' AND occurred_on "
        "BETWEEN '2023-11-14' AND '2024-09-30'",
    )
    assert len(boats) == 15
    assert sum(n for _, n in boats) == 2_026
    assert sum(n for day, n in boats if day <= "2023-11-21") == 1_084
    boat_people = (
        "FROM persons p JOIN movements m ON m.person_id = p.id AND "
        "m.from_region_code IS NULL JOIN sites s ON s.id = m.to_site_id "
        "WHERE s.kind = 'shelter'"
    )
    landed = one(conn, f"SELECT count(*) {boat_people}")
    women_children = one(
        conn, f"SELECT count(*) {boat_people} AND (p.sex = 'F' OR :y - p.birth_year < 18)", y=2024
    )
    assert landed == 2_026
    assert 0.65 <= women_children / landed <= 0.85


def test_every_person_has_exactly_one_first_movement(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM persons p WHERE (SELECT count(*) FROM movements m "
            "WHERE m.person_id = p.id AND m.from_region_code IS NULL) <> 1",
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM movements m JOIN persons p ON p.id = m.person_id "
            "WHERE m.from_region_code IS NULL AND (m.moved_on <> p.arrival_date "
            "OR m.from_site_id IS NOT NULL)",
        )
        == 0
    )


def test_last_movement_is_the_current_place(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM persons p JOIN movements m ON m.id = (SELECT max(id) "
            "FROM movements WHERE person_id = p.id) WHERE m.to_region_code <> "
            "p.region_code OR coalesce(m.to_site_id, 0) <> coalesce(p.site_id, 0)",
        )
        == 0
    )


def test_movements_chain_in_time(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM movements a JOIN movements b ON b.person_id = "
            "a.person_id AND b.id = (SELECT min(id) FROM movements WHERE person_id = "
            "a.person_id AND id > a.id) WHERE b.moved_on <= a.moved_on "
            "OR b.from_region_code <> a.to_region_code "
            "OR coalesce(b.from_site_id, 0) <> coalesce(a.to_site_id, 0)",
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM movements m JOIN persons p ON p.id = m.person_id "
            "WHERE m.moved_on > coalesce(p.lifecycle_date, :d)",
            d=AS_OF,
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM movements "
            "WHERE to_kecamatan_code <> substr(to_region_code, 1, 8)",
        )
        == 0
    )


def test_some_people_moved_later(conn: Connection) -> None:
    moved = one(
        conn, "SELECT count(DISTINCT person_id) FROM movements WHERE from_region_code IS NOT NULL"
    )
    total = one(conn, "SELECT count(*) FROM persons")
    assert 0.10 <= moved / total <= 0.22
    notes = {
        n
        for (n,) in rows(
            conn, "SELECT DISTINCT note FROM movements WHERE from_region_code IS NOT NULL"
        )
    }
    assert "Dipindahkan dari Rudenim ke community house IOM" in notes
    assert any(n.startswith("Relokasi oleh IOM") for n in notes)
    assert "Pemindahan antarpenampungan" in notes


# ---------------------------------------------------------------- sites and agencies


def test_sites_are_mostly_below_capacity(conn: Connection) -> None:
    sites = rows(
        conn,
        "SELECT s.kind, s.capacity, s.lat, s.lng, count(p.id) FROM sites s "
        "LEFT JOIN persons p ON p.site_id = s.id AND p.lifecycle = 'active' "
        "GROUP BY s.id, s.kind, s.capacity, s.lat, s.lng",
    )
    kinds = {kind for kind, *_ in sites}
    assert kinds == {"community_housing", "rudenim", "shelter"}
    assert len([s for s in sites if s[0] == "rudenim"]) == 13
    for kind, capacity, lat, lng, occupied in sites:
        assert lat is not None and lng is not None
        assert occupied <= capacity * 1.1
        if kind == "community_housing":
            assert 20 <= capacity <= 300
    full = [s for s in sites if s[0] == "community_housing" and s[4] == s[1]]
    below = [s for s in sites if s[0] == "community_housing" and s[4] < s[1]]
    assert 1 <= len(full) <= 4
    assert len(below) > 3 * len(full)


def test_agency_codes_and_the_demo_accounts_agencies(conn: Connection) -> None:
    assert one(conn, "SELECT count(*) - count(DISTINCT code) FROM agencies") == 0
    pemalang = rows(
        conn,
        "SELECT name FROM agencies WHERE kind = 'imigrasi' "
        "AND region_code = '33.27' ORDER BY id LIMIT 1",
    )
    assert pemalang == [("Kantor Imigrasi Kelas I Non TPI Pemalang",)]
    brebes = rows(
        conn,
        "SELECT name FROM agencies WHERE kind = 'kesbangpol' "
        "AND region_code = '33.29' ORDER BY id LIMIT 1",
    )
    assert brebes == [("Badan Kesatuan Bangsa dan Politik Kabupaten Brebes",)]
    kinds = {k for (k,) in rows(conn, "SELECT DISTINCT kind FROM agencies")}
    assert kinds == {
        "imigrasi",
        "kesbangpol",
        "satpolpp",
        "dukcapil",
        "polri",
        "tni",
        "kejaksaan",
        "beacukai",
        "disnaker",
        "dinsos",
        "pemda",
        "unhcr",
        "iom",
        "other",
    }


# ---------------------------------------------------------------- meetings and follow-ups


@pytest.mark.parametrize(
    ("held_on", "region", "office", "words"),
    [
        (
            "2024-07-17",
            "33.29",
            "IMIGRASI-33.27",
            ("19 pengungsi", "Sirampog", "Palestina", "UNHCR"),
        ),
        ("2024-10-17", "31.75", "IMIGRASI-31.75", ("Pilkada", "UNHCR")),
        ("2024-06-05", "73.72", "IMIGRASI-73.72", ("Parepare",)),
        ("2024-11-04", "31.71", "IMIGRASI-31.71", ("pencari suaka", "Kebon Sirih")),
        ("2025-05-22", "31.75", "IMIGRASI-31.75", ("Dukcapil", "kependudukan")),
    ],
)
def test_the_five_meetings_of_the_reports(
    conn: Connection, held_on: str, region: str, office: str, words: tuple[str, ...]
) -> None:
    found = rows(
        conn,
        "SELECT m.id, m.level, m.kabkota_code, m.kecamatan_code, m.minutes "
        "FROM meetings m JOIN agencies a ON a.id = m.office_agency_id "
        "WHERE m.held_on = :d AND m.region_code = :r AND a.code = :o",
        d=held_on,
        r=region,
        o=office,
    )
    assert len(found) == 1
    mid, level, kabkota, kecamatan, minutes = found[0]
    assert (level, kabkota, kecamatan) == ("kabkota", region, None)
    for word in words:
        assert word in minutes
    assert 4 <= one(conn, "SELECT count(*) FROM actions WHERE meeting_id = :m", m=mid) <= 6
    assert one(conn, "SELECT count(*) FROM meeting_agencies WHERE meeting_id = :m", m=mid) >= 8


def test_unhcr_attends_the_jakarta_timur_pilkada_meeting(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM meetings m JOIN meeting_agencies ma ON "
            "ma.meeting_id = m.id JOIN agencies a ON a.id = ma.agency_id WHERE "
            "m.held_on = '2024-10-17' AND m.region_code = '31.75' "
            "AND a.code = 'UNHCR'",
        )
        == 1
    )


def test_sirampog_follow_up_with_dukcapil(conn: Connection) -> None:
    found = rows(
        conn,
        "SELECT a.status, a.operation_id, g.kind FROM actions a JOIN agencies g "
        "ON g.id = a.owner_agency_id WHERE a.description = "
        "'Pendataan ulang pengungsi di Kecamatan Sirampog bersama Dukcapil'",
    )
    assert found and found[0][0] == "done" and found[0][2] == "dukcapil"
    assert found[0][1] is not None


def test_routine_meetings_at_every_level(conn: Connection) -> None:
    levels = dict(rows(conn, "SELECT level, count(*) FROM meetings GROUP BY level"))
    assert set(levels) == {"pusat", "provinsi", "kabkota", "kecamatan"}
    assert levels["kabkota"] >= 300
    provincial = rows(
        conn,
        "SELECT DISTINCT kabkota_code, kecamatan_code, length(region_code) "
        "FROM meetings WHERE level = 'provinsi'",
    )
    assert provincial == [(None, None, 2)]
    assert rows(conn, "SELECT min(held_on) FROM meetings")[0][0] >= "2022-01-01"
    late = rows(conn, "SELECT max(held_on) FROM meetings")[0][0]
    assert late <= (AS_OF + dt.timedelta(days=31)).isoformat()
    assert (
        one(
            conn,
            "SELECT count(*) FROM actions a JOIN meetings m ON m.id = a.meeting_id "
            "WHERE m.held_on > :d",
            d=AS_OF,
        )
        == 0
    )


def test_actions_every_status_and_some_overdue(conn: Connection) -> None:
    statuses = dict(rows(conn, "SELECT status, count(*) FROM actions GROUP BY status"))
    assert set(statuses) == {"open", "in_progress", "done", "dropped"}
    assert statuses["done"] > sum(statuses.values()) / 2
    overdue = one(
        conn,
        "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') AND due_date < :d",
        d=AS_OF,
    )
    assert overdue >= 40
    assert 0.01 <= overdue / sum(statuses.values()) <= 0.15
    assert one(conn, "SELECT count(*) FROM actions WHERE completed_on > :d", d=AS_OF) == 0
    late = one(conn, "SELECT count(*) FROM actions WHERE completed_on > due_date")
    assert 0 < late < statuses["done"] / 2


def test_overdue_is_rarer_for_older_meetings(conn: Connection) -> None:
    def overdue_share(since: dt.date, until: dt.date) -> float:
        params = {"a": since, "b": until, "d": AS_OF}
        total = one(
            conn, "SELECT count(*) FROM actions WHERE meeting_date BETWEEN :a AND :b", **params
        )
        late = one(
            conn,
            "SELECT count(*) FROM actions WHERE meeting_date BETWEEN :a AND :b "
            "AND status IN ('open', 'in_progress') AND due_date < :d",
            **params,
        )
        return late / total

    recent = overdue_share(AS_OF - dt.timedelta(days=240), AS_OF)
    old = overdue_share(dt.date(2022, 1, 1), dt.date(2023, 12, 31))
    assert old < recent


def test_action_history_ends_in_the_current_status(conn: Connection) -> None:
    assert (
        one(
            conn,
            "SELECT count(*) FROM actions a WHERE (SELECT new_status FROM "
            "action_updates u WHERE u.action_id = a.id ORDER BY u.changed_at DESC, "
            "u.id DESC LIMIT 1) <> a.status",
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM "
            "action_updates u WHERE u.action_id = a.id AND u.old_status IS NULL)",
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM action_updates WHERE changed_at >= :d",
            d=AS_OF + dt.timedelta(days=1),
        )
        == 0
    )
    assert (
        one(
            conn,
            "SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM "
            "meeting_agencies ma WHERE ma.meeting_id = a.meeting_id "
            "AND ma.agency_id = a.owner_agency_id)",
        )
        == 0
    )
    users = {u for (u,) in rows(conn, "SELECT DISTINCT username FROM action_updates")}
    assert {"operator.pemalang", "kesbangpol.brebes"} <= users


def test_operations_with_findings_and_linked_actions(conn: Connection) -> None:
    kinds = {k for (k,) in rows(conn, "SELECT DISTINCT kind FROM operations")}
    assert kinds == {"operasi_gabungan", "pendataan", "monitoring"}
    assert (
        one(
            conn,
            "SELECT count(*) FROM operations o WHERE NOT EXISTS (SELECT 1 FROM "
            "operation_findings f WHERE f.operation_id = o.id)",
        )
        == 0
    )
    assert one(conn, "SELECT count(*) FROM operations WHERE held_on > :d", d=AS_OF) == 0
    assert one(conn, "SELECT count(*) FROM actions WHERE operation_id IS NOT NULL") >= 50
    assert (
        one(
            conn,
            "SELECT count(*) FROM actions a JOIN operations o ON o.id = "
            "a.operation_id WHERE o.held_on <> a.completed_on",
        )
        == 0
    )


# ---------------------------------------------------------------- stability context


def test_incidents(conn: Connection) -> None:
    kinds = dict(rows(conn, "SELECT kind, count(*) FROM incidents GROUP BY kind"))
    assert set(kinds) == {
        "tension",
        "protest",
        "permit_violation",
        "new_arrivals",
        "emergency",
        "other",
    }
    assert rows(conn, "SELECT min(occurred_on) FROM incidents")[0][0] >= "2019-01-01"
    assert one(conn, "SELECT count(*) FROM incidents WHERE occurred_on > :d", d=AS_OF) == 0
    jakpus = one(
        conn, "SELECT count(*) FROM incidents WHERE kind = 'protest' AND kabkota_code = '31.71'"
    )
    assert jakpus >= 20
    assert jakpus > kinds["protest"] / 2
    assert (
        one(
            conn,
            "SELECT count(*) FROM incidents WHERE kind = 'protest' AND kecamatan_code = '31.71.06'",
        )
        >= 10
    )  # Menteng, Kebon Sirih


def test_more_tension_in_jakarta_timur_around_pilkada_2024(conn: Connection) -> None:
    def tension(since: str, until: str) -> int:
        return one(
            conn,
            "SELECT count(*) FROM incidents WHERE kind = 'tension' AND "
            "kabkota_code = '31.75' AND occurred_on BETWEEN :a AND :b",
            a=since,
            b=until,
        )

    assert tension("2024-09-25", "2024-11-30") >= 5
    assert tension("2024-09-25", "2024-11-30") > tension("2023-09-25", "2023-11-30")


def test_incident_descriptions_name_no_person(conn: Connection) -> None:
    names = {n.split()[-1] for (n,) in rows(conn, "SELECT full_name FROM persons LIMIT 3000")}
    names -= {"Ali", "Islam", "Hassan", "Amin", "Karim"}  # also ordinary words or places
    for (description,) in rows(conn, "SELECT DISTINCT description FROM incidents"):
        assert not set(re.findall(r"[A-Z][a-z-]+", description)) & names, description


def test_calendar(conn: Connection) -> None:
    events = rows(conn, "SELECT kind, starts_on, ends_on FROM calendar_events")
    assert ("pilkada", "2024-11-27", "2024-11-27") in events
    assert ("campaign", "2024-09-25", "2024-11-23") in events
    assert any(kind != "holiday" and start == "2024-02-14" for kind, start, _ in events)
    fitri = {start for kind, start, _ in events if kind == "holiday"}
    assert {"2023-04-22", "2024-04-10", "2025-03-31", "2026-03-20", "2024-08-17"} <= fitri


# ---------------------------------------------------------------- the generator itself


def _fingerprint(url: str) -> str:
    digest = hashlib.sha256()
    with db.get_engine(url).connect() as connection:
        for table in (
            "persons",
            "movements",
            "sites",
            "meetings",
            "actions",
            "action_updates",
            "incidents",
            "operations",
            "operation_findings",
        ):
            sql = f"SELECT * FROM {table} ORDER BY 1, 2"  # noqa: S608 (fixed table names)
            for row in connection.execute(text(sql)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_same_data(demo_db: str, tmp_path: Path) -> None:
    again = seed_into(f"sqlite:///{tmp_path / 'again.db'}", scale=1, seed=42, as_of=AS_OF)
    assert _fingerprint(again) == _fingerprint(demo_db)


def test_history_cut_at_an_earlier_date(tmp_path: Path) -> None:
    url = seed_into(f"sqlite:///{tmp_path / 'past.db'}", seed=7, as_of=dt.date(2020, 6, 30))
    with db.get_engine(url).connect() as connection:
        assert 13_300 <= active(connection) <= 14_300
        assert rows(connection, "SELECT max(arrival_date) FROM persons")[0][0] <= "2020-06-30"
        assert (
            one(
                connection,
                "SELECT count(*) FROM persons WHERE nationality = 'MMR' "
                "AND arrival_date >= '2023-01-01'",
            )
            == 0
        )
        assert (
            one(
                connection,
                "SELECT count(*) FROM actions a JOIN meetings m ON m.id = "
                "a.meeting_id WHERE m.held_on > '2020-06-30'",
            )
            == 0
        )
        assert (
            one(connection, "SELECT count(*) FROM incidents WHERE occurred_on > '2020-06-30'") == 0
        )
        assert active(connection, "kecamatan_code = '33.29.05'") == 0  # came in 2021


def test_refuses_a_database_that_has_persons(demo_db: str) -> None:
    with db.session_scope(demo_db) as session, pytest.raises(ValueError, match="already"):
        demo.seed_demo(session, as_of=AS_OF)


@pytest.mark.postgres
def test_same_data_on_postgresql(pg_url: str, demo_db: str) -> None:
    seed_into(pg_url, scale=1, seed=42, as_of=AS_OF)
    queries = [
        f"SELECT count(*) FROM {t}"  # noqa: S608 (fixed table names)
        for t in (
            "agencies",
            "sites",
            "persons",
            "movements",
            "meetings",
            "meeting_agencies",
            "actions",
            "action_updates",
            "incidents",
            "operations",
            "operation_findings",
            "calendar_events",
        )
    ]
    queries += [
        "SELECT sum(birth_year) FROM persons WHERE lifecycle = 'active'",
        "SELECT sum(capacity) FROM sites",
        "SELECT count(DISTINCT case_number) FROM persons",
    ]
    with db.get_engine(pg_url).connect() as pg, db.get_engine(demo_db).connect() as lite:
        assert [one(pg, q) for q in queries] == [one(lite, q) for q in queries]
    with db.session_scope(pg_url) as session:  # the id sequences moved past the demo ids
        agency = Agency(code="TEST-AGENCY", name="Instansi Uji", kind="other")
        session.add(agency)
        session.flush()
        assert agency.id > session.scalar(
            text("SELECT max(id) FROM agencies WHERE code <> 'TEST-AGENCY'")
        )
