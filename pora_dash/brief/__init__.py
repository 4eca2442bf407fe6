"""The rakor brief: a PDF and an Excel workbook for a region and a period, to take into a
coordination meeting (and out of it: counts of people rounded to 5 unless an exact-access user
makes the internal variant, marked TERBATAS; never names or document numbers).

    period = parse_period("2024-07", today=clock.today())
    region = check_region("33.29", scope)
    with db.session_scope() as session:
        brief = gather(session, region=region, period=period, scope=scope, lang="id")
    pdf, xlsx = render_pdf(brief), render_workbook(brief)

- `period`: what "2024-07", "2024" and "2024-07-01..2024-09-30" mean, and the reference date;
- `content`: the reads (the overview's queries, on the period's last day);
- `tables`: every table protected once, for both files;
- `figures`: the map and the trend chart (matplotlib, Agg, no tiles);
- `pdf`, `workbook`: the two files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pora_dash.access.scope import Scope
from pora_dash.brief.content import (
    Brief,
    Figure,
    brief_filters,
    check_region,
    gather,
    office_name,
)
from pora_dash.brief.pdf import render_pdf
from pora_dash.brief.period import BriefError, Period, parse_period, recent_months
from pora_dash.brief.workbook import render_workbook
from pora_dash.store import db


def file_stem(region: str | None, period: Period) -> str:
    """'bahan-rakor-33.29-2024-07': the region (or 'indonesia') and the period, no spaces."""
    return f"bahan-rakor-{region or 'indonesia'}-{period.code.replace('..', '_')}"


def file_maker(
    kind: str,
    *,
    url: str,
    region: str | None,
    period: Period,
    scope: Scope,
    lang: str,
    today: dt.date,
    internal: bool,
) -> Callable[[], bytes]:
    """The brief's PDF (`kind` "pdf") or workbook, made when called: the download button calls
    it in its own thread when clicked, so nothing is built on a page run."""

    def make() -> bytes:
        with db.session_scope(url) as session:
            content = gather(
                session,
                region=region,
                period=period,
                scope=scope,
                lang=lang,
                today=today,
                internal=internal,
            )
        return render_pdf(content) if kind == "pdf" else render_workbook(content)

    return make


__all__ = [
    "Brief",
    "BriefError",
    "Figure",
    "Period",
    "brief_filters",
    "check_region",
    "file_maker",
    "file_stem",
    "gather",
    "office_name",
    "parse_period",
    "recent_months",
    "render_pdf",
    "render_workbook",
]
