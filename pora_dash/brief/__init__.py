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
from typing import Any

from pora_dash.access.scope import Scope
from pora_dash.brief.content import (
    Brief,
    Figure,
    brief_filters,
    check_region,
    gather,
    office_name,
)
from pora_dash.brief.period import BriefError, Period, parse_period, recent_months
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
        if kind == "pdf":
            from pora_dash.brief.pdf import render_pdf  # fpdf2 and matplotlib load when clicked

            return render_pdf(content)
        from pora_dash.brief.workbook import render_workbook  # xlsxwriter loads when clicked

        return render_workbook(content)

    return make


def __getattr__(name: str) -> Any:
    """`render_pdf` and `render_workbook` import fpdf2, matplotlib and xlsxwriter (about 50 MB
    in a server process): loaded on first use, not when the brief page is opened."""
    if name == "render_pdf":
        from pora_dash.brief.pdf import render_pdf  # heavy: see the docstring

        return render_pdf
    if name == "render_workbook":
        from pora_dash.brief.workbook import render_workbook  # heavy: see the docstring

        return render_workbook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
