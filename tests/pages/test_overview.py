"""The overview (Ringkasan) through AppTest, against direct SQL counts on the demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pora_dash.access import auth
from pora_dash.i18n import fmt_int
from pora_dash.store import db
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF

ACTIVE = "Orang asing perhatian aktif"
LEVEL_COLUMN = {1: "province_code", 2: "kabkota_code", 3: "kecamatan_code"}


def sql_count(url: str, wilayah: str | None, extra: str = "") -> int:
    where = "arrival_date <= :d AND (lifecycle = 'active' OR lifecycle_date > :d)"
    params: dict = {"d": DEMO_AS_OF}
    if wilayah:
        where += f" AND {LEVEL_COLUMN[wilayah.count('.') + 1]} = :w"
        params["w"] = wilayah
    with db.session_scope(url) as session:
        query = text(f"SELECT count(*) FROM persons WHERE {where} {extra}")  # noqa: S608
        return int(session.scalar(query, params))


@pytest.mark.parametrize("wilayah", [None, "31", "33.29", "33.29.05", "12.71"])
def test_headline_equals_sql_for_an_exact_viewer(demo_db: str, use_db, wilayah) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", params={"wilayah": wilayah} if wilayah else None)
    assert not at.exception
    figures = metric_values(at)
    assert figures[ACTIVE] == fmt_int(sql_count(demo_db, wilayah))
    refugees = sql_count(demo_db, wilayah, "AND unhcr_status = 'refugee'")
    assert figures["Pengungsi"] == fmt_int(refugees)


@pytest.mark.parametrize("username", ["admin", "pimpinan", "kesbangpol.brebes"])
def test_the_team_sees_sirampog_exactly(demo_db: str, use_db, username: str) -> None:
    use_db(demo_db)
    figures = metric_values(app_as(demo_db, username, params={"wilayah": "33.29.05"}))
    assert figures[ACTIVE] == "3"
    assert figures["Pengungsi"] == "3"
    assert figures["Memiliki dokumen UNHCR"] == "100,0%"


def test_a_viewer_sees_sirampog_protected(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    with db.session_scope(demo_copy) as session:
        auth.create_user(
            session,
            username="pemirsa.brebes",
            password="pemirsa-brebes-2024",
            role="viewer",
            display_name="Pemirsa Brebes",
            regions=["33.29"],
        )
    at = app_as(demo_copy, "pemirsa.brebes", params={"wilayah": "33.29.05"})
    figures = metric_values(at)
    assert figures[ACTIVE] == "<5"
    assert figures["Pengungsi"] == "<5"
    assert figures["Memiliki dokumen UNHCR"] == "–"  # a share of fewer than 20 is not shown
    shown = " ".join(str(c.value) for c in at.caption) + " ".join(i.value for i in at.info)
    assert "Angka orang dibulatkan ke kelipatan 5" in shown
    assert "Terlalu sedikit untuk dirinci" in shown  # no breakdown of 3 people


def test_filters_in_the_url_reproduce_the_view(demo_db: str, use_db) -> None:
    use_db(demo_db)
    params = {"wilayah": "31", "wn": "AFG", "status": "refugee", "jk": "F"}
    first = app_as(demo_db, "admin", params=params)
    again = app_as(demo_db, "admin", params=params)
    assert metric_values(first) == metric_values(again)
    expected = sql_count(
        demo_db, "31", "AND nationality = 'AFG' AND unhcr_status = 'refugee' AND sex = 'F'"
    )
    assert metric_values(first)[ACTIVE] == fmt_int(expected)
    assert first.title[0].value == "Ringkasan · Daerah Khusus Ibukota Jakarta"
    # the sidebar shows the URL's filters
    assert first.sidebar.selectbox(key="f_level1").value == "31"
    assert first.sidebar.multiselect(key="f_nat").value == ["AFG"]


def test_a_bad_parameter_is_ignored_with_a_notice(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(
        demo_db, "admin", params={"wilayah": "99.99", "wn": "AFG,XYZ", "tanggal": "kemarin"}
    )
    assert not at.exception
    notices = " ".join(i.value for i in at.info)
    assert "'wilayah'" in notices and "'99.99'" in notices
    assert "'XYZ'" in notices and "'kemarin'" in notices
    # the valid part still applies
    expected = sql_count(demo_db, None, "AND nationality = 'AFG'")
    assert metric_values(at)[ACTIVE] == fmt_int(expected)


def test_an_empty_result_says_so(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", params={"wilayah": "33.29.05", "wn": "SOM"})
    assert not at.exception
    assert metric_values(at)[ACTIVE] == "0"
    assert any("Tidak ada data" in i.value for i in at.info)
    assert not at.dataframe


def test_choosing_a_province_in_the_sidebar_filters(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin")
    at.sidebar.selectbox(key="f_level1").select("33").run()
    assert at.query_params["wilayah"] == "33"
    assert metric_values(at)[ACTIVE] == fmt_int(sql_count(demo_db, "33"))


@pytest.mark.parametrize("params", [{"wilayah": "31.71"}, {"wilayah": "31"}, {"wilayah": "12"}])
def test_brebes_user_gets_nothing_of_another_region(demo_db: str, use_db, params) -> None:
    use_db(demo_db)
    own = metric_values(app_as(demo_db, "kesbangpol.brebes"))
    at = app_as(demo_db, "kesbangpol.brebes", params=params)
    assert any("di luar cakupan" in i.value for i in at.info)
    assert metric_values(at) == own  # the Brebes view, not the other region's figures
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "Jakarta" not in shown and "Sumatera" not in shown


def test_brebes_scope_only_offers_brebes(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "kesbangpol.brebes")
    assert at.sidebar.selectbox(key="f_level1").options == ["Jawa Tengah"]
    at.sidebar.selectbox(key="f_level1").select("33").run()
    assert at.sidebar.selectbox(key="f_level2").options == ["Kabupaten Brebes"]


def test_action_counts_are_shown_exactly_even_to_leadership(demo_db: str, use_db) -> None:
    """Follow-up actions are not people: "<5" would only hide the team's own backlog."""
    from pora_dash.access.scope import Scope
    from pora_dash.filters import Filters
    from pora_dash.reads import followups

    use_db(demo_db)
    with db.session_scope(demo_db) as session:
        codes = session.execute(
            text("SELECT DISTINCT kecamatan_code FROM meetings WHERE kecamatan_code IS NOT NULL")
        ).scalars()
        small = None
        for code in codes:
            counts = followups.action_counts(
                session, filters=Filters(wilayah=code, as_of=DEMO_AS_OF), scope=Scope.national()
            )
            if 0 < counts.open < 5:
                small = (code, counts)
                break
    assert small, "the demo data has a kecamatan with 1-4 open actions"
    code, counts = small
    figures = metric_values(app_as(demo_db, "pimpinan", params={"wilayah": code}))
    assert figures["Tindak lanjut terbuka"] == str(counts.open)
