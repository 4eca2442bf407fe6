"""Today, in Indonesia's western time zone (where day boundaries for "overdue" fall).

`PORA_TODAY=YYYY-MM-DD` pins the date, for tests and for reproducing a past view.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Jakarta")


def today() -> dt.date:
    pinned = os.environ.get("PORA_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.datetime.now(TZ).date()
