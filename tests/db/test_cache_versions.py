"""Cached views and writes, on SQLite and PostgreSQL.

A cached view is never older than a write committed by any process: after a write through
another process (here: a child Python process writing through the entry form's path), the
next read of a view the write touches computes it again and shows the new figure. A write in
one province leaves the cached views of another province as they were (read from the cache,
not computed again), and a write whose provinces are not known invalidates every view.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.importing import Actor, entry
from pora_dash.reads import population
from pora_dash.store import db
from pora_dash.ui import cache, warm
from tests import import_world as world

ROOT = Path(__file__).resolve().parents[2]
COMPUTED: list[str] = []  # one entry per computation of `counted` (not per cached answer)


def counted(session: Session, *, filters: Filters, scope: Scope) -> int:
    """The active population of a view, noting that it was computed."""
    COMPUTED.append(filters.wilayah or "")
    return population.active_total(session, filters=filters, scope=scope)


def person(ref: str, kecamatan: str) -> dict:
    return {
        "source_agency": "UNHCR",
        "source_ref": ref,
        "nationality": "AFG",
        "unhcr_status": "refugee",
        "sex": "F",
        "birth_year": 1990,
        "arrival_date": "2024-05-01",
        "region_code": kecamatan,
        "accommodation": "independent",
    }


def write_in_another_process(url: str, values: dict) -> None:
    """The entry form's write, committed by a separate Python process."""
    code = (
        "import json, sys\n"
        "from pora_dash.importing import Actor, entry\n"
        "entry.save('persons', json.loads(sys.argv[2]), actor=Actor('proses.lain'), url=sys.argv[1])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-c", code, url, json.dumps(values)], check=True, env=env, timeout=120
    )


@pytest.fixture(autouse=True)
def _no_warming(monkeypatch: pytest.MonkeyPatch) -> None:
    """A warmer thread started by an earlier in-process app test would read these views again
    after each write (adding its computations to COMPUTED): the views noted here are kept
    from it. The warmer has its own tests (test_warm.py)."""
    monkeypatch.setattr(cache, "recent", warm.Recent())


def view(url: str, wilayah: str | None) -> int:
    del url  # the app reads the database of its settings (use_db)
    return cache.read(counted, filters=Filters(wilayah=wilayah), scope=Scope.national())


def test_a_write_by_another_process_is_seen_and_only_where_it_wrote(any_db: str, use_db) -> None:
    world.build(any_db)
    use_db(any_db)
    brebes, jakarta = view(any_db, "33.29"), view(any_db, "31.71")
    nation = view(any_db, None)
    COMPUTED.clear()
    assert (view(any_db, "33.29"), view(any_db, "31.71"), view(any_db, None)) == (
        brebes,
        jakarta,
        nation,
    )
    assert COMPUTED == []  # all three from the cache

    write_in_another_process(any_db, person("PROSES-1", "33.29.05"))  # Sirampog, Brebes
    assert view(any_db, "33.29") == brebes + 1  # seen at the next read
    assert view(any_db, None) == nation + 1
    assert view(any_db, "31.71") == jakarta
    assert COMPUTED == ["33.29", ""]  # Jakarta Pusat was not computed again

    # the same person moves to Jakarta Pusat: both provinces are touched
    COMPUTED.clear()
    write_in_another_process(any_db, person("PROSES-1", "31.71.01"))
    assert (view(any_db, "33.29"), view(any_db, "31.71")) == (brebes, jakarta + 1)
    assert sorted(COMPUTED) == ["31.71", "33.29"]


def test_a_write_of_unknown_provinces_invalidates_every_view(any_db: str, use_db) -> None:
    world.build(any_db)
    use_db(any_db)
    view(any_db, "33.29")
    view(any_db, "31.71")
    COMPUTED.clear()
    with db.session_scope(any_db) as session:
        db.bump_data_version(session)  # e.g. the calendar, a setting, a sites file
    view(any_db, "33.29")
    view(any_db, "31.71")
    assert sorted(COMPUTED) == ["31.71", "33.29"]


def test_an_import_names_the_provinces_it_touched(any_db: str) -> None:
    world.build(any_db)
    entry.save("persons", person("P-1", "33.29.05"), actor=Actor("uji"), url=any_db)
    with db.session_scope(any_db) as session:
        before = db.data_versions(session)
    entry.save("persons", person("P-1", "32.01.01"), actor=Actor("uji"), url=any_db)
    with db.session_scope(any_db) as session:
        after = db.data_versions(session)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {db.ALL, db.province_key("33"), db.province_key("32")}


def changed_keys(url: str, kind: str, values: dict) -> set[str]:
    """The write counters that one saved record moved."""
    with db.session_scope(url) as session:
        before = db.data_versions(session)
    entry.save(kind, values, actor=Actor("uji"), url=url)
    with db.session_scope(url) as session:
        after = db.data_versions(session)
    return {k for k in after if after[k] != before.get(k)}


def test_incident_and_site_files_name_their_provinces(any_db: str) -> None:
    world.build(any_db)
    incident = {
        "occurred_on": "2024-06-01",
        "kind": "tension",
        "severity": 2,
        "people_involved": 12,
        "description": "Ketegangan warga di Sirampog",
        "source_agency": "UNHCR",
        "region_code": "33.29.05",
    }
    assert changed_keys(any_db, "incidents", incident) == {db.ALL, db.province_key("33")}
    site = {"code": "CH-UJI-1", "name": "Rumah Komunitas Uji", "kind": "community_housing"}
    assert changed_keys(any_db, "sites", {**site, "region_code": "31.71.01"}) == {
        db.ALL,
        db.province_key("31"),
    }
    # the site moves to Brebes: the province it left and the one it reached
    moved = changed_keys(any_db, "sites", {**site, "region_code": "33.29.05"})
    assert moved == {db.ALL, db.province_key("31"), db.province_key("33")}
    # the same site again, unchanged: no view of any province is emptied
    assert changed_keys(any_db, "sites", {**site, "region_code": "33.29.05"}) <= {db.ALL}


def test_a_meeting_and_its_edit_name_their_province(any_db: str) -> None:
    """A rakor in Brebes empties the views of Jawa Tengah (and national ones), not Aceh's."""
    import datetime as dt

    from sqlalchemy import select

    from pora_dash.store.models import Agency
    from pora_dash.writes.followups import create_meeting, update_meeting

    world.build(any_db)

    def moved(write) -> set[str]:  # type: ignore[no-untyped-def]
        with db.session_scope(any_db) as session:
            before = db.data_versions(session)
        with db.session_scope(any_db) as session:
            write(session)
        with db.session_scope(any_db) as session:
            after = db.data_versions(session)
        return {k for k in after if after[k] != before.get(k)}

    made: list[int] = []
    details = {"venue": "Brebes", "agenda": None, "minutes": None, "attendee_ids": []}

    def create(session: Session) -> None:
        office = session.scalar(select(Agency.id).where(Agency.code == "IMIGRASI-33.27"))
        meeting = create_meeting(
            session,
            level="kabkota",
            office_agency_id=office,
            held_on=dt.date(2024, 6, 3),
            region_code="33.29",
            title="Rakor Timpora Kabupaten Brebes",
            username="uji",
            **details,
        )
        made.append(meeting.id)

    def edit(session: Session) -> None:
        update_meeting(
            session,
            meeting_id=made[0],
            seen_version=1,
            held_on=dt.date(2024, 6, 4),
            title="Rakor Timpora Kabupaten Brebes (diundur)",
            username="uji",
            **details,
        )

    assert moved(create) == {db.ALL, db.province_key("33")}
    assert moved(edit) == {db.ALL, db.province_key("33")}
