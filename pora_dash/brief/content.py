"""What a brief contains, read through the same queries as the pages.

The headline figures are the overview's: `overview.headline`, `overview.arrivals` and
`followups.action_counts` for the region on the period's reference date, through
`present.headline.figures` (the overview, the slides and the brief page's preview use it too);
beside each, the same figure a year earlier ("the same month last year") and the change, as
comparison mode shows them (`present.compare`).
A brief is protected (counts of people rounded to 5) unless an exact-access user asks for the
internal variant, which is marked TERBATAS on every page and sheet. Everything else is read
with the same query functions the map, origins and follow-up pages use; only the period
(arrivals and incidents within it) is the brief's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.brief.period import BriefError, Period
from pora_dash.filters import Filters
from pora_dash.followthrough import ontime
from pora_dash.geo import labels, reference
from pora_dash.i18n import t
from pora_dash.present import headline
from pora_dash.present.compare import figure_changes, year_before
from pora_dash.present.disclosure import Policy
from pora_dash.present.headline import Figure
from pora_dash.reads import followups, overview, population, stability
from pora_dash.render import mapview

EVENT_KINDS = ("pilkada", "campaign")  # the calendar events marked on the trend chart
TREND_MONTHS = 24
ON_TIME_MONTHS = 6  # the on-time rate per agency, by month of the due date


def office_name(region: str | None, lang: str) -> str:
    """The Tim PORA of a region: 'Tim PORA Kabupaten Brebes', 'Tim PORA Kecamatan Sirampog'.

    >>> office_name("33.29", "id"), office_name("33.29.05", "id"), office_name("33", "id")
    ('Tim PORA Kabupaten Brebes', 'Tim PORA Kecamatan Sirampog', 'Tim PORA Provinsi Jawa Tengah')
    """
    if region is None:
        return t("brief.office.national", lang)
    name = labels.name(region)
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


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, as counts; the disclosure rule is applied (`policy`) when
    its tables and figures are built."""

    region: str | None
    region_name: str
    office: str
    period: Period
    as_of: dt.date  # the reference date
    generated_on: dt.date
    lang: str
    policy: Policy  # exact only in the internal variant
    scope: Scope
    figures: list[Figure]
    last_year: list[Figure]  # the same figures on the same day a year earlier
    last_year_change: list[str]  # each figure's change since then ('+15', '–')
    last_year_date: dt.date
    head: overview.Headline
    period_arrivals: int
    map_view: mapview.View
    areas: pd.DataFrame  # code, count: the parts of the map's region
    nationalities: pd.DataFrame  # nationality, count
    statuses: pd.DataFrame  # status, count
    trend: pd.DataFrame  # month, active, arrivals, departures
    events: pd.DataFrame  # name, kind, starts_on, ends_on
    incidents: pd.DataFrame  # date, kind, severity, people, description, kecamatan_code
    actions: pd.DataFrame  # followups.actions: pending ones, overdue first
    action_counts: followups.ActionCounts
    on_time: pd.DataFrame  # followthrough.ontime.by_month: agency, month, due, on_time, rate


def gather(
    session: Session,
    *,
    region: str | None,
    period: Period,
    scope: Scope,
    lang: str,
    today: dt.date | None = None,
    internal: bool = False,
) -> Brief:
    """Read what the brief shows for `region` (checked by `check_region`) and `period`.

    `internal`: exact counts, for Tim PORA members only (the caller checks the user may, and
    audits it as internal); otherwise counts of people are protected."""
    today = today or clock.today()
    filters = brief_filters(region, period, today)
    as_of = filters.reference_date()
    policy = Policy(exact=internal, lang=lang)
    head = overview.headline(session, filters=filters, scope=scope)
    flows = overview.arrivals(session, filters=filters, scope=scope)
    counts = followups.action_counts(session, filters=filters, scope=scope)
    before = replace(filters, as_of=year_before(as_of))
    then = (
        overview.headline(session, filters=before, scope=scope),
        overview.arrivals(session, filters=before, scope=scope),
        followups.action_counts(session, filters=before, scope=scope),
    )
    view = mapview.view_for(filters)
    months = max(TREND_MONTHS, period.months() + 12)
    trend = overview.monthly_trend(session, filters=filters, scope=scope, months=months)
    events = stability.calendar_events(
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
        region_name=labels.name(region) if region else t("scope.national", lang),
        office=office_name(region, lang),
        period=period,
        as_of=as_of,
        generated_on=today,
        lang=lang,
        policy=policy,
        scope=scope,
        figures=headline.figures(head, flows, counts, policy),
        last_year=headline.figures(*then, policy),
        last_year_change=figure_changes((head, flows, counts), then, policy),
        last_year_date=before.reference_date(),
        head=head,
        period_arrivals=population.arrivals_between(
            session,
            filters=filters,
            scope=scope,
            start=period.start - dt.timedelta(days=1),
            end=as_of,
        ),
        map_view=view,
        areas=overview.by_area(session, filters=filters.with_region(view.parent), scope=scope),
        nationalities=overview.by_nationality(session, filters=filters, scope=scope),
        statuses=overview.by_status(session, filters=filters, scope=scope),
        trend=trend,
        events=events[events["kind"].isin(EVENT_KINDS)].reset_index(drop=True),
        incidents=stability.incidents(
            session, filters=filters, scope=scope, period_days=(as_of - period.start).days + 1
        ),
        actions=actions.drop(columns=["person_in_charge"]),  # a name: never in a brief
        action_counts=counts,
        on_time=ontime.by_month(session, filters=filters, scope=scope, months=ON_TIME_MONTHS),
    )
