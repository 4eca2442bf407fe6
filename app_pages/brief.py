"""Bahan rakor (rakor brief): a PDF and an Excel workbook of a region and a period.

- The region is the shared filter panel's; the brief uses the region only (a notice says so
  when other filters are set). A user whose scope is several regions chooses one first.
- The period: a month (default: the current one), a year or a date range, kept in the URL as
  `periode_rakor` (`2024-07`, `2024`, `2024-07-01..2024-09-30`); a bad value is ignored with
  a notice.
- A preview of what the brief says: its headline figures (the overview's, on the period's last
  day, counts of people rounded to 5), the period's arrivals and incidents, its sections.
- PDF and Excel downloads, made when clicked (a few seconds) and audited. A team member may
  choose the internal variant: exact counts, marked TERBATAS on every page and sheet, audited
  as internal.
"""

import datetime as dt

import streamlit as st

from pora_dash import brief, clock
from pora_dash.brief.period import EARLIEST_YEAR, Period, month
from pora_dash.config import settings
from pora_dash.i18n import fmt_date, fmt_int
from pora_dash.reads import followups, population, stability
from pora_dash.store import db
from pora_dash.ui import (
    XLSX_MIME,
    cache,
    current_scope,
    download_file,
    file_policy,
    lang,
    page_filters,
    tr,
)
from pora_dash.ui.sidebar import breadcrumb, filter_panel
from pora_dash.ui.widgets import headline_section

PARAM = "periode_rakor"
KINDS = ("month", "year", "range")

filters = page_filters()
scope = current_scope()
filter_panel(filters, scope)
today = clock.today()

try:
    region = brief.check_region(filters.wilayah, scope)
except brief.BriefError as exc:
    st.title(tr("nav.brief"))
    st.info(exc.message(lang()), icon=":material/info:")
    st.stop()

office = brief.office_name(region, lang())
st.title(f"{tr('nav.brief')} · {office}")
breadcrumb(filters, scope)
other_filters = (filters.nationalities, filters.statuses, filters.accommodations, filters.sexes)
if any(other_filters) or filters.age_groups or filters.as_of:
    st.info(tr("brief.page.region_only"), icon=":material/filter_alt_off:")


def chosen_period() -> Period:
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


def on_kind() -> None:
    kind = st.session_state.get("brief_kind") or "month"
    current = chosen_period()
    if kind == "month":
        set_period(month(current.end.year, current.end.month))
    elif kind == "year":
        set_period(brief.parse_period(str(current.end.year), today=today))
    else:
        set_period(Period(current.start, current.end, "range"))


def on_range() -> None:
    picked = st.session_state.get("brief_range") or ()
    if len(picked) == 2 and picked[0] <= picked[1]:
        try:
            set_period(brief.parse_period(f"{picked[0]}..{picked[1]}", today=today))
        except brief.BriefError as exc:
            st.session_state["brief_range_error"] = exc.message(lang())


period = chosen_period()
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
        )
        if error := st.session_state.pop("brief_range_error", None):
            st.info(error, icon=":material/info:")

brief_filters = brief.brief_filters(region, period, today)
as_of = brief_filters.reference_date()
# a brief leaves the room: protected, unless a team member chooses the internal variant
show = file_policy("brief")
internal = show.exact
arrived = cache.read(
    population.arrivals_between,
    filters=brief_filters,
    scope=scope,
    start=period.start - dt.timedelta(days=1),
    end=as_of,
)
incidents = cache.read(
    stability.incidents,
    filters=brief_filters,
    scope=scope,
    period_days=(as_of - period.start).days + 1,
)

st.subheader(tr("brief.page.preview", period=period.label(lang()), date=fmt_date(as_of, lang())))
head = headline_section(brief_filters, scope, show, helps=False)
st.write(
    tr(
        "brief.in_period",
        period=period.label(lang()),
        arrivals=show.count(arrived),
        incidents=fmt_int(len(incidents), lang()),
        overdue=fmt_int(
            cache.read(followups.action_counts, filters=brief_filters, scope=scope).overdue, lang()
        ),
        date=fmt_date(as_of, lang()),
    )
)
st.caption(tr("brief.page.contents"))

url = settings().database_url
choice = (region, period, scope, lang(), today, internal)


def build(kind: str):  # type: ignore[no-untyped-def]
    """The file, made on click in Streamlit's download thread (no Streamlit calls in it)."""
    chosen_region, chosen, chosen_scope, chosen_lang, day, exact = choice

    def make() -> bytes:
        with db.session_scope(url) as session:
            content = brief.gather(
                session,
                region=chosen_region,
                period=chosen,
                scope=chosen_scope,
                lang=chosen_lang,
                today=day,
                internal=exact,
            )
        return brief.render_pdf(content) if kind == "pdf" else brief.render_workbook(content)

    return make


stem = brief.file_stem(region, period)
detail = {
    "region": region or "",
    "period": period.code,
    "as_of": as_of.isoformat(),
    "variant": "internal" if internal else "protected",
}
buttons = st.container(horizontal=True, gap="small")
download_file(
    tr("brief.page.pdf"),
    build("pdf"),
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
    build("xlsx"),
    file_name=f"{stem}.xlsx",
    mime=XLSX_MIME,
    detail=detail,
    key="dl_brief_xlsx",
    where=buttons,
    icon=":material/table_view:",
)
st.caption(tr("export.internal_mark") if internal else tr("disclosure.rule"))
