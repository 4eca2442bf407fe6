"""What a brief contains, read through the same queries as the pages.

The headline figures are the overview's: `queries.headline`, `queries.arrivals` and
`queries.action_counts` for the region on the period's reference date, formatted by
`headline_figures`, which the brief page uses for its preview too. Everything else is read
with the same query functions the map, origins and follow-up pages use; only the period
(arrivals and incidents within it) is the brief's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from pora_dash import clock, followups, mapview, queries, reference
from pora_dash.brief.period import BriefError, Period
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_int, t
from pora_dash.privacy import Policy
from pora_dash.scope import Scope

EVENT_KINDS = ("pilkada", "campaign")  # the calendar events marked on the trend chart
TREND_MONTHS = 24


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    delta: str | None = None  # the overview's delta: a change ("+12") or "2 lewat tenggat"
    delta_days: int | None = None  # the change is against this many days before
    alert: bool = False  # the delta needs attention (overdue actions)


def office_name(region: str | None, lang: str) -> str:
    """The Tim PORA of a region: 'Tim PORA Kabupaten Brebes', 'Tim PORA Kecamatan Sirampog'.

    >>> office_name("33.29", "id"), office_name("33.29.05", "id"), office_name("33", "id")
    ('Tim PORA Kabupaten Brebes', 'Tim PORA Kecamatan Sirampog', 'Tim PORA Provinsi Jawa Tengah')
    """
    if region is None:
        return t("brief.office.national", lang)
    name = (reference.region_name(region) or region).strip()
    level = reference.level_of_code(region)
    if level == 1:
        return t("brief.office.province", lang, name=name)
    if level == 3:
        return t("brief.office.kecamatan", lang, name=name)
    return t("brief.office.kabkota", lang, name=name)


def check_region(code: str | None, scope: Scope) -> str | None:
    """A region the brief may be made for (province, kab/kota or kecamatan in the scope);
    None (the nation) only for a national scope."""
    if code is None or not code.strip():
        if scope.is_national:
            return None
        raise BriefError("brief.region.needed")
    code = code.strip()
    if not reference.is_valid_code(code):
        raise BriefError("brief.region.unknown", code=code)
    if reference.level_of_code(code) > 3:
        raise BriefError("brief.region.too_low", code=code)
    if not scope.allows(code):
        raise BriefError("brief.region.out_of_scope", code=code)
    return code


def brief_filters(region: str | None, period: Period, today: dt.date) -> Filters:
    """The overview's filter for the region on the period's reference date."""
    return Filters(wilayah=region, as_of=period.reference_date(today))


def change(now: int, before: int, policy: Policy) -> str | None:
    """The overview's change against the period before: '+12', '-3', or None."""
    if policy.hides(now) or policy.hides(before) or now == before:
        return None
    return f"{'+' if now > before else '-'}{policy.count(abs(now - before))}"


def headline_figures(
    head: queries.Headline,
    flows: queries.Arrivals,
    actions: queries.ActionCounts,
    policy: Policy,
) -> list[Figure]:
    """The overview's eight headline figures, in its order, with its labels."""
    lang = policy.lang
    # follow-up actions are not people: their counts are never "<5"
    overdue = t("home.actions_overdue", lang, n=fmt_int(actions.overdue, lang))
    return [
        Figure(t("home.national_total", lang), policy.count(head.active)),
        Figure(t("home.refugees", lang), policy.count(head.refugees)),
        Figure(t("home.asylum_seekers", lang), policy.count(head.asylum_seekers)),
        Figure(t("home.document_share", lang), policy.share(head.with_document, head.active)),
        Figure(
            t("home.arrivals_30", lang),
            policy.count(flows.last_30),
            change(flows.last_30, flows.previous_30, policy),
            30,
        ),
        Figure(
            t("home.arrivals_90", lang),
            policy.count(flows.last_90),
            change(flows.last_90, flows.previous_90, policy),
            90,
        ),
        Figure(t("home.kecamatan", lang), policy.count(head.kecamatan_hosting)),
        Figure(
            t("home.actions", lang),
            fmt_int(actions.open, lang),
            overdue if actions.overdue else None,
            alert=bool(actions.overdue),
        ),
    ]


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, as counts; suppression happens when tables are built."""

    region: str | None
    region_name: str
    office: str
    period: Period
    as_of: dt.date  # the reference date
    generated_on: dt.date
    lang: str
    policy: Policy
    scope: Scope
    figures: list[Figure]
    head: queries.Headline
    period_arrivals: int
    map_view: mapview.View
    areas: pd.DataFrame  # code, count: the parts of the map's region
    nationalities: pd.DataFrame  # nationality, count
    statuses: pd.DataFrame  # status, count
    trend: pd.DataFrame  # month, active, arrivals, departures
    events: pd.DataFrame  # name, kind, starts_on, ends_on
    incidents: pd.DataFrame  # date, kind, severity, people, description, kecamatan_code
    actions: pd.DataFrame  # followups.actions: pending ones, overdue first
    action_counts: queries.ActionCounts


def gather(
    session: Session,
    *,
    region: str | None,
    period: Period,
    scope: Scope,
    lang: str,
    today: dt.date | None = None,
) -> Brief:
    """Read what the brief shows for `region` (checked by `check_region`) and `period`."""
    today = today or clock.today()
    filters = brief_filters(region, period, today)
    as_of = filters.reference_date()
    policy = Policy(suppress=True, lang=lang)  # a brief leaves the room: always suppressed
    head = queries.headline(session, filters=filters, scope=scope)
    flows = queries.arrivals(session, filters=filters, scope=scope)
    counts = queries.action_counts(session, filters=filters, scope=scope)
    view = mapview.view_for(filters)
    months = max(TREND_MONTHS, period.months() + 12)
    trend = queries.monthly_trend(session, filters=filters, scope=scope, months=months)
    events = queries.calendar_events(
        session, filters=filters, scope=scope, start=trend["month"].min(), end=as_of
    )
    actions = followups.actions(
        session,
        filters=filters,
        scope=scope,
        which=followups.ActionFilter(statuses=followups.PENDING),
    )
    return Brief(
        region=region,
        region_name=(reference.region_name(region) or region).strip()
        if region
        else t("scope.national", lang),
        office=office_name(region, lang),
        period=period,
        as_of=as_of,
        generated_on=today,
        lang=lang,
        policy=policy,
        scope=scope,
        figures=headline_figures(head, flows, counts, policy),
        head=head,
        period_arrivals=queries.arrivals_between(
            session,
            filters=filters,
            scope=scope,
            start=period.start - dt.timedelta(days=1),
            end=as_of,
        ),
        map_view=view,
        areas=queries.by_area(session, filters=filters.with_region(view.parent), scope=scope),
        nationalities=queries.by_nationality(session, filters=filters, scope=scope),
        statuses=queries.by_status(session, filters=filters, scope=scope),
        trend=trend,
        events=events[events["kind"].isin(EVENT_KINDS)].reset_index(drop=True),
        incidents=queries.incidents(
            session, filters=filters, scope=scope, period_days=(as_of - period.start).days + 1
        ),
        actions=actions.drop(columns=["person_in_charge"]),  # a name: never in a brief
        action_counts=counts,
    )
