"""On-time rate: per owner agency and month of the due date, the share of actions closed on
time (done on or before the due date) among the actions already due that month. Dropped
actions do not count; an action due but still open counts as not on time.

Counted in the database (one grouped query); the rate is computed from the counts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.sql import in_region, in_scope, month_labels, month_of
from pora_dash.store.models import Action, Agency, Meeting


def first_month(today: dt.date, months: int) -> dt.date:
    """The first day of the earliest of `months` months ending with today's.

    >>> first_month(dt.date(2024, 9, 17), 12)
    datetime.date(2023, 10, 1)
    """
    return dt.date.fromisoformat(month_labels(today, months)[0] + "-01")


def by_month(session: Session, *, filters: Filters, scope: Scope, months: int = 12) -> pd.DataFrame:
    """Columns agency, month ('YYYY-MM'), due, on_time, rate; months with nothing due are
    absent."""
    today = filters.reference_date()
    conds = [
        in_scope(Meeting, scope),
        Action.status != "dropped",
        Action.due_date >= first_month(today, months),
        Action.due_date < today,
    ]
    if filters.wilayah:
        conds.append(in_region(Meeting, filters.wilayah))
    month = month_of(session, Action.due_date)
    on_time = and_(Action.status == "done", Action.completed_on <= Action.due_date)
    stmt = (
        select(
            Agency.name,
            month.label("month"),
            func.count(),
            func.sum(case((on_time, 1), else_=0)),
        )
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Agency, Agency.id == Action.owner_agency_id)
        .where(*conds)
        .group_by(Agency.name, month)
        .order_by(Agency.name, month)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["agency", "month", "due", "on_time"])
    frame["due"] = frame["due"].astype("int64")
    frame["on_time"] = frame["on_time"].astype("int64")
    frame["rate"] = frame["on_time"] / frame["due"]
    return frame


def overall(frame: pd.DataFrame) -> pd.DataFrame:
    """All agencies together per month: month, due, on_time, rate (from the summed counts)."""
    total = frame.groupby("month", as_index=False)[["due", "on_time"]].sum()
    total["rate"] = total["on_time"] / total["due"]
    return total
