"""Ringkasan (overview): the whole picture for the current filter, at a glance.

- Headline figures: active persons of concern, refugees, asylum seekers, share with a UNHCR
  card or certificate, new arrivals in the last 30 and 90 days with the change against the
  period before, kecamatan hosting, open and overdue follow-up actions.
- Monthly trend of the active population with arrivals, departures and calendar events.
- Top areas (the parts of the current region) and top nationalities; choosing a row filters.
- Team members see exact counts; viewers see counts rounded to 5 ("<5" for 1–4), and no
  breakdown of fewer than 20 people. Downloads are rounded unless a team member chooses the
  internal variant (TERBATAS).
"""

import pandas as pd
import streamlit as st

from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_dec
from pora_dash.present import tables
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy, text
from pora_dash.reads import attention, overview, stability
from pora_dash.render import charts
from pora_dash.ui import cache, data_page, download_buttons, lang, tr, withheld
from pora_dash.ui.first_run import first_run_steps
from pora_dash.ui.sidebar import (
    describe,
    pick,
    set_nationality,
    set_region,
    table_height,
)
from pora_dash.ui.widgets import headline_section

filters, scope, show, place = data_page("nav.overview")
first_run_steps()  # an empty database: the administrator's three steps (pora_dash/ui/first_run.py)

warnings = cache.read(attention.early_warnings, filters=filters, scope=scope)
if not warnings.empty:
    with st.container(border=True):
        st.warning(tr("warning.title"), icon=":material/campaign:")
        st.caption(tr("warning.rule"))
        for w in warnings.head(5).itertuples():
            line = st.columns([5, 1], vertical_alignment="center")
            # the usual weekly mean comes from exact weekly counts: team members only
            line[0].markdown(
                tr(
                    "warning.line" if show.exact else "warning.line_protected",
                    area=attention.area_label(w.code),
                    n=show.count(int(w.recent)),
                    mean=fmt_dec(w.mean, lang()),
                    threshold=fmt_dec(w.threshold, lang()),
                )
            )
            if scope.allows(w.code):
                line[1].button(
                    tr("warning.filter"),
                    key=f"warn_{w.code}",
                    on_click=set_region,
                    args=(w.code,),
                    type="tertiary",
                    icon=":material/filter_alt:",
                )
        if len(warnings) > 5:
            st.caption(tr("warning.more", n=len(warnings) - 5))

head = headline_section(filters, scope, show)

if head.active == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()

trend = cache.read(overview.monthly_trend, filters=filters, scope=scope)
events = cache.read(
    stability.calendar_events,
    filters=filters,
    scope=scope,
    start=trend["month"].min(),
    end=filters.reference_date(),
)
shown_trend = present_trend.protect(trend, show)
if shown_trend.ok:
    line_chart, flow_chart = charts.trend(
        shown_trend.frame, events, lang=lang(), title=tr("trend.title", place=place)
    )
    st.altair_chart(line_chart, width="stretch")
    st.altair_chart(flow_chart, width="stretch")
else:
    withheld(shown_trend.withheld, tr("trend.title", place=place))

level = min(filters.level() + 1, 3)
areas = cache.read(overview.by_area, filters=filters, scope=scope)
nat = cache.read(overview.by_nationality, filters=filters, scope=scope)


def labelled_rows(
    frame: pd.DataFrame,
    key: str,
    label: str,
    name,
    policy: Policy,  # type: ignore[no-untyped-def]
) -> tuple[pd.DataFrame, str | None]:
    """A breakdown as rows (name, code, count as the policy shows it), or why it is withheld."""
    shown = tables.breakdown(frame.rename(columns={key: "code"}), "code", policy)
    rows = tables.rows_of(shown)
    labelled = pd.DataFrame(
        {
            label: [name(c) for c in rows["code"]],
            tr("col.code"): rows["code"],
            tr("col.count"): rows["count"],
        }
    )
    return labelled, shown.withheld


def area_rows(policy: Policy) -> tuple[pd.DataFrame, str | None]:
    return labelled_rows(areas, "code", tr("col.region"), labels.name, policy)


def nationality_rows(policy: Policy) -> tuple[pd.DataFrame, str | None]:
    return labelled_rows(
        nat, "nationality", tr("col.nationality"), lambda c: country_name(c, lang()), policy
    )


def pick_table(what: str, rows: tuple[pd.DataFrame, str | None], key: str, setter) -> None:  # type: ignore[no-untyped-def]
    """A breakdown the viewer may filter by (choosing a row), or why it is not shown."""
    frame, reason = rows
    if reason:
        withheld(reason, what)
        return
    st.subheader(what)
    shown = frame.assign(**{tr("col.count"): [text(v, lang()) for v in frame[tr("col.count")]]})
    st.dataframe(
        shown,
        hide_index=True,
        selection_mode="single-row",
        key=key,
        height=table_height(len(shown)),
        on_select=lambda: pick(key, frame[tr("col.code")], setter),
    )
    st.caption(tr("home.pick_hint"))


left, right = st.columns(2)
with left:
    pick_table(
        tr(f"home.top_areas.{level}"), area_rows(show), f"pick_area_{filters.key()}", set_region
    )
with right:
    pick_table(
        tr("home.top_nationalities"),
        nationality_rows(show),
        f"pick_nat_{filters.key()}",
        set_nationality,
    )


def file_sheets(policy: Policy) -> dict[str, pd.DataFrame]:
    count = tr("col.count")
    return {
        tr(f"home.top_areas.{level}"): tables.for_file_rows(area_rows(policy)[0], count),
        tr("home.top_nationalities"): tables.for_file_rows(nationality_rows(policy)[0], count),
    }


download_buttons("ringkasan", file_sheets, describe(filters))
if not show.exact:
    st.caption(tr("disclosure.rule"))
