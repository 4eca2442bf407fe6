"""The warmer (ui/warm.py): after any process writes, the views used most lately are read
again in the background, the most used first, within its budget, and a view that fails does
not stop the others."""

from __future__ import annotations

import threading
import time

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.store import db
from pora_dash.ui import warm


def read_a(session, *, filters, scope):  # type: ignore[no-untyped-def]
    return 1


def read_b(session, *, filters, scope):  # type: ignore[no-untyped-def]
    return 2


def test_the_most_used_views_come_first(sqlite_db: str) -> None:
    recent = warm.Recent(limit=3)
    nation, brebes = Filters(), Filters(wilayah="33.29")
    for _ in range(3):
        recent.note(read_a, sqlite_db, brebes, Scope.national(), ())
    recent.note(read_b, sqlite_db, nation, Scope.national(), ())
    recent.note(read_a, sqlite_db, nation, Scope.national(), ())
    recent.note(read_a, sqlite_db, nation, Scope.national(), ())
    top = recent.top()
    assert [(u.fn, u.filters, u.count) for u in top] == [
        (read_a, brebes, 3),
        (read_a, nation, 2),
        (read_b, nation, 1),
    ]
    # a fourth view: the one used least recently is forgotten (Brebes, however often used)
    recent.note(read_b, sqlite_db, brebes, Scope.of(["33.29"]), ())
    kept = [(u.fn, u.filters) for u in recent.top()]
    assert len(kept) == 3 and (read_a, brebes) not in kept and (read_b, brebes) in kept
    assert recent.top(window_s=0) == []  # nothing used in the last instant


def test_warm_reads_within_its_budget_and_survives_a_failure(sqlite_db: str) -> None:
    recent = warm.Recent()
    for fn in (read_a, read_b):
        recent.note(fn, sqlite_db, Filters(), Scope.national(), ())
    seen = []

    def read(use: warm.Use) -> None:
        seen.append(use.fn)
        if use.fn is read_a:
            raise RuntimeError("this view fails")

    assert warm.warm(recent, read) == 1
    assert seen == [read_a, read_b] or seen == [read_b, read_a]
    assert warm.warm(recent, read, budget_s=-1) == 0  # over budget before the first


def test_a_write_by_anyone_wakes_the_warmer(sqlite_db: str, monkeypatch) -> None:
    monkeypatch.setattr(warm, "POLL_S", 0.05)
    recent = warm.Recent()
    recent.note(read_a, sqlite_db, Filters(), Scope.national(), ())
    woken = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=warm.run, args=(recent, lambda u: woken.set(), stop))
    thread.start()
    try:
        time.sleep(0.3)
        assert not woken.is_set()  # nothing written yet
        with db.session_scope(sqlite_db) as session:
            db.bump_data_version(session, ["33"])
        assert woken.wait(5)
    finally:
        stop.set()
        thread.join(5)
