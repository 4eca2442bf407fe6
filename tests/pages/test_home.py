"""The home page (Ringkasan) through AppTest: the national total equals a direct SQL count,
formatted the Indonesian way; nothing is shown before sign-in."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from pora_dash.i18n import fmt_int
from pora_dash.store import db
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF

ACTIVE_SQL = text(
    "SELECT count(*) FROM persons WHERE arrival_date <= :d "
    "AND (lifecycle = 'active' OR lifecycle_date > :d)"
)


def _sql_active(url: str) -> int:
    with db.session_scope(url) as session:
        return int(session.scalar(ACTIVE_SQL, {"d": DEMO_AS_OF}))


def test_home_shows_the_national_total_like_sql(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin")
    assert not at.exception
    expected = _sql_active(demo_db)
    assert 11_500 < expected < 12_500
    assert metric_values(at)["Orang asing perhatian aktif"] == fmt_int(expected)
    assert "." in metric_values(at)["Orang asing perhatian aktif"]  # 12.xxx, not 12,xxx


def test_nothing_but_the_sign_in_form_before_sign_in(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, None)
    assert not at.exception
    assert not at.metric
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]


def test_stats_cli_reports_sirampog(demo_db: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pora_dash", "stats", "--wilayah", "33.29.05", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "PORA_DATABASE_URL": demo_db},
    )
    stats = json.loads(out.stdout)
    assert stats["active"] == 3
    assert stats["name"] == "Sirampog"
    assert stats["top_nationalities"][0]["code"] == "PSE"


def test_stats_cli_refuses_an_unknown_code(demo_db: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pora_dash", "stats", "--wilayah", "99.99.99"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PORA_DATABASE_URL": demo_db},
    )
    assert out.returncode == 2
    assert "tidak dikenal" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.browser
def test_browser_reads_the_national_total(live_app: str, browser_page, demo_db: str) -> None:
    from tests.chromium import sign_in

    sign_in(browser_page, live_app, "pimpinan", "demo-pora-2024")
    metric = browser_page.get_by_test_id("stMetric").filter(has_text="Orang asing perhatian aktif")
    value = metric.get_by_test_id("stMetricValue").inner_text()
    assert value == fmt_int(_sql_active(demo_db))
