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
from pora_dash.i18n import fmt_date, fmt_int
from pora_dash.reads import followups, population, stability
from pora_dash.ui import cache, current_scope, file_policy, lang, page_filters, tr
from pora_dash.ui.brief import downloads, period_picker
from pora_dash.ui.sidebar import breadcrumb, filter_panel
from pora_dash.ui.widgets import headline_section

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

period = period_picker(today)
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

downloads(region, period, scope, today, as_of, internal)
