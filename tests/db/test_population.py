"""The summaries `person_counts` and `person_age_counts` (kept by triggers) stay equal to
counting the persons, through every kind of write, and every read through them equals the
same read counting persons directly, for any filter (age groups included), scope and
reference date; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import threading
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import AGE_GROUPS, Filters
from pora_dash.reads import areas, attention, origins, overview, population, stability
from pora_dash.store import db
from pora_dash.store.models import (
    ACCOMMODATIONS,
    DEPARTURES,
    UNHCR_STATUSES,
    Person,
    PersonAgeCount,
    PersonCount,
    Site,
)
from tests import fixtures

KECAMATAN = ["31.71.06", "31.75.04", "33.29.05", "33.29.06"]
PLACES = [*KECAMATAN, "33.29.05.2001"]
NATIONS = ["AFG", "MMR", "SOM", "IRQ"]
START = dt.date(2021, 1, 1)
TODAY = dt.date(2024, 11, 22)  # DEMO_AS_OF, pinned by conftest


SUMMARIES = {"person_counts": PersonCount, "person_age_counts": PersonAgeCount}
_PLACE = ("province_code", "kabkota_code")


def _summary(session: Session) -> dict[tuple, int]:
    """Both summaries' rows with someone, keyed by (table, its key..., province, kab/kota)."""
    out: dict[tuple, int] = {}
    for table, model in SUMMARIES.items():
        key = [c for c in model.__table__.primary_key.columns] + [
            model.__table__.c[c] for c in _PLACE
        ]
        rows = session.execute(select(*key, model.n).where(model.n != 0)).all()
        out.update({(table, *r[:-1]): r[-1] for r in rows})
    return out


def _counted(session: Session) -> dict[tuple, int]:
    """The same counted over the active persons."""
    out: dict[tuple, int] = {}
    for table, model in SUMMARIES.items():
        key = [
            func.coalesce(Person.site_id, 0) if c.name == "site_id" else Person.__table__.c[c.name]
            for c in model.__table__.primary_key.columns
        ] + [Person.__table__.c[c] for c in _PLACE]
        rows = session.execute(
            select(*key, func.count()).where(Person.lifecycle == "active").group_by(*key)
        ).all()
        out.update({(table, *r[:-1]): r[-1] for r in rows})
    return out


def _random_person(rng: random.Random, ref: str) -> Person:
    arrival = START + dt.timedelta(days=rng.randrange((TODAY - START).days + 1))
    left = None
    lifecycle = "active"
    if rng.random() < 0.35:
        lifecycle = rng.choice(DEPARTURES)
        left = arrival + dt.timedelta(days=rng.randrange((TODAY - arrival).days + 1))
    p = fixtures.person(
        ref,
        rng.choice(PLACES),
        nationality=rng.choice(NATIONS),
        status=rng.choice(UNHCR_STATUSES),
        sex=rng.choice("MF"),
        birth_year=rng.randrange(1950, 2024),
        arrival=arrival,
        lifecycle=lifecycle,
        left=left,
        accommodation=rng.choice(ACCOMMODATIONS),
    )
    return p


def _world(url: str, n: int = 240, seed: int = 7) -> None:
    rng = random.Random(seed)
    with db.session_scope(url) as session:
        fixtures.load_regions(session)
        for i, kec in enumerate(("33.29.05", "31.75.04"), start=1):
            site = Site(id=i, code=f"S{i}", name=f"Shelter {i}", kind="shelter", capacity=50)
            site.place(kec)
            session.add(site)
        session.flush()
        for i in range(n):
            p = _random_person(rng, f"R{i}")
            if p.kecamatan_code in ("33.29.05", "31.75.04") and rng.random() < 0.5:
                p.site_id = 1 if p.kecamatan_code == "33.29.05" else 2
            session.add(p)


def test_summary_follows_every_kind_of_write(any_db: str) -> None:
    rng = random.Random(3)
    _world(any_db, n=120)
    with db.session_scope(any_db) as session:
        assert _summary(session) == _counted(session)
        assert sum(_summary(session).values()) > 0
    # ORM updates of single persons: status, place, site, departure, return, birth year
    with db.session_scope(any_db) as session:
        people = session.scalars(select(Person).order_by(Person.id)).all()
        for p in rng.sample(people, 40):
            change = rng.randrange(7)
            if change == 0:
                p.unhcr_status = rng.choice(UNHCR_STATUSES)
            elif change == 1:
                p.place(rng.choice(PLACES))
                p.site_id = None
            elif change == 2 and p.lifecycle == "active":
                p.lifecycle, p.lifecycle_date = "resettled", TODAY
            elif change == 3 and p.lifecycle != "active":
                p.lifecycle, p.lifecycle_date = "active", None
            elif change == 4:
                p.birth_year = rng.randrange(1950, 2024)
            elif change == 5:
                p.accommodation = rng.choice(ACCOMMODATIONS)
            else:
                p.nationality, p.sex = rng.choice(NATIONS), rng.choice("MF")
    with db.session_scope(any_db) as session:
        assert _summary(session) == _counted(session)
    # bulk statements, as the importer writes them: executemany UPDATE, multi-row INSERT
    with db.session_scope(any_db) as session:
        ids = session.scalars(select(Person.id).where(Person.lifecycle == "active")).all()
        session.execute(
            update(Person),
            [
                {"id": i, "unhcr_status": "refugee", "accommodation": "shelter", "birth_year": y}
                for i, y in zip(ids[:40], range(1960, 2000), strict=False)
            ],
        )
        columns = [c.key for c in Person.__table__.c if c.key not in ("id", "updated_at")]
        fresh = [_random_person(rng, f"B{i}") for i in range(50)]
        session.execute(insert(Person), [{c: getattr(p, c) for c in columns} for p in fresh])
        # a statement that changes nothing the summary holds
        session.execute(update(Person).values(last_verified_on=TODAY))
    with db.session_scope(any_db) as session:
        assert _summary(session) == _counted(session)
    # raw SQL and deletes
    with db.session_scope(any_db) as session:
        session.execute(text("UPDATE persons SET site_id = NULL WHERE site_id = 2"))
        session.execute(text("UPDATE persons SET birth_year = birth_year + 1 WHERE sex = 'F'"))
        session.execute(delete(Person).where(Person.nationality == "SOM"))
    with db.session_scope(any_db) as session:
        assert _summary(session) == _counted(session)
    # a rolled-back transaction leaves the summary as it was
    with db.session_scope(any_db) as session:
        before = _summary(session)
    with pytest.raises(RuntimeError), db.session_scope(any_db) as session:
        session.execute(delete(Person))
        raise RuntimeError("abandon")
    with db.session_scope(any_db) as session:
        assert _summary(session) == before == _counted(session)


@pytest.mark.postgres
def test_truncate_empties_the_summary(pg_url: str) -> None:
    db.upgrade(pg_url)
    _world(pg_url, n=30)
    with db.session_scope(pg_url) as session:
        session.execute(text("TRUNCATE persons CASCADE"))
    with db.session_scope(pg_url) as session:
        assert _summary(session) == {} == _counted(session)
        session.add(fixtures.person("after", "33.29.05"))
    with db.session_scope(pg_url) as session:
        assert _summary(session) == _counted(session) != {}


@pytest.mark.postgres
def test_concurrent_writers_keep_the_summary_exact(pg_url: str) -> None:
    """Two transactions writing the same summary rows at once: no deadlock, nothing lost."""
    db.upgrade(pg_url)
    _world(pg_url, n=60)
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        rng = random.Random(offset)
        try:
            for batch in range(5):
                with db.session_scope(pg_url) as session:
                    session.add_all(
                        _random_person(rng, f"W{offset}-{batch}-{i}") for i in range(20)
                    )
                    session.flush()
                    session.execute(
                        update(Person)
                        .where(Person.source_ref.like(f"W{offset}-%"))
                        .values(unhcr_status=rng.choice(UNHCR_STATUSES))
                    )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with db.session_scope(pg_url) as session:
        assert _summary(session) == _counted(session)
        assert session.scalar(select(func.count()).select_from(Person)) == 60 + 2 * 5 * 20


# --- every read through the summary equals counting persons ---------------------------------


def _reads(session: Session, filters: Filters, scope: Scope) -> dict[str, object]:
    kw = {"filters": filters, "scope": scope}
    return {
        "headline": overview.headline(session, **kw),
        "total": population.active_total(session, **kw),
        "nationality": overview.by_nationality(session, **kw),
        "status": overview.by_status(session, **kw),
        "area": overview.by_area(session, **kw),
        "metrics": areas.area_metrics(session, **kw).sort_values("code", ignore_index=True),
        "sites": areas.sites(session, **kw),
        "trend": overview.monthly_trend(session, **kw, months=30),
        "by_status": origins.monthly_active_by(session, **kw, dimension="status", months=30),
        "by_nation": origins.monthly_active_by(session, **kw, dimension="nationality", top=2),
        "cross": origins.cross_counts(session, **kw, rows="area", columns="status").sort_values(
            ["row", "column"], ignore_index=True
        ),
        "accommodation": origins.by_accommodation(session, **kw),
        "pyramid": origins.by_sex_age(session, **kw),
        "attention": attention.attention_table(session, **kw).sort_values(
            "code", ignore_index=True
        ),
    }


def _same(a: object, b: object) -> bool:
    if isinstance(a, pd.DataFrame):
        assert isinstance(b, pd.DataFrame)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
        return True
    return a == b


def filters_on(days: st.SearchStrategy[dt.date | None]) -> st.SearchStrategy[Filters]:
    return st.builds(
        Filters,
        wilayah=st.sampled_from([None, "31", "33", "31.75", "33.29", *KECAMATAN]),
        nationalities=st.lists(st.sampled_from(NATIONS), max_size=2, unique=True).map(tuple),
        statuses=st.lists(st.sampled_from(UNHCR_STATUSES), max_size=2, unique=True).map(tuple),
        accommodations=st.lists(st.sampled_from(ACCOMMODATIONS), max_size=1).map(tuple),
        sexes=st.lists(st.sampled_from("MF"), max_size=1).map(tuple),
        age_groups=st.lists(st.sampled_from(AGE_GROUPS), max_size=2, unique=True).map(tuple),
        as_of=days,
    )


scopes = st.sampled_from(
    [Scope.national(), Scope(frozenset({"33.29"})), Scope(frozenset({"31", "33.29.06"}))]
)


# hypothesis on a database fixture: examples are slow and the fixture is the same world
SLOW = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def _days(events: list[Any]) -> st.SearchStrategy[dt.date]:
    """Any day, or a day someone arrived or left (`events`: arrival and departure dates), where
    an off-by-one would show."""
    event_days = sorted({d for row in events for d in row if d is not None})
    return st.one_of(
        st.sampled_from(event_days),
        st.dates(min_value=dt.date(2020, 6, 1), max_value=TODAY + dt.timedelta(days=40)),
    )


def test_reads_through_the_summary_equal_counting_persons(
    any_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _world(any_db)
    with db.session_scope(any_db) as session:
        # a person moved and one whose status changed after arriving: current place and status
        p = session.scalars(select(Person).where(Person.lifecycle == "active")).first()
        assert p is not None
        p.place("31.71.06")
        p.unhcr_status = "rejected"
        # the days an arrival or a departure happened: where an off-by-one would show
        events = session.execute(select(Person.arrival_date, Person.lifecycle_date)).all()
    arrived = sorted({a for a, left in events if left is None})
    departed = sorted({left for _, left in events if left is not None})
    days = st.one_of(st.none(), _days(events))

    @settings(max_examples=40, **SLOW)
    @given(filters=filters_on(days), scope=scopes)
    def check(filters: Filters, scope: Scope) -> None:
        assert population.summary_serves(filters, scope)
        compare(filters, scope)

    def compare(filters: Filters, scope: Scope) -> None:
        with db.session_scope(any_db) as session:
            fast = _reads(session, filters, scope)
        with monkeypatch.context() as m:
            m.setattr(population, "summary_serves", lambda *a, **k: False)
            with db.session_scope(any_db) as session:
                slow = _reads(session, filters, scope)
        for name in fast:
            assert _same(fast[name], slow[name]), (name, filters, scope)

    # on the very day someone arrived (still here) or left: the boundaries of "active on D"
    for day in [*arrived[::25], *departed[::15], TODAY]:
        compare(Filters(as_of=day), Scope.national())
    check()


def test_event_comparison_equals_counting_persons_on_each_window(any_db: str) -> None:
    """The stability page's comparison (departures in a window, persons active at its end)
    read from the summary and the date indexes equals one scan of the persons, for any
    filter, scope, reference date and window, the windows' edges on days people came or left."""
    _world(any_db)
    with db.session_scope(any_db) as session:
        events = session.execute(select(Person.arrival_date, Person.lifecycle_date)).all()
    days = _days(events)

    @settings(max_examples=60, **SLOW)
    @given(
        filters=filters_on(st.one_of(st.none(), days)),
        scope=scopes,
        end=days,
        length=st.sampled_from([1, 30, 90, 400]),
    )
    def check(filters: Filters, scope: Scope, end: dt.date, length: int) -> None:
        start = end - dt.timedelta(days=length)
        with db.session_scope(any_db) as session:
            fast = stability._departures_and_active(session, filters, scope, start, end)
            slow = stability._departures_and_active_scan(session, filters, scope, start, end)
        assert fast == slow, (filters, scope, start, end)

    check()


def test_age_filter_reads_the_summary_and_desa_counts_persons(any_db: str) -> None:
    _world(any_db)
    assert population.summary_serves(Filters(age_groups=(AGE_GROUPS[0],)), Scope.national())
    assert population.summary_serves(Filters(), Scope.national(), ("birth_year", "sex"))
    # the small summary unless the birth year is needed
    assert population.summary_for(Filters(), ("sex",)) is PersonCount
    assert population.summary_for(Filters(age_groups=("anak",))) is PersonAgeCount
    assert population.summary_for(Filters(), ("birth_year", "sex")) is PersonAgeCount
    assert not population.summary_serves(Filters(wilayah="33.29.05.2001"), Scope.national())
    with db.session_scope(any_db) as session:
        everyone = population.active_total(session, filters=Filters(), scope=Scope.national())
        by_age = sum(
            population.active_total(
                session, filters=Filters(age_groups=(g,)), scope=Scope.national()
            )
            for g in AGE_GROUPS
        )
        assert by_age == everyone > 0


def test_age_reads_take_the_summary_by_birth_year(any_db: str) -> None:
    """The age filter and the pyramid read person_age_counts; reads without age keep the
    small person_counts (the persons table only for the corrections after the day)."""
    from sqlalchemy import event

    _world(any_db, n=40)
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    engine = db.get_engine(any_db)
    event.listen(engine, "before_cursor_execute", record)
    try:
        kw = {"scope": Scope.national()}
        with db.session_scope(any_db) as session:
            population.active_total(session, filters=Filters(age_groups=("anak",)), **kw)
            origins.by_sex_age(session, filters=Filters(), **kw)
            population.active_total(session, filters=Filters(), **kw)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    reads = [s for s in seen if "persons" in s]
    assert len(reads) == 3
    assert all("FROM person_age_counts" in s for s in reads[:2])
    assert "FROM person_counts" in reads[2] and "person_age_counts" not in reads[2]


WRITES = (
    "insert",
    "status",
    "nationality",
    "sex",
    "birth_year",
    "accommodation",
    "site",
    "place",
    "depart",
    "return",
    "delete",
)


def _write(session: Session, kind: str, rng: random.Random, ref: str) -> None:
    """One write of `kind` to a random person (or a new one), through the ORM."""
    if kind == "insert":
        session.add(_random_person(rng, ref))
        return
    # updates of active persons (and a return of a departed one): those the summaries hold
    active = Person.lifecycle != "active" if kind == "return" else Person.lifecycle == "active"
    ids = session.scalars(select(Person.id).where(active).order_by(Person.id)).all()
    p = session.get_one(Person, rng.choice(ids))
    if kind == "status":
        p.unhcr_status = rng.choice(UNHCR_STATUSES)
    elif kind == "nationality":
        p.nationality = rng.choice(NATIONS)
    elif kind == "sex":
        p.sex = "F" if p.sex == "M" else "M"
    elif kind == "birth_year":
        p.birth_year = rng.randrange(1920, 2025)
    elif kind == "accommodation":
        p.accommodation = rng.choice(ACCOMMODATIONS)
    elif kind == "site":
        sites = {"33.29.05": 1, "31.75.04": 2}
        p.site_id = None if p.site_id else sites.get(p.kecamatan_code)
    elif kind == "place":
        p.place(rng.choice(PLACES))
        p.site_id = None
    elif kind == "depart":
        p.lifecycle, p.lifecycle_date = rng.choice(DEPARTURES), max(p.arrival_date, TODAY)
    elif kind == "return":
        p.lifecycle, p.lifecycle_date = "active", None
    else:
        session.delete(p)


def test_summary_exact_after_each_write_for_random_filters_with_age(
    any_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hypothesis picks writes (insert, an update of each attribute the summaries hold incl.
    birth year, place and lifecycle, delete) and a filter (age groups included): after each
    write the summaries equal counting the persons, and the reads through them equal the same
    reads counting persons directly. The writes pile up on one database."""
    _world(any_db, n=150)
    refs = iter(range(10**6))
    days = st.one_of(st.none(), st.dates(min_value=dt.date(2021, 6, 1), max_value=TODAY))

    def reads(filters: Filters, scope: Scope) -> dict[str, object]:
        kw = {"filters": filters, "scope": scope}
        with db.session_scope(any_db) as session:
            return {
                "total": population.active_total(session, **kw),
                "nationality": overview.by_nationality(session, **kw),
                "area": overview.by_area(session, **kw),
                "pyramid": origins.by_sex_age(session, **kw),
                "cross": origins.cross_counts(
                    session, **kw, rows="nationality", columns="status"
                ).sort_values(["row", "column"], ignore_index=True),
                "trend": overview.monthly_trend(session, **kw, months=12),
            }

    @settings(max_examples=30, **SLOW)
    @given(
        kinds=st.lists(st.sampled_from(WRITES), min_size=1, max_size=4),
        seed=st.integers(0, 2**16),
        filters=filters_on(days),
        scope=scopes,
    )
    def check(kinds: list[str], seed: int, filters: Filters, scope: Scope) -> None:
        rng = random.Random(seed)
        for kind in kinds:
            with db.session_scope(any_db) as session:
                _write(session, kind, rng, f"H{next(refs)}")
            with db.session_scope(any_db) as session:
                assert _summary(session) == _counted(session), kind
        assert population.summary_serves(filters, scope)
        fast = reads(filters, scope)
        with monkeypatch.context() as m:
            m.setattr(population, "summary_serves", lambda *a, **k: False)
            slow = reads(filters, scope)
        for name in fast:
            assert _same(fast[name], slow[name]), (name, kinds, filters, scope)

    check()


def test_trend_ends_at_the_headline_and_steps_by_its_flows(any_db: str) -> None:
    """The last month's active equals the headline on the reference date, and each month's
    change is its arrivals less its departures."""
    _world(any_db)
    for day in (TODAY, dt.date(2023, 3, 14)):
        filters = Filters(as_of=day)
        with db.session_scope(any_db) as session:
            trend = overview.monthly_trend(session, filters=filters, scope=Scope.national())
            head = overview.headline(session, filters=filters, scope=Scope.national())
        assert trend["active"].iloc[-1] == head.active
        steps = trend["active"].diff().iloc[1:]
        flows = (trend["arrivals"] - trend["departures"]).iloc[1:]
        assert list(steps) == list(flows)
