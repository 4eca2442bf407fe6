"""Areas needing attention and the early-warning rule, on a fixture counted by hand.

The reference date D is 20 November 2024, a week before Pilkada voting day (27 November).
Default weights: growth 2, arrivals 3, incidents 3, overdue 1, event 1 (sum 10).

Sirampog (33.29.05)
  growth    18 since 2020 + 2 arrived March 2024 = 20 ninety days ago; + 3 arrived in November
            = 23 now: 3 / max(20, 10) = 15 % of the 20 % full mark        -> 75
  arrivals  3 in the last 30 days; 2 in the 365 days before: usual = 2 × 30 / 365 = 0.164,
            at least 1 -> ratio 3 = the full mark                          -> 100
  incidents high (6) on 1 Oct + low (1) on 1 Nov = 7 of 12 points; a medium one in May is
            older than 90 days                                             -> 58.333
  overdue   2 of the Sirampog rakor's 4 actions (one open, one in progress past due; one due
            next month, one done)                                          -> 40
  event     national Pilkada in 7 days: 100 × (1 − 7/90)                    -> 92.222
  total     (2×75 + 3×100 + 3×58.333 + 1×40 + 1×92.222) / 10               = 75.722
Tonjong (33.29.06): 5 since 2020, one left in October: 4 now, 5 then -> growth clamped to 0;
  only the event -> 92.222 / 10 = 9.222
Menteng (31.71.06): nobody lives there; a medium incident (3 points -> 25) and a Jakarta-only
  Pilkada day tomorrow (100 × (1 − 1/90) = 98.889) -> (3×25 + 98.889) / 10 = 17.389
Kramat Jati (31.75.04): nothing at all -> not listed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import attention, followups
from pora_dash.store import db
from pora_dash.store.models import (
    Action,
    AuditEntry,
    CalendarEvent,
    Incident,
    Meeting,
    Movement,
    Setting,
)
from pora_dash.writes import settings
from tests import fixtures
from tests.fixtures import person

D = dt.date(2024, 11, 20)
NATION = Scope.national()


def _arrive(session, ref: str, region: str, day: dt.date, **kw) -> None:  # type: ignore[no-untyped-def]
    p = person(ref, region, arrival=day, **kw)
    session.add(p)
    session.flush()
    session.add(
        Movement(
            person_id=p.id,
            moved_on=day,
            to_region_code=region,
            to_kecamatan_code=".".join(region.split(".")[:3]),
        )
    )


def _incident(session, region: str, day: dt.date, severity: int) -> None:  # type: ignore[no-untyped-def]
    i = Incident(occurred_on=day, kind="tension", severity=severity, description="uji")
    i.place(region)
    session.add(i)


@pytest.fixture
def world(any_db: str) -> str:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        for n in range(18):
            _arrive(session, f"S{n}", "33.29.05", dt.date(2020, 1, 1))
        for n in range(2):
            _arrive(session, f"SM{n}", "33.29.05", dt.date(2024, 3, 1))
        for n in range(3):
            _arrive(session, f"SN{n}", "33.29.05", dt.date(2024, 11, 1 + n))
        for n in range(4):
            _arrive(session, f"T{n}", "33.29.06", dt.date(2020, 1, 1))
        _arrive(
            session, "T4", "33.29.06", dt.date(2020, 1, 1), lifecycle="resettled",
            left=dt.date(2024, 10, 1),
        )  # fmt: skip
        _incident(session, "33.29.05", dt.date(2024, 10, 1), 3)
        _incident(session, "33.29.05.2001", dt.date(2024, 11, 1), 1)
        _incident(session, "33.29.05", dt.date(2024, 5, 1), 2)  # older than 90 days
        _incident(session, "31.71.06", dt.date(2024, 11, 15), 2)
        _incident(session, "33", dt.date(2024, 11, 10), 3)  # province only: no kab/kecamatan
        meeting = Meeting(
            level="kecamatan",
            office_agency_id=2,
            held_on=dt.date(2024, 7, 17),
            title="Rakor Sirampog",
        )
        meeting.place("33.29.05")
        session.add(meeting)
        session.flush()
        for status, due in [
            ("open", dt.date(2024, 9, 1)),
            ("in_progress", dt.date(2024, 8, 1)),
            ("open", dt.date(2024, 12, 31)),
            ("done", dt.date(2024, 8, 1)),
        ]:
            session.add(
                Action(
                    meeting_id=meeting.id,
                    meeting_date=meeting.held_on,
                    description="uji",
                    owner_agency_id=2,
                    due_date=due,
                    status=status,
                    completed_on=dt.date(2024, 8, 1) if status == "done" else None,
                )
            )
        session.add_all(
            [
                CalendarEvent(
                    name="Pilkada 2024",
                    kind="pilkada",
                    starts_on=dt.date(2024, 11, 27),
                    ends_on=dt.date(2024, 11, 27),
                ),
                CalendarEvent(  # regional: Jakarta only
                    name="Pilkada Jakarta (uji)",
                    kind="pilkada",
                    starts_on=dt.date(2024, 11, 21),
                    ends_on=dt.date(2024, 11, 21),
                    region_code="31",
                ),
                CalendarEvent(  # holidays are not scored
                    name="Libur",
                    kind="holiday",
                    starts_on=dt.date(2024, 11, 21),
                    ends_on=dt.date(2024, 11, 21),
                ),
            ]
        )
    return any_db


def _table(url: str, filters: Filters, scope: Scope = NATION, **kw):  # type: ignore[no-untyped-def]
    with db.session_scope(url) as session:
        return attention.attention_table(session, filters=filters, scope=scope, **kw)


def test_kecamatan_components_and_totals_equal_the_hand_count(world: str) -> None:
    t = _table(world, Filters(as_of=D), level=3).set_index("code")
    assert list(t.index) == ["33.29.05", "31.71.06", "33.29.06"]

    s = t.loc["33.29.05"]
    assert (s.active, s.active_then, s.growth) == (23, 20, 3)
    assert (s.arrivals, s.arrivals_before) == (3, 2)
    assert (s.incidents_1, s.incidents_2, s.incidents_3, s.incident_points) == (1, 0, 1, 7)
    assert s.overdue == 2
    assert s.event == "Pilkada 2024" and s.event_days == 7
    expected = {"growth": 75, "arrivals": 100, "incidents": 700 / 12, "overdue": 40}
    expected["event"] = 100 * (1 - 7 / 90)
    for c, score in expected.items():
        assert s[f"score_{c}"] == pytest.approx(score), c
    assert s.total == pytest.approx(75.7222, abs=1e-4)
    # the parts add up to the total, each = score × weight / 10
    assert sum(s[f"points_{c}"] for c in attention.COMPONENTS) == pytest.approx(s.total)
    assert s.points_arrivals == pytest.approx(30.0)

    m = t.loc["31.71.06"]
    assert (m.active, m.incident_points, m.event, m.event_days) == (
        0,
        3,
        "Pilkada Jakarta (uji)",
        1,
    )
    assert m.total == pytest.approx((3 * 25 + 100 * (1 - 1 / 90)) / 10)

    tj = t.loc["33.29.06"]
    assert (tj.active, tj.active_then, tj.score_growth) == (4, 5, 0)
    assert tj.total == pytest.approx(100 * (1 - 7 / 90) / 10)
    assert "31.75.04" not in t.index  # no signal at all


def test_kabkota_level_adds_up_its_kecamatan(world: str) -> None:
    t = _table(world, Filters(as_of=D)).set_index("code")  # the nation: kab/kota
    assert list(t.index) == ["33.29", "31.71"]
    b = t.loc["33.29"]
    assert (b.active, b.active_then, b.arrivals, b.incident_points, b.overdue) == (27, 25, 3, 7, 2)
    # growth 2 / 25 = 8 % -> 40; the province-only incident counts at neither level
    assert b.total == pytest.approx(
        (2 * 40 + 3 * 100 + 3 * 700 / 12 + 40 + 100 * (1 - 7 / 90)) / 10
    )


def test_weights_change_the_ranking_and_scope_hides_other_areas(world: str) -> None:
    only_incidents = (
        ("arrivals", 0),
        ("event", 0),
        ("growth", 0),
        ("incidents", 1),
        ("overdue", 0),
    )
    t = _table(world, Filters(as_of=D), level=3, weights=only_incidents)
    assert list(t["code"]) == ["33.29.05", "31.71.06", "33.29.06"]
    assert list(t["total"]) == pytest.approx([700 / 12, 25, 0])
    brebes = _table(world, Filters(as_of=D), scope=Scope.of(["33.29"]), level=3)
    assert set(brebes["code"]) == {"33.29.05", "33.29.06"}
    inside = _table(world, Filters(wilayah="33.29.06", as_of=D))
    assert list(inside["code"]) == ["33.29.06"]


def test_saved_weights_are_validated_stored_and_audited(world: str) -> None:
    with db.session_scope(world) as session:
        assert attention.load_weights(session) == attention.DEFAULT_WEIGHTS
        version = db.data_version(session)
    for bad in (
        {"growth": -1},
        {"growth": 11},
        {"growth": "2"},
        dict.fromkeys(attention.COMPONENTS, 0),
    ):
        with pytest.raises(ValueError), db.session_scope(world) as session:
            settings.save_weights(session, bad, username="admin")
    with db.session_scope(world) as session:
        assert session.scalar(select(func.count()).select_from(Setting)) == 0
        settings.save_weights(session, {"incidents": 5}, username="admin")
    with db.session_scope(world) as session:
        assert attention.load_weights(session)["incidents"] == 5
        assert attention.load_weights(session)["growth"] == 2
        entry = session.scalar(select(AuditEntry).where(AuditEntry.event == "attention_weights"))
        assert entry is not None and entry.username == "admin"
        assert db.data_version(session) > version


# --- early warning ---------------------------------------------------------------------------


@pytest.fixture
def arrivals_world(any_db: str) -> str:
    """Kramat Jati: one arrival in every other baseline week (7 in 13 weeks), 6 this week.
    Menteng: the same baseline, 4 this week (under the minimum of 5).
    Tonjong: 8 and 12 arrivals in alternate baseline weeks, 12 this week (within its usual).
    Sirampog: 5 this week after a quiet quarter, but one of them arrived 7 days before D
    (last week), so only 4 count."""
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        n = 0

        def arrive(region: str, day: dt.date, count: int = 1) -> None:
            nonlocal n
            for _ in range(count):
                n += 1
                _arrive(session, f"E{n}", region, day)

        for week in range(1, 14):
            day = D - dt.timedelta(days=7 * week + 2)
            if week % 2:
                arrive("31.75.04", day)
                arrive("31.71.06", day)
            arrive("33.29.06", day, 8 if week % 2 else 12)
        arrive("31.75.04", D, 3)
        arrive("31.75.04", D - dt.timedelta(days=6), 3)
        arrive("31.71.06", D, 4)
        arrive("33.29.06", D - dt.timedelta(days=1), 12)
        arrive("33.29.05", D - dt.timedelta(days=3), 4)
        arrive("33.29.05", D - dt.timedelta(days=7), 1)
    return any_db


def _warnings(url: str, filters: Filters, scope: Scope = NATION):  # type: ignore[no-untyped-def]
    with db.session_scope(url) as session:
        return attention.early_warnings(session, filters=filters, scope=scope)


def test_early_warning_fires_only_above_mean_plus_two_sd_and_five(arrivals_world: str) -> None:
    w = _warnings(arrivals_world, Filters(as_of=D))
    assert list(w["code"]) == ["31.75.04"]
    row = w.iloc[0]
    mean = 7 / 13
    sd = (mean * (1 - mean)) ** 0.5  # 0/1 weeks, population standard deviation
    assert row.recent == 6
    assert row["mean"] == pytest.approx(mean)
    assert row.threshold == pytest.approx(mean + 2 * sd)


def test_early_warning_is_quiet_out_of_scope_before_and_after(arrivals_world: str) -> None:
    assert _warnings(arrivals_world, Filters(as_of=D), Scope.of(["33.29"])).empty
    assert _warnings(arrivals_world, Filters(wilayah="31.71", as_of=D)).empty
    assert _warnings(arrivals_world, Filters(as_of=D - dt.timedelta(days=7))).empty
    # a week later the 6 arrivals are part of the baseline: nothing new
    assert _warnings(arrivals_world, Filters(as_of=D + dt.timedelta(days=7))).empty
    # filters on persons apply: nobody from Somalia arrived
    assert _warnings(arrivals_world, Filters(as_of=D, nationalities=("SOM",))).empty


def test_event_score_is_linear_and_regional() -> None:
    national = attention.Event("P", dt.date(2024, 11, 27), dt.date(2024, 11, 27), None)
    jakarta = attention.Event("J", dt.date(2024, 9, 25), dt.date(2024, 11, 23), "31")
    day = dt.date(2024, 11, 20)
    assert attention.event_score([national], "33.29", day)[0] == pytest.approx(100 * (1 - 7 / 90))
    assert attention.event_score([jakarta], "33.29", day)[1] is None
    score, event, days = attention.event_score([national, jakarta], "31.71.06", day)
    assert (score, event, days) == (100, jakarta, 0)  # under way beats a week ahead
    far = attention.event_score([national], "33.29", dt.date(2024, 8, 29))
    assert far == (0.0, None, -1)  # 90 days ahead: no points


def test_action_counts_leave_out_meetings_after_the_reference_date(world: str) -> None:
    with db.session_scope(world) as session:
        now = followups.action_counts(session, filters=Filters(as_of=D), scope=NATION)
        before = followups.action_counts(
            session, filters=Filters(as_of=dt.date(2024, 7, 16)), scope=NATION
        )
    assert (now.open, now.overdue) == (3, 2)  # the Sirampog rakor of 17 July
    assert (before.open, before.overdue) == (0, 0)  # the day before it: nothing decided yet
