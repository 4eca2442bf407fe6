"""The whole run: every layer's step in order, and `seed_demo`, the entry point."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.demo.calendar import calendar_events
from pora_dash.demo.helpers import table_of
from pora_dash.demo.meetings import Meetings
from pora_dash.store import db
from pora_dash.store.models import CalendarEvent, Incident, Person


class Demo(Meetings):
    """The people, and around them incidents, operations, meetings, actions, the calendar."""

    def run(self) -> int:
        self.load_regions()
        self.insert_agencies()
        self.insert_sites()
        count = self.insert_people()
        self.update_capacities()
        self.insert(table_of(CalendarEvent), calendar_events())
        self.insert(table_of(Incident), self.incident_rows())
        ops: dict[str, list[dict[str, Any]]] = {"operations": [], "agencies": [], "findings": []}
        self.routine_operations(ops)
        self.insert_meetings(ops)
        self.sync_sequences()
        return count


def seed_demo(
    session: Session, *, scale: int = 1, seed: int = 42, as_of: dt.date | None = None
) -> int:
    """Fill an empty database (regions loaded) with demo data; returns the persons inserted.

    `as_of` (default: today, see clock.py) ends the history: nothing happens after it except a
    few planned meetings. Same arguments, same data.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if session.scalar(select(func.count()).select_from(Person)):
        raise ValueError("the database already holds persons; demo data goes into an empty one")
    generator = Demo(session, scale=scale, seed=seed, as_of=as_of or clock.today())
    count = generator.run()
    db.bump_data_version(session)
    return count
