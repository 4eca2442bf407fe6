"""The stability page's reads and the page itself: operations and their findings, an event
against the same dates a year earlier (counted by hand), and the incidents the page lists.

Comparison fixture (Sirampog, event on 27 Nov 2024, 90 days: 29 Aug – 26 Nov 2024, and
29 Aug – 26 Nov 2023):
  A since 2020; B since 2020, resettled 15 Sep 2024; C1, C2 arrived 1 Oct 2024; E arrived
  1 Oct 2023; F arrived 28 Aug 2024 (the day before the window: not counted); G arrived on
  the event day (after the window).
  window 2024: arrivals 2 (C1, C2), departures 1 (B), incidents 1 of which high 1,
               operations 1, active at the end 5 (A, C1, C2, E, F)
  window 2023: arrivals 1 (E), departures 0, incidents 2 of which high 0, operations 1,
               active at the end 3 (A, B, E)
"""

from __future__ import annotations

import datetime as dt

import pytest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.present.disclosure import Policy
from pora_dash.present.stability import comparison_cells
from pora_dash.reads import attention, stability
from pora_dash.store import db
from pora_dash.store.models import Action, Agency, Incident, Meeting, Operation, OperationFinding
from tests import fixtures
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF
from tests.db.test_attention import _arrive

EVENT = dt.date(2024, 11, 27)
NATION = Scope.national()


def _operation(session, day: dt.date, region: str, findings: dict[str, int]) -> Operation:  # type: ignore[no-untyped-def]
    op = Operation(held_on=day, kind="operasi_gabungan", lead_agency_id=2, description="uji")
    op.place(region)
    op.agencies = [session.get(Agency, 1), session.get(Agency, 2)]
    op.findings = [OperationFinding(finding=k, count=v) for k, v in findings.items()]
    session.add(op)
    session.flush()
    return op


@pytest.fixture
def world(any_db: str) -> str:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        _arrive(session, "A", "33.29.05", dt.date(2020, 1, 1))
        _arrive(
            session, "B", "33.29.05", dt.date(2020, 1, 1), lifecycle="resettled",
            left=dt.date(2024, 9, 15),
        )  # fmt: skip
        _arrive(session, "C1", "33.29.05", dt.date(2024, 10, 1))
        _arrive(session, "C2", "33.29.05.2001", dt.date(2024, 10, 1))
        _arrive(session, "E", "33.29.05", dt.date(2023, 10, 1))
        _arrive(session, "F", "33.29.05", dt.date(2024, 8, 28))
        _arrive(session, "G", "33.29.05", EVENT)
        _arrive(session, "J", "31.71.06", dt.date(2024, 10, 1))  # elsewhere
        for day, severity in [(dt.date(2024, 9, 1), 3), (dt.date(2023, 9, 1), 1)]:
            i = Incident(occurred_on=day, kind="protest", severity=severity, description="uji")
            i.place("33.29.05")
            session.add(i)
        i = Incident(occurred_on=dt.date(2023, 10, 1), kind="tension", severity=1, description="x")
        i.place("33.29")  # Brebes as a whole: inside a Brebes filter, outside Sirampog
        session.add(i)
        i = Incident(occurred_on=dt.date(2023, 10, 2), kind="tension", severity=1, description="y")
        i.place("33.29.05.2001")
        session.add(i)
        op = _operation(
            session, dt.date(2024, 9, 10), "33.29.05", {"tanpa_dokumen": 4, "keluhan_warga": 1}
        )
        _operation(session, dt.date(2023, 9, 10), "33.29.05", {"tanpa_dokumen": 2})
        _operation(session, dt.date(2024, 9, 11), "31.71.06", {"tanpa_dokumen": 9})
        meeting = Meeting(
            level="kecamatan", office_agency_id=2, held_on=dt.date(2024, 9, 12), title="Rakor"
        )
        meeting.place("33.29.05")
        session.add(meeting)
        session.flush()
        for status in ("open", "done"):
            session.add(
                Action(
                    meeting_id=meeting.id,
                    meeting_date=meeting.held_on,
                    description="tindak lanjut operasi",
                    owner_agency_id=2,
                    due_date=dt.date(2024, 10, 1),
                    status=status,
                    completed_on=dt.date(2024, 9, 30) if status == "done" else None,
                    operation_id=op.id,
                )
            )
    return any_db


def test_the_90_days_before_an_event_against_a_year_earlier(world: str) -> None:
    with db.session_scope(world) as session:
        frame = stability.event_comparison(
            session, filters=Filters(wilayah="33.29.05"), scope=NATION, event_day=EVENT
        )
    got = {m: (a, b) for m, a, b in frame[["metric", "before_event", "year_earlier"]].values}
    assert got == {
        "arrivals": (2, 1),
        "departures": (1, 0),
        "incidents": (1, 2),
        "incidents_high": (1, 0),
        "operations": (1, 1),
        "active_end": (5, 3),
    }
    assert list(frame["change"]) == [1, 1, -1, 1, 0, 2]


def test_comparison_protects_counts_of_people_only(world: str) -> None:
    with db.session_scope(world) as session:
        frame = stability.event_comparison(
            session, filters=Filters(wilayah="33.29.05"), scope=NATION, event_day=EVENT
        )
    cells = comparison_cells(frame, Policy(exact=False))
    # arrivals, departures and active persons are people: "<5"; incidents and operations are not
    assert cells["before"] == ["<5", "<5", "1", "1", "1", "5"]
    assert cells["earlier"] == ["<5", "0", "2", "0", "1", "<5"]
    assert cells["change"] == ["–", "–", "\u22121", "+1", "0", "–"]  # "−1", typographic minus


def test_operations_with_agencies_findings_and_linked_actions(world: str) -> None:
    f = Filters(wilayah="33.29", as_of=dt.date(2024, 11, 20))
    with db.session_scope(world) as session:
        ops = stability.operations(session, filters=f, scope=NATION, period_days=90)
        totals = stability.finding_totals(session, filters=f, scope=NATION, period_days=365)
        jakarta = stability.operations(
            session, filters=Filters(as_of=dt.date(2024, 11, 20)), scope=Scope.of(["31"])
        )
    assert len(ops) == 1
    op = ops.iloc[0]
    assert op["date"] == dt.date(2024, 9, 10)
    assert op["agencies"] == ["Kesbangpol Kabupaten Brebes", "UNHCR Indonesia"]
    assert op["findings"] == {"keluhan_warga": 1, "tanpa_dokumen": 4}
    assert (op["actions"], op["actions_pending"]) == (2, 1)
    # a year back from 20 Nov 2024 reaches the 2024 operation only (10 Sep 2023 is older)
    assert totals.to_dict("list") == {
        "finding": ["tanpa_dokumen", "keluhan_warga"],
        "count": [4, 1],
        "operations": [1, 1],
    }
    assert list(jakarta["region_code"]) == ["31.71.06"]


def test_incident_filters_by_kind_severity_region_and_period(world: str) -> None:
    def ids(**kw) -> int:  # type: ignore[no-untyped-def]
        f = Filters(wilayah=kw.pop("wilayah", "33.29"), as_of=dt.date(2024, 11, 20))
        with db.session_scope(world) as session:
            return len(stability.incidents(session, filters=f, scope=NATION, **kw))

    assert ids(period_days=365) == 1
    assert ids(period_days=730) == 4
    assert ids(period_days=730, wilayah="33.29.05") == 3  # the Brebes-wide one is not in it
    assert ids(period_days=730, kinds=("tension",)) == 2
    assert ids(period_days=730, severities=(3,)) == 1
    assert ids(period_days=730, kinds=("protest",), severities=(1,)) == 1


# --- the page, on the demo data --------------------------------------------------------------


def _incidents(url: str, wilayah: str, days: int, **kw) -> int:  # type: ignore[no-untyped-def]
    f = Filters(wilayah=wilayah, as_of=DEMO_AS_OF, period_days=days)
    with db.session_scope(url) as session:
        return len(stability.incidents(session, filters=f, scope=NATION, period_days=days, **kw))


def test_page_lists_the_incidents_of_the_filter(demo_db: str, use_db) -> None:
    use_db(demo_db)
    params = {"wilayah": "31", "periode": "365"}
    at = app_as(demo_db, "admin", page="app_pages/stability.py", params=params)
    assert not at.exception
    expected = _incidents(demo_db, "31", 365)
    assert expected > 0
    assert metric_values(at)["Kejadian"] == str(expected)
    listed = at.dataframe[0].value
    assert len(listed) == expected
    assert set(listed["Wilayah"].str.split(", ").str[-1]) <= {
        "Kota Administrasi Jakarta Pusat",
        "Kota Administrasi Jakarta Timur",
        "Kota Administrasi Jakarta Barat",
        "Kota Administrasi Jakarta Selatan",
        "Kota Administrasi Jakarta Utara",
        "Kabupaten Administrasi Kepulauan Seribu",
    }
    at = app_as(
        demo_db, "admin", page="app_pages/stability.py", params={**params, "jenis": "protest"}
    )
    protests = _incidents(demo_db, "31", 365, kinds=("protest",))
    assert metric_values(at)["Kejadian"] == str(protests) and protests < expected
    assert set(at.dataframe[0].value["Jenis kejadian"]) == {"Unjuk rasa / berkumpul"}


def test_page_says_so_when_nothing_happened(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(
        demo_db,
        "kesbangpol.brebes",
        page="app_pages/stability.py",
        params={"wilayah": "33.29.05", "periode": "30", "tanggal": "2019-01-31"},
    )
    assert not at.exception
    assert metric_values(at)["Kejadian"] == "0"
    assert any("Tidak ada kejadian" in i.value for i in at.info)


def test_attention_page_ranks_areas_of_the_scope_only(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "kesbangpol.brebes", page="app_pages/attention.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) >= 1
    assert table["Wilayah"].str.endswith(", Kab. Brebes").all()  # kecamatan of Brebes
    at = app_as(demo_db, "pimpinan", page="app_pages/attention.py", params={"wilayah": "31"})
    totals = [float(v.replace(",", ".")) for v in at.dataframe[0].value["Skor total"]]
    assert totals == sorted(totals, reverse=True)
    assert not at.expander or all("administrator" not in e.label for e in at.expander)


# --- calendar events -------------------------------------------------------------------------


def _add(url: str, scope: Scope, **kw) -> int:  # type: ignore[no-untyped-def]
    from pora_dash.writes.calendar import add_event

    values = dict(
        name="Pilkada ulang (uji)",
        kind="pilkada",
        starts_on=dt.date(2025, 3, 1),
        ends_on=None,
        region_code="33.29",
    )
    values.update(kw)
    with db.session_scope(url) as session:
        return add_event(session, scope=scope, username="operator", **values)  # type: ignore[arg-type]


def test_a_regional_event_reaches_the_charts_and_the_attention_table(world: str) -> None:
    from pora_dash.store.models import AuditEntry

    _add(world, Scope.of(["33.29"]))
    day = dt.date(2025, 2, 20)  # nine days before
    with db.session_scope(world) as session:
        brebes = stability.calendar_events(
            session,
            filters=Filters(wilayah="33.29.05"),
            scope=NATION,
            start=day,
            end=EVENT + dt.timedelta(days=200),
        )
        jakarta = stability.calendar_events(
            session,
            filters=Filters(wilayah="31"),
            scope=NATION,
            start=day,
            end=EVENT + dt.timedelta(days=200),
        )
        table = attention.attention_table(
            session, filters=Filters(wilayah="33.29", as_of=day), scope=NATION
        )
        audited = session.query(AuditEntry).filter_by(event="calendar_event_added").count()
    assert list(brebes["name"]) == ["Pilkada ulang (uji)"]
    assert jakarta.empty
    row = table.set_index("code").loc["33.29.05"]
    assert row["event"] == "Pilkada ulang (uji)" and row["event_days"] == 9
    assert row["score_event"] == pytest.approx(100 * (1 - 9 / attention.EVENT_HORIZON))
    assert audited == 1


@pytest.mark.parametrize(
    ("scope", "changes", "key"),
    [
        (NATION, {"name": "  "}, "event.needs_name"),
        (NATION, {"kind": "party"}, "event.bad_kind"),
        (NATION, {"ends_on": dt.date(2025, 2, 1)}, "event.backwards"),
        (NATION, {"region_code": "99.99"}, "meeting.bad_region"),
        (Scope.of(["33.29"]), {"region_code": "31"}, "meeting.out_of_scope"),
        (Scope.of(["33.29"]), {"region_code": None}, "event.national_only"),
    ],
)
def test_a_bad_event_is_refused_and_nothing_written(world: str, scope, changes, key) -> None:
    from pora_dash.reads.followups import FollowupError
    from pora_dash.store.models import CalendarEvent

    with pytest.raises(FollowupError) as refused:
        _add(world, scope, **changes)
    assert refused.value.key == key
    with db.session_scope(world) as session:
        assert session.query(CalendarEvent).count() == 0


# --- recording a field operation -------------------------------------------------------------


def _operation_args(**kw):  # type: ignore[no-untyped-def]
    values = dict(
        held_on=dt.date(2024, 11, 1),
        kind="pendataan",
        region_code="33.29.05",
        lead_agency_id=2,
        agency_ids=[1],
        findings={"tanpa_dokumen": 3, "keluhan_warga": 0},
        description=" pendataan ulang ",
        username="operator",
        today=dt.date(2024, 11, 20),
    )
    values.update(kw)
    return values


def test_a_recorded_operation_is_listed_with_agencies_and_findings(world: str) -> None:
    from pora_dash.store.models import AuditEntry
    from pora_dash.writes.operations import add_operation

    with db.session_scope(world) as session:
        add_operation(session, scope=Scope.of(["33.29"]), **_operation_args())
    f = Filters(wilayah="33.29.05", as_of=dt.date(2024, 11, 20))
    with db.session_scope(world) as session:
        ops = stability.operations(session, filters=f, scope=NATION, period_days=30)
        audited = session.query(AuditEntry).filter_by(event="operation_added").count()
    assert len(ops) == 1
    op = ops.iloc[0]
    assert (op["kind"], op["date"], op["description"]) == (
        "pendataan",
        dt.date(2024, 11, 1),
        "pendataan ulang",
    )
    assert op["agencies"] == ["Kesbangpol Kabupaten Brebes", "UNHCR Indonesia"]  # the lead too
    assert op["findings"] == {"tanpa_dokumen": 3}  # zero counts are not stored
    assert audited == 1


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"kind": "razia"}, "operation.bad_kind"),
        ({"held_on": dt.date(2024, 12, 1)}, "operation.bad_date"),
        ({"region_code": None}, "operation.needs_region"),
        ({"region_code": "31.71.06"}, "meeting.out_of_scope"),
        ({"findings": {"tanpa_dokumen": -1}}, "operation.bad_count"),
        ({"agency_ids": [999]}, "operation.bad_agency"),
    ],
)
def test_a_bad_operation_is_refused_and_nothing_written(world: str, changes, key) -> None:
    from pora_dash.reads.followups import FollowupError
    from pora_dash.store.models import Operation
    from pora_dash.writes.operations import add_operation

    with db.session_scope(world) as session:
        before = session.query(Operation).count()
    with pytest.raises(FollowupError) as refused, db.session_scope(world) as session:
        add_operation(session, scope=Scope.of(["33.29"]), **_operation_args(**changes))
    assert refused.value.key == key
    with db.session_scope(world) as session:
        assert session.query(Operation).count() == before


def test_operators_see_the_operation_form_and_viewers_do_not(demo_db: str, use_db) -> None:
    use_db(demo_db)
    labels = lambda at: [e.label for e in at.expander]  # noqa: E731
    operator = app_as(demo_db, "operator.pemalang", page="app_pages/stability.py")
    assert not operator.exception
    assert "Catat operasi lapangan" in labels(operator)
    viewer = app_as(demo_db, "pemirsa.jakarta", page="app_pages/stability.py")
    assert "Catat operasi lapangan" not in labels(viewer)
