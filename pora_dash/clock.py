"""Today, in Indonesia's western time zone (where day boundaries for "overdue" fall).

`PORA_TODAY=YYYY-MM-DD` pins the date, for tests and for reproducing a past view.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Jakarta")


def today(now: dt.datetime | None = None) -> dt.date:
    """The date in Jakarta at `now` (an aware datetime; default: this instant)."""
    pinned = os.environ.get("PORA_TODAY")
    if pinned and now is None:
        return dt.date.fromisoformat(pinned)
    return (now or dt.datetime.now(TZ)).astimezone(TZ).date()
