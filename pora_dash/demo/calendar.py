"""The event calendar: elections, campaign periods and national holidays (no region)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pora_dash.demo.tables import CALENDAR_YEARS, ELECTIONS, IDUL_ADHA, IDUL_FITRI, YEARLY_EVENTS

D = dt.date


def calendar_events() -> list[dict[str, Any]]:
    """Elections, campaign periods and national holidays (national: no region)."""
    events: list[tuple[str, str, dt.date, dt.date]] = list(ELECTIONS)
    for year in CALENDAR_YEARS:
        for name, kind, month, day_of_month in YEARLY_EVENTS:
            events.append((name, kind, D(year, month, day_of_month), D(year, month, day_of_month)))
    for day in IDUL_FITRI:
        events.append(("Hari Raya Idul Fitri", "holiday", day, day + dt.timedelta(days=1)))
    for day in IDUL_ADHA:
        events.append(("Hari Raya Idul Adha", "holiday", day, day))
    events.sort(key=lambda e: (e[2], e[0]))
    return [
        {
            "name": f"{name} {start.year}" if kind == "holiday" or "Sedunia" in name else name,
            "kind": kind,
            "starts_on": start,
            "ends_on": end,
            "region_code": None,
        }
        for name, kind, start, end in events
    ]
