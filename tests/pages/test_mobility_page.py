"""The Mobilitas page under AppTest on the demo data: the figures a team member reads are the
reads' own, a viewer reads only published values, the cohort follows its URL parameters and a
bad one gets a notice."""

from __future__ import annotations

import datetime as dt
import re

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_int
from pora_dash.reads import mobility
from pora_dash.store import db
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF

PAGE = "app_pages/mobility.py"
NET = "Bersih (masuk − keluar)"


def _frames(at) -> list:  # type: ignore[no-untyped-def]
    return [d.value for d in at.dataframe]


def test_admin_reads_the_flows_and_the_cohort(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(
        demo_db, "admin", page=PAGE, params={"wilayah": "31", "kohort": "2023-11", "periode": "365"}
    )
    assert not at.exception
    f = Filters(wilayah="31", as_of=DEMO_AS_OF, period_days=365)
    with db.session_scope(demo_db) as session:
        flows = mobility.flows(session, filters=f, scope=Scope.national())
        cohort = mobility.cohort(
            session,
            filters=f,
            scope=Scope.national(),
            start=dt.date(2023, 11, 1),
            end=dt.date(2023, 11, 30),
        )
    assert len(flows) > 3
    metrics = metric_values(at)
    assert metrics["Perpindahan antarwilayah"] == fmt_int(int(flows["n"].sum()))
    assert metrics["Jumlah kohort"] == fmt_int(int(cohort["n"].sum()))
    for outcome, label in (
        ("here", "Masih di wilayah"),
        ("moved", "Pindah ke wilayah lain"),
        ("departed", "Keluar dari pendataan"),
    ):
        assert metrics[label] == fmt_int(int(cohort.loc[cohort["outcome"] == outcome, "n"].sum()))
    corridors = _frames(at)[0]
    assert list(corridors["Orang"])[0] == fmt_int(int(flows["n"].max()))
    # kab/kota inside DKI, by the short names the two half-width tables have room for
    assert "Jakarta Selatan" in set(corridors["Ke"])
    assert "Kota Administrasi" not in " ".join(corridors["Ke"])


def test_a_viewer_reads_only_published_counts(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pemirsa.jakarta", page=PAGE, params={"periode": "365"})
    assert not at.exception
    # every metric counts people but the number of areas with flows (not people)
    shown = [v for k, v in metric_values(at).items() if k != "Wilayah dengan arus"]
    for frame in _frames(at):
        for column in frame.columns:
            if column in ("Orang", "Masuk", "Keluar"):
                shown += list(frame[column])
    counts = [s for s in shown if re.fullmatch(r"[\d.]+|<5", s)]
    assert counts, "the page shows counts"
    for value in counts:
        assert value == "<5" or int(value.replace(".", "")) % 5 == 0, value


def test_a_bad_cohort_month_gets_a_notice(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=PAGE, params={"kohort": "2023-13"})
    assert not at.exception
    assert any("kohort" in w.value and "2023-13" in w.value for w in at.warning)
    assert "Jumlah kohort" in metric_values(at)


def test_a_future_cohort_month_gets_a_notice(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=PAGE, params={"kohort": "2031-01"})
    assert not at.exception
    assert any("2031-01" in w.value for w in at.warning)


def test_the_net_movement_is_signed_with_the_typographic_minus(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=PAGE, params={"wilayah": "31", "periode": "365"})
    assert not at.exception
    net = [v for f in _frames(at) if NET in f.columns for v in f[NET]]
    assert any(v.startswith("−") for v in net), net  # some area loses people
    for value in net:
        assert value in ("0", "–") or re.fullmatch(r"[+−][\d.]+", value), value
