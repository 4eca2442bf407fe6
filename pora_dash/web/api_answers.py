"""What each read endpoint of the API answers: the same reads the pages call, with the caller's
scope, through the same `present` functions with the caller's disclosure policy, so a viewer's
token gets exactly what a protected download gets (counts rounded to 5, "<5", breakdowns of
fewer than 20 people withheld) and a team member's token the exact figures of their screen.

Each function takes a session, the caller's `Scope`, the fitted `Filters` and the `Policy`
and gives an `Answer`: rows of plain values (a published count is an int or "<5") in a fixed
column order, which api.py writes as JSON or CSV. Persons are never listed: follow-up actions
leave out the named person in charge, incidents their free-text description and coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.geo import labels, reference
from pora_dash.i18n import country_name, t
from pora_dash.present import headline as present_headline
from pora_dash.present import mobility as present_mobility
from pora_dash.present import tables
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy, for_file
from pora_dash.present.origins import BANDS
from pora_dash.present.stability import incident_people
from pora_dash.reads import followups, mobility, origins, overview, population, stability
from pora_dash.store.models import ACCOMMODATIONS, SEXES

LEVEL_COLUMNS = {1: "province_code", 2: "kabkota_code", 3: "kecamatan_code"}
TOTAL = "total"  # the margins of the sex × age table, in its rows


@dataclass(frozen=True)
class Answer:
    """Rows in `columns` order; `withheld` says why a breakdown has none (disclosure rule);
    `total` is the published population the rows break down (where there is one)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    withheld: str | None = None
    total: int | str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


Read = Callable[[Session, Scope, Filters, Policy], Answer]


def _count(value: Any) -> int | str:
    """A published count as a file has it: a number, or "<5"."""
    return for_file(None if value is None or value != value else value)


def _plain(value: Any) -> Any:
    """A frame value as JSON takes it (dates as ISO text, NaN as null, numpy as Python)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def breakdown(
    frame: pd.DataFrame, key: str, policy: Policy, name: Callable[[str], str], column: str
) -> Answer:
    """Grouped rows (`key`, count) of one population as the overview's tables and their
    downloads show them (`tables.breakdown`, the same call), with a name beside each code."""
    shown = tables.breakdown(frame.rename(columns={key: "code"}), "code", policy)
    rows = tables.rows_of(shown)
    total = _count(shown.values.loc[tables.TOTAL, "count"]) if shown.ok else None
    out = [
        {column: code, "name": name(code), "count": _count(n)}
        for code, n in zip(rows["code"], rows["count"], strict=True)
    ]
    return Answer([column, "name", "count"], out, shown.withheld, total)


def headline(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """The overview's headline figures (present.headline), as numbers."""
    head = overview.headline(session, filters=filters, scope=scope)
    flows = overview.arrivals(session, filters=filters, scope=scope)
    actions = followups.action_counts(session, filters=filters, scope=scope)
    share = present_headline.document_share(head.active, head.refugees, head.asylum_seekers, policy)

    def change(now: int, before: int) -> int | None:
        a, b = policy.number(now), policy.number(before)  # as disclosure.change: published
        return None if a is None or b is None else a - b

    row = {
        "active": _count(policy.number(head.active)),
        "refugees": _count(policy.number(head.refugees)),
        "asylum_seekers": _count(policy.number(head.asylum_seekers)),
        "document_share": None if share is None else round(share, 6),
        "arrivals_30": _count(policy.number(flows.last_30)),
        "arrivals_30_change": change(flows.last_30, flows.previous_30),
        "arrivals_90": _count(policy.number(flows.last_90)),
        "arrivals_90_change": change(flows.last_90, flows.previous_90),
        "kecamatan_hosting": head.kecamatan_hosting,
        "actions_open": actions.open,
        "actions_overdue": actions.overdue,
    }
    return Answer(list(row), [row])


def areas(level: int) -> Read:
    """Active persons by area at `level` (the parts of the region by default)."""

    def read(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
        if level == min(filters.level() + 1, 3):
            frame = overview.by_area(session, filters=filters, scope=scope)  # the overview's
        else:
            frame = population.counts_by(
                session, filters=filters, scope=scope, dim=LEVEL_COLUMNS[level]
            ).set_axis(["code", "count"], axis=1)
        answer = breakdown(frame, "code", policy, labels.name, "code")
        return Answer(answer.columns, answer.rows, answer.withheld, answer.total, {"level": level})

    return read


def nationalities(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    frame = overview.by_nationality(session, filters=filters, scope=scope)
    return breakdown(
        frame, "nationality", policy, lambda c: country_name(c, policy.lang), "nationality"
    )


def statuses(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    frame = overview.by_status(session, filters=filters, scope=scope)
    return breakdown(frame, "status", policy, lambda c: t(f"status.{c}", policy.lang), "status")


def accommodations(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """As the origins page's accommodation table (every kind, zeros included)."""
    frame = origins.by_accommodation(session, filters=filters, scope=scope)
    shown = tables.protect(tables.counts_table(frame, "accommodation", ACCOMMODATIONS), policy)
    rows = tables.rows_of(shown)
    out = [
        {"accommodation": c, "name": t(f"accommodation.{c}", policy.lang), "count": _count(n)}
        for c, n in zip(rows["code"], rows["count"], strict=True)
    ]
    total = _count(shown.values.loc[tables.TOTAL, "count"]) if shown.ok else None
    return Answer(["accommodation", "name", "count"], out, shown.withheld, total)


def sex_age(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """The origins page's sex × age table (present.origins: the same cells and margins),
    protected as a whole; in long form, its margins as rows of "total"."""
    long = origins.by_sex_age(session, filters=filters, scope=scope)
    cells = long.rename(columns={"band": "row", "sex": "column"})
    table = tables.with_totals(tables.wide(cells, rows=BANDS, columns=SEXES, only=True))
    shown = tables.protect(table, policy)
    out = [
        {
            "age_band": TOTAL if band == tables.TOTAL else band,
            "sex": TOTAL if sex == tables.TOTAL else sex,
            "count": _count(shown.values.loc[band, sex]),
        }
        for band in shown.values.index
        for sex in shown.values.columns
    ]
    total = _count(shown.values.loc[tables.TOTAL, tables.TOTAL]) if shown.ok else None
    return Answer(["age_band", "sex", "count"], out, shown.withheld, total)


def trend(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """The overview's monthly trend (present.trend: the three series checked together)."""
    frame = overview.monthly_trend(session, filters=filters, scope=scope)
    shown = present_trend.protect(frame, policy)
    out = [
        {
            "month": pd.Timestamp(r["month"]).strftime("%Y-%m"),
            **{s: _count(r[s]) for s in present_trend.SERIES},
        }
        for r in shown.frame.to_dict("records")
    ]
    return Answer(["month", *present_trend.SERIES], out, shown.withheld)


ACTION_COLUMNS = [
    "id",
    "description",
    "owner",
    "due_date",
    "status",
    "completed_on",
    "overdue",
    "meeting_id",
    "meeting_title",
    "meeting_date",
]


def actions(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """Follow-up actions of the meetings in the area (not the named person in charge)."""
    frame = followups.actions(session, filters=filters, scope=scope)
    rows = [{c: _plain(r[c]) for c in ACTION_COLUMNS} for r in frame.to_dict("records")]
    return Answer(ACTION_COLUMNS, rows)


MEETING_COLUMNS = ["id", "held_on", "level", "title", "office", "region_code", "venue"]
MEETING_COLUMNS += ["actions", "pending", "overdue"]


def meetings(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    frame = followups.meetings(session, filters=filters, scope=scope)
    rows = [{c: _plain(r[c]) for c in MEETING_COLUMNS} for r in frame.to_dict("records")]
    return Answer(MEETING_COLUMNS, rows)


INCIDENT_COLUMNS = ["id", "date", "kind", "severity", "region_code", "kabkota_code"]
INCIDENT_COLUMNS += ["kecamatan_code", "people", "source"]


def incidents(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """Incidents of the period (`periode`) as the stability page lists them: the people
    involved published per incident, no description, no coordinates."""
    frame = stability.incidents(
        session, filters=filters, scope=scope, period_days=filters.period_days
    )
    _, people = incident_people(list(frame["people"]), policy)
    rows = []
    for r, n in zip(frame.to_dict("records"), people, strict=True):
        row = {c: _plain(r[c]) for c in INCIDENT_COLUMNS if c != "people"}
        rows.append({**row, "people": None if r["people"] is None else _count(n)})
    return Answer(INCIDENT_COLUMNS, [{c: row[c] for c in INCIDENT_COLUMNS} for row in rows])


REGION_COLUMNS = ["code", "name", "level", "parent", "population"]


def regions(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """The parts of the region (provinces for the nation) that the scope reaches, with their
    names and (kab/kota) population: what `wilayah` accepts."""
    del session, policy  # reference data from data/, the same for everyone
    codes = [c for c in reference.children(filters.wilayah) if scope.covers_part_of(c)]
    rows = [
        {
            "code": c,
            "name": reference.region_name(c),
            "level": reference.level_of_code(c),
            "parent": reference.parent_of(c),
            "population": reference.population(c),
        }
        for c in codes
    ]
    return Answer(REGION_COLUMNS, rows)


FLOW_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "count"]


def flows(session: Session, scope: Scope, filters: Filters, policy: Policy) -> Answer:
    """Moves between areas in the period, as the Mobilitas page's corridors: every flow shown,
    largest first, from the origin–destination table protected with its margins."""
    shown = present_mobility.protect_flows(
        mobility.flows(session, filters=filters, scope=scope), policy
    )
    corridors = shown.corridors()
    rows = [
        {
            "origin": o,
            "origin_name": labels.name(o),
            "destination": d,
            "destination_name": labels.name(d),
            "count": _count(v),
        }
        for o, d, v in zip(
            corridors["origin"], corridors["destination"], corridors["value"], strict=True
        )
    ]
    total = _count(shown.total) if shown.ok else None
    return Answer(FLOW_COLUMNS, rows, shown.table.withheld, total)
