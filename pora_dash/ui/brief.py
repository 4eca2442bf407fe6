"""The pieces of the brief page (app_pages/brief.py): the period picker and the downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from pora_dash import brief
from pora_dash.access.scope import Scope
from pora_dash.brief.period import EARLIEST_YEAR, Period, month
from pora_dash.config import settings
from pora_dash.ui.session import lang, tr
from pora_dash.ui.widgets import XLSX_MIME, download_file

PARAM = "periode_rakor"
KINDS = ("month", "year", "range")


def chosen_period(today: dt.date) -> Period:
    raw = st.query_params.get(PARAM)
    if raw:
        try:
            return brief.parse_period(raw, today=today)
        except brief.BriefError as exc:
            st.info(exc.message(lang()), icon=":material/info:")
    return month(today.year, today.month)


def set_period(period: Period | None) -> None:
    if period is not None:
        st.query_params[PARAM] = period.code


def on_kind(today: dt.date) -> None:
    kind = st.session_state.get("brief_kind") or "month"
    current = chosen_period(today)
    if kind == "month":
        set_period(month(current.end.year, current.end.month))
    elif kind == "year":
        set_period(brief.parse_period(str(current.end.year), today=today))
    else:
        set_period(Period(current.start, current.end, "range"))


def on_range(today: dt.date) -> None:
    picked: tuple = tuple(st.session_state.get("brief_range") or ())
    if len(picked) == 2 and picked[0] <= picked[1]:
        try:
            set_period(brief.parse_period(f"{picked[0]}..{picked[1]}", today=today))
        except brief.BriefError as exc:
            st.session_state["brief_range_error"] = exc.message(lang())


def period_picker(today: dt.date) -> Period:
    """A month, a year or a range of dates, kept in the URL (`periode_rakor`)."""
    period = chosen_period(today)
    left, right = st.columns([2, 3])
    st.session_state["brief_kind"] = period.kind
    left.segmented_control(
        tr("brief.page.kind"),
        KINDS,
        key="brief_kind",
        format_func=lambda k: {
            "month": tr("brief.page.kind.month"),
            "year": tr("brief.page.kind.year"),
            "range": tr("brief.page.kind.range"),
        }[k],
        on_change=on_kind,
        args=(today,),
    )
    with right:
        if period.kind == "month":
            months = brief.recent_months(today, 60)
            options = months if period in months else [period, *months]
            st.session_state["brief_month"] = period
            st.selectbox(
                tr("brief.page.month"),
                options,
                key="brief_month",
                format_func=lambda p: p.label(lang()),
                on_change=lambda: set_period(st.session_state.get("brief_month")),
            )
        elif period.kind == "year":
            years = [str(y) for y in range(today.year, EARLIEST_YEAR - 1, -1)]
            st.session_state["brief_year"] = str(period.start.year)
            st.selectbox(
                tr("brief.page.year"),
                years,
                key="brief_year",
                on_change=lambda: set_period(
                    brief.parse_period(st.session_state.get("brief_year") or "", today=today)
                ),
            )
        else:
            if len(st.session_state.get("brief_range") or ()) != 1:  # keep a half-made choice
                st.session_state["brief_range"] = (period.start, period.end)
            st.date_input(
                tr("brief.page.range"),
                key="brief_range",
                min_value=dt.date(EARLIEST_YEAR, 1, 1),
                max_value=today,
                format="DD/MM/YYYY",
                on_change=on_range,
                args=(today,),
            )
            if error := st.session_state.pop("brief_range_error", None):
                st.info(error, icon=":material/info:")
    return period


def downloads(
    region: str | None, period: Period, scope: Scope, today: dt.date, as_of: dt.date, internal: bool
) -> None:
    """The PDF and the workbook, each made when its button is clicked, audited."""
    stem = brief.file_stem(region, period)
    detail = {
        "region": region or "",
        "period": period.code,
        "as_of": as_of.isoformat(),
        "variant": "internal" if internal else "protected",
    }

    def maker(kind: str) -> Callable[[], bytes]:
        return brief.file_maker(
            kind,
            url=settings().database_url,
            region=region,
            period=period,
            scope=scope,
            lang=lang(),
            today=today,
            internal=internal,
        )

    buttons = st.container(horizontal=True, gap="small")
    download_file(
        tr("brief.page.pdf"),
        maker("pdf"),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        detail=detail,
        key="dl_brief_pdf",
        where=buttons,
        type="primary",
        icon=":material/picture_as_pdf:",
    )
    download_file(
        tr("brief.page.xlsx"),
        maker("xlsx"),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        detail=detail,
        key="dl_brief_xlsx",
        where=buttons,
        icon=":material/table_view:",
    )
    st.caption(tr("export.internal_mark") if internal else tr("disclosure.rule"))
