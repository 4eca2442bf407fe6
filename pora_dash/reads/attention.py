"""Areas needing attention ("Wilayah perlu perhatian") and the early-warning rule.

Areas are ranked; persons never are. Every figure behind a rank is a count grouped in SQL,
turned into a 0–100 score by one of the rules below, weighted, and added up:

    total = Σ weight_c × score_c / Σ weight_c          (0 = nothing to note, 100 = every
                                                          component at its full mark)

| component  | measure (per area)                                   | score 100 when            |
| ---------- | ---------------------------------------------------- | ------------------------- |
| growth     | active now − active 90 days ago, over max(then, 10)  | growth ≥ 20 %             |
| arrivals   | arrivals in the last 30 days over the usual 30 days   | 3 × the usual or more     |
|            | (arrivals in the 365 days before them × 30 / 365,     | (score 0 at or below the  |
|            | at least 1)                                           | usual, linear in between) |
| incidents  | incidents in the last 90 days, 1 / 3 / 6 points for   | 12 points or more         |
|            | low / medium / high severity                          |                           |
| overdue    | overdue follow-up actions of meetings in the area     | 5 or more                 |
| event      | days to the next Pilkada, campaign period or election | the event is under way;   |
|            | covering the area, within 90 days                     | 0 at 90 days or more      |

Scores are linear between 0 and their full mark. The weights (default in DEFAULT_WEIGHTS) are
adjustable by an administrator on the page; they are stored in the `settings` table and every
change is in the audit log. Population is counted at the person's current place (see
overview.monthly_trend); incidents known only at a higher level than the table's, and actions of
meetings above it, are not attributed to its areas.

Early warning: in a kecamatan, arrivals in the last 7 days are at least 5 people and exceed the
mean plus two standard deviations of the weekly arrivals in the 13 weeks (91 days) before.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.geo import labels
from pora_dash.reads.population import arrival_conditions_by_part, arrivals_by_part, population
from pora_dash.reads.sql import in_region, in_scope
from pora_dash.store.models import (
    Action,
    CalendarEvent,
    Incident,
    Meeting,
    Movement,
    Person,
    Setting,
)

COMPONENTS = ("growth", "arrivals", "incidents", "overdue", "event")
DEFAULT_WEIGHTS: dict[str, float] = {
    "growth": 2,
    "arrivals": 3,
    "incidents": 3,
    "overdue": 1,
    "event": 1,
}
MAX_WEIGHT = 10
SETTING_KEY = "attention_weights"

GROWTH_DAYS = 90
GROWTH_FLOOR = 10  # the denominator of growth is at least this: +3 on 2 people is not +150 %
GROWTH_FULL = 0.20
ARRIVAL_DAYS = 30
USUAL_DAYS = 365
ARRIVAL_FULL_RATIO = 3.0
INCIDENT_DAYS = 90
SEVERITY_POINTS = {1: 1, 2: 3, 3: 6}
INCIDENT_FULL = 12
OVERDUE_FULL = 5
EVENT_HORIZON = 90
EVENT_KINDS = ("pilkada", "campaign", "other")  # holidays are drawn on charts but not scored

WARNING_WINDOW = 7
WARNING_WINDOWS = 13  # baseline weeks
WARNING_SD = 2.0
WARNING_MINIMUM = 5


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


# --- weights ---------------------------------------------------------------------------------


def validate_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """Weights for every component, numbers from 0 to MAX_WEIGHT, not all zero."""
    out: dict[str, float] = {}
    for name in COMPONENTS:
        value = weights.get(name, DEFAULT_WEIGHTS[name])
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(name)
        if not 0 <= value <= MAX_WEIGHT:
            raise ValueError(name)
        out[name] = float(value)
    if sum(out.values()) <= 0:
        raise ValueError("sum")
    return out


def load_weights(session: Session) -> dict[str, float]:
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        return {k: float(v) for k, v in DEFAULT_WEIGHTS.items()}
    try:
        return validate_weights(json.loads(row.value))
    except (ValueError, TypeError, AttributeError):
        return {k: float(v) for k, v in DEFAULT_WEIGHTS.items()}


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    name: str
    starts_on: dt.date
    ends_on: dt.date
    region_code: str | None

    def covers(self, area: str) -> bool:
        """National events cover every area; a regional one its region and what is inside."""
        return self.region_code is None or area.startswith(self.region_code)


def event_score(events: list[Event], area: str, day: dt.date) -> tuple[float, Event | None, int]:
    """(score, the nearest event covering the area, days until it: 0 when under way)."""
    best: tuple[float, Event | None, int] = (0.0, None, -1)
    for e in events:
        if not e.covers(area) or e.ends_on < day:
            continue
        days = max(0, (e.starts_on - day).days)
        if days >= EVENT_HORIZON:
            continue
        score = 100.0 * (1 - days / EVENT_HORIZON)
        if best[1] is None or score > best[0]:
            best = (score, e, days)
    return best


def _upcoming_events(session: Session, day: dt.date) -> list[Event]:
    stmt = select(
        CalendarEvent.name,
        CalendarEvent.starts_on,
        CalendarEvent.ends_on,
        CalendarEvent.region_code,
    ).where(
        CalendarEvent.kind.in_(EVENT_KINDS),
        CalendarEvent.ends_on >= day,
        CalendarEvent.starts_on < day + dt.timedelta(days=EVENT_HORIZON),
    )
    return [Event(*row) for row in session.execute(stmt).all()]


def table_level(filters: Filters) -> int:
    """Kab/kota for the nation and a province, kecamatan inside a kab/kota."""
    return 2 if filters.level() <= 1 else 3


def _population(session: Session, filters: Filters, scope: Scope, level: int) -> pd.DataFrame:
    """Active persons per part on the reference date and GROWTH_DAYS before it."""

    column = {2: "kabkota_code", 3: "kecamatan_code"}[level]
    d = filters.reference_date()
    counts = []
    for name, day in (("active", d), ("active_then", d - dt.timedelta(days=GROWTH_DAYS))):
        pop = population(filters, scope, (column,), on=day)
        rows = session.execute(select(*pop.c)).all()
        counts.append(pd.DataFrame(rows, columns=["code", name]).set_index("code"))
    both = counts[0].join(counts[1], how="outer").fillna(0).astype("int64")
    return both.reset_index()


def _arrivals(session: Session, filters: Filters, scope: Scope, level: int) -> pd.DataFrame:

    d = filters.reference_date()
    recent_start = d - dt.timedelta(days=ARRIVAL_DAYS)
    recent = arrivals_by_part(
        session, filters=filters, scope=scope, level=level, start=recent_start, end=d
    )
    before = arrivals_by_part(
        session,
        filters=filters,
        scope=scope,
        level=level,
        start=recent_start - dt.timedelta(days=USUAL_DAYS),
        end=recent_start,
    ).rename(columns={"arrivals": "arrivals_before"})
    return recent.merge(before, on="code", how="outer")


def _incidents(session: Session, filters: Filters, scope: Scope, level: int) -> pd.DataFrame:

    d = filters.reference_date()
    column = Incident.kabkota_code if level == 2 else Incident.kecamatan_code
    conds = [
        in_scope(Incident, scope),
        column.is_not(None),
        Incident.occurred_on > d - dt.timedelta(days=INCIDENT_DAYS),
        Incident.occurred_on <= d,
    ]
    if filters.wilayah:
        conds.append(in_region(Incident, filters.wilayah))
    stmt = (
        select(
            column,
            *(func.sum(case((Incident.severity == s, 1), else_=0)) for s in SEVERITY_POINTS),
        )
        .where(*conds)
        .group_by(column)
    )
    return pd.DataFrame(
        session.execute(stmt).all(), columns=["code", "incidents_1", "incidents_2", "incidents_3"]
    )


def _overdue(session: Session, filters: Filters, scope: Scope, level: int) -> pd.DataFrame:

    d = filters.reference_date()
    column = Meeting.kabkota_code if level == 2 else Meeting.kecamatan_code
    conds = [
        in_scope(Meeting, scope),
        column.is_not(None),
        Action.status.in_(("open", "in_progress")),
        Action.due_date < d,
    ]
    if filters.wilayah:
        conds.append(in_region(Meeting, filters.wilayah))
    stmt = (
        select(column, func.count())
        .select_from(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(*conds)
        .group_by(column)
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=["code", "overdue"])


COUNT_COLUMNS = (
    "active",
    "active_then",
    "arrivals",
    "arrivals_before",
    "incidents_1",
    "incidents_2",
    "incidents_3",
    "overdue",
)


def attention_table(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    level: int | None = None,
    weights: tuple[tuple[str, float], ...] = (),
) -> pd.DataFrame:
    """One row per area with any signal, ranked by total score (highest first).

    Columns: code, the measures (COUNT_COLUMNS, growth, growth_pct, usual, ratio,
    incident_points, event, event_days), `score_<c>` (0–100) and `points_<c>` (the part of the
    total) for each component, and `total`.
    """
    level = level or table_level(filters)
    w = validate_weights(dict(weights)) if weights else validate_weights(DEFAULT_WEIGHTS)
    frames = [
        _population(session, filters, scope, level),
        _arrivals(session, filters, scope, level),
        _incidents(session, filters, scope, level),
        _overdue(session, filters, scope, level),
    ]
    out = frames[0]
    for f in frames[1:]:
        out = out.merge(f, on="code", how="outer")
    for column in COUNT_COLUMNS:
        out[column] = out[column].fillna(0).astype("int64") if column in out else 0
    signal = (
        out[["active", "arrivals", "incidents_1", "incidents_2", "incidents_3", "overdue"]].sum(
            axis=1
        )
        > 0
    )
    out = out[signal & out["code"].notna()].reset_index(drop=True)
    events = _upcoming_events(session, filters.reference_date())
    scored = [event_score(events, code, filters.reference_date()) for code in out["code"]]
    out["score_event"] = [s for s, _, _ in scored]
    out["event"] = [e.name if e else None for _, e, _ in scored]
    out["event_days"] = [days if e else None for _, e, days in scored]
    return score(out, w)


def score(measures: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """The scores, points and total of each area from its measures (COUNT_COLUMNS and the
    event's score), ranked; also used on counts rounded for a protected audience."""
    out = measures.copy()
    out["growth"] = out["active"] - out["active_then"]
    out["growth_pct"] = out["growth"] / out["active_then"].clip(lower=GROWTH_FLOOR)
    out["score_growth"] = [100 * _clamp(g / GROWTH_FULL) for g in out["growth_pct"]]

    out["usual"] = out["arrivals_before"] * ARRIVAL_DAYS / USUAL_DAYS
    out["ratio"] = out["arrivals"] / out["usual"].clip(lower=1.0)
    out["score_arrivals"] = [100 * _clamp((r - 1) / (ARRIVAL_FULL_RATIO - 1)) for r in out["ratio"]]

    out["incident_points"] = sum(out[f"incidents_{s}"] * p for s, p in SEVERITY_POINTS.items())
    out["score_incidents"] = [100 * _clamp(p / INCIDENT_FULL) for p in out["incident_points"]]

    out["score_overdue"] = [100 * _clamp(n / OVERDUE_FULL) for n in out["overdue"]]

    total_weight = sum(weights.values())
    for c in COMPONENTS:
        out[f"points_{c}"] = out[f"score_{c}"] * weights[c] / total_weight
    out["total"] = sum(out[f"points_{c}"] for c in COMPONENTS)
    out = out.sort_values(["total", "active", "code"], ascending=[False, False, True])
    return out.reset_index(drop=True)


# --- early warning ---------------------------------------------------------------------------


def early_warnings(session: Session, *, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Kecamatan whose arrivals in the last 7 days exceed their usual level (see the module
    docstring): code, recent, mean, sd, threshold; the largest excess first."""

    d = filters.reference_date()
    first = d - dt.timedelta(days=WARNING_WINDOW * (WARNING_WINDOWS + 1))
    part, conds = arrival_conditions_by_part(filters, scope, level=3, start=first, end=d)
    stmt = (
        select(part, Movement.moved_on, func.count())
        .select_from(Movement)
        .join(Person, Person.id == Movement.person_id)
        .where(*conds)
        .group_by(part, Movement.moved_on)
    )
    rows = session.execute(stmt).all()
    columns = ["code", "recent", "mean", "sd", "threshold"]
    if not rows:
        return pd.DataFrame(columns=columns)
    daily = pd.DataFrame(rows, columns=["code", "day", "n"])
    daily["week"] = [(d - day).days // WARNING_WINDOW for day in daily["day"]]
    weekly = daily.groupby(["code", "week"])["n"].sum().unstack(fill_value=0)
    weekly = weekly.reindex(columns=range(WARNING_WINDOWS + 1), fill_value=0)
    baseline = weekly[list(range(1, WARNING_WINDOWS + 1))]
    out = pd.DataFrame(
        {
            "code": weekly.index,
            "recent": weekly[0].to_numpy(),
            "mean": baseline.mean(axis=1).to_numpy(),
            "sd": baseline.std(axis=1, ddof=0).to_numpy(),
        }
    )
    out["threshold"] = out["mean"] + WARNING_SD * out["sd"]
    fired = (out["recent"] >= WARNING_MINIMUM) & (out["recent"] > out["threshold"])
    out = out[fired].copy()
    out["excess"] = out["recent"] - out["threshold"]
    out = out.sort_values(["excess", "code"], ascending=[False, True])
    return out[columns].reset_index(drop=True)


def area_label(code: str) -> str:
    """'Sirampog, Kab. Brebes' — a kecamatan with its kab/kota, a kab/kota with its province,
    short enough that the ranked table's points stay in view at 1280 px."""
    return labels.short_with_parent(code)
