"""Asal & status (origins and UNHCR status): from where, with what status, since when.

- Composition of the active persons under the shared filters: by nationality (Indonesian
  names, ISO codes beside), by UNHCR status, by accommodation, and by sex and age band (a
  population pyramid: males left, females right).
- Cross-tables with row and column totals, sortable by any column: nationality × status for
  the current region, and the parts of the region × status (or × the main nationalities).
- Trends over 36 months: active persons by current status and by the main nationalities, and
  arrivals and departures by reason per month or per year, with calendar events.
- Time waiting: asylum seekers by time since UNHCR registration, refugees by years in
  Indonesia since arrival, with the longest stays as headline figures.
- Every table downloads as CSV and Excel (filter line on top, audited). Team members see
  exact counts; viewers see counts rounded to 5 ("<5" for 1–4), and a table that breaks
  down fewer than 20 people, or would give a small count back, is not shown to them. Files
  are rounded unless a team member chooses the internal variant (TERBATAS).
"""

from collections.abc import Callable
from typing import TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from pora_dash.geo import labels, reference
from pora_dash.i18n import country_name, fmt_date, fmt_month, fmt_pct
from pora_dash.present import origins as present_origins
from pora_dash.present import tables
from pora_dash.present.disclosure import Policy, text
from pora_dash.present.origins import BANDS
from pora_dash.present.tables import TOTAL, Protected
from pora_dash.reads import origins, population, stability
from pora_dash.reads.origins import OTHERS, WAIT_UNKNOWN
from pora_dash.render import crosstab as ct
from pora_dash.store.models import SEXES
from pora_dash.ui import (
    cache,
    current_scope,
    download_buttons,
    lang,
    page_filters,
    policy,
    tr,
    withheld,
)
from pora_dash.ui.sidebar import breadcrumb, describe, filter_panel, period_caption, table_height

filters = page_filters()
scope = current_scope()
show = policy()
filter_panel(filters, scope)

place = reference.region_name(filters.wilayah) if filters.wilayah else tr("scope.national")
st.title(f"{tr('nav.origins')} · {place}")
breadcrumb(filters, scope)
filter_line = describe(filters)  # the files' header line
# the charts' subtitle: the filters other than the region (which is in the title), and the date
subtitle = " · ".join(
    [
        *filter_line.removesuffix(" · " + period_caption(filters)).split(" · ")[1:],
        tr("home.as_of", date=fmt_date(filters.reference_date(), lang())),
    ]
)
st.caption(subtitle)

ACTIVE = cache.read(population.active_total, filters=filters, scope=scope)
if ACTIVE == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()

COUNT = tr("col.count")
# the longest stays stand out (Okabe–Ito vermillion, then orange): a known driver of tension
LONG_COLOURS = {"5y_plus": ct.OKABE_ITO[3], "10y_plus": ct.OKABE_ITO[3], "5_10y": ct.OKABE_ITO[1]}


T = TypeVar("T")


def read(fn: Callable[..., T], **extra: object) -> T:
    return cache.read(fn, filters=filters, scope=scope, **extra)


def title(what: str) -> alt.TitleParams:
    return alt.TitleParams(f"{what} · {place}", subtitle=subtitle, subtitleFontSize=13)


def nationality(code: str) -> str:
    return tr("origins.others") if code == OTHERS else country_name(code, lang())


def status(code: str) -> str:
    return tr(f"status.{code}")


def region(code: str) -> str:
    return labels.name(code)


def band(code: str) -> str:
    return code.replace("-", "–")


def month(code: str) -> str:
    return fmt_month(pd.Timestamp(code).date(), lang())


def flow(code: str) -> str:
    return tr("trend.arrivals") if code == "arrivals" else tr(f"lifecycle.{code}")


# Every count table of the page, read once; protected once per audience (screen or file).
TABLES = present_origins.raw_tables(
    present_origins.Reads(
        nat_status=read(origins.cross_counts, rows="nationality", columns="status"),
        area_status=read(origins.cross_counts, rows="area", columns="status"),
        area_nat=read(origins.cross_counts, rows="area", columns="nationality"),
        accommodation=read(origins.by_accommodation),
        profile=read(origins.profile),
        trend_status=read(origins.monthly_active_by, dimension="status"),
        trend_nationality=read(origins.monthly_active_by, dimension="nationality"),
    )
)
SHOWN = present_origins.protect_all(TABLES, show)


def margin_of(protected: Protected, of: str | None) -> Protected:
    """A table, or the totals of its rows or columns as a one-column table."""
    if of is None or not protected.ok:
        return protected
    return Protected(tables.margin(protected.values, of=of), None, protected.exact)


def table(
    name: str,
    *,
    stem: str,
    sheet: str,
    keys: dict[str, Callable[[str], str]],
    column_name: Callable[[str], str],
    total: str | None = None,
    margin: str | None = None,
    protect: Callable[[Policy], Protected] | None = None,
) -> None:
    """Show a count table (sortable; "<5" for a small count) with its CSV and Excel downloads.

    `protect(policy)` makes the table for an audience (default: table `name` of TABLES, or
    its `margin`)."""

    def shown(policy: Policy) -> Protected:
        if protect is not None:
            return protect(policy)
        made = SHOWN[name] if policy == show else tables.protect(TABLES[name], policy)
        return margin_of(made, margin)

    def labelled(protected: Protected) -> pd.DataFrame:
        return tables.labelled(
            protected.values,
            keys=keys,
            column_name=column_name,
            total=total or tr("origins.total"),
        )

    on_screen = shown(show)
    if not on_screen.ok:
        withheld(on_screen.withheld)
        return
    st.dataframe(
        tables.for_screen(labelled(on_screen), lang()),
        hide_index=True,
        height=table_height(len(on_screen.values)),
    )

    def sheets(policy: Policy) -> dict[str, pd.DataFrame]:
        made = shown(policy)
        if not made.ok:
            return {sheet: pd.DataFrame({sheet: [tr(f"disclosure.{made.withheld}")]})}
        return {sheet: labelled(Protected(tables.for_file(made), None))}

    download_buttons(stem, sheets, filter_line)


def counts_block(
    name: str,
    *,
    what: str,
    stem: str,
    keys: dict[str, Callable[[str], str]],
    label: Callable[[str], str],
    colours: dict[str, str] | None = None,
    top: int | None = None,
    margin: str | None = None,
    sheet: str | None = None,
) -> None:
    """Bars (the `top` largest) and the table of one breakdown; the chart's title names it.

    `margin`: the breakdown is the row ("rows") or column ("columns") totals of table `name`."""
    shown = margin_of(SHOWN[name], margin)
    if not shown.ok:
        withheld(shown.withheld, what)
        return
    data = tables.chart_data(shown, lang()).head(top)
    if data.empty:
        st.subheader(what)
    else:
        chart = ct.bars(
            [label(c) for c in data["row"]],
            list(data["value"]),
            list(data["text"]),
            title=title(what),
            axis_title=COUNT,
            lang=lang(),
            colours=[(colours or {}).get(c, ct.OKABE_ITO[0]) for c in data["row"]],
        )
        st.altair_chart(chart, width="stretch")
    table(
        name,
        stem=stem,
        sheet=sheet or what,
        keys=keys,
        column_name=lambda _: COUNT,
        margin=margin,
    )


def composition() -> None:
    """Nationality, status, accommodation, and the pyramid of sex and age."""
    left, right = st.columns(2, gap="large")
    with left:
        counts_block(
            "nat_status",
            margin="rows",
            what=tr("origins.by_nationality"),
            stem="asal-kewarganegaraan",
            keys={tr("col.nationality"): nationality, tr("col.code"): str},
            label=lambda c: f"{nationality(c)} ({c})",
            top=12,
        )
    with right:
        counts_block(
            "nat_status",
            margin="columns",
            what=tr("origins.by_status"),
            stem="asal-status",
            keys={tr("filter.status"): status},
            label=status,
            colours=ct.STATUS_COLOURS,
        )
        counts_block(
            "accommodation",
            what=tr("origins.by_accommodation"),
            stem="asal-akomodasi",
            keys={tr("filter.accommodation"): lambda a: tr(f"accommodation.{a}")},
            label=lambda a: tr(f"accommodation.{a}"),
        )

    what = tr("origins.pyramid")
    shown = SHOWN["sex_age"]
    chart_col, table_col = st.columns([3, 2], gap="large")
    with chart_col:
        if not shown.ok:
            withheld(shown.withheld, what)
        else:
            data = tables.chart_data(shown, lang()).rename(columns={"row": "band", "column": "sex"})
            st.altair_chart(
                ct.pyramid(
                    data,
                    bands=BANDS,
                    band_labels={b: band(b) for b in BANDS},
                    sex_labels={s: tr(f"sex.{s}") for s in SEXES},
                    title=title(what),
                    axis_title=COUNT,
                    lang=lang(),
                ),
                width="stretch",
            )
        st.caption(tr("origins.age_note"))
    with table_col:
        if shown.ok:
            table(
                "sex_age",
                stem="asal-umur-jenis-kelamin",
                sheet=what,
                keys={tr("origins.age_band"): band},
                column_name=lambda s: tr(f"sex.{s}"),
            )


def cross_tables() -> None:
    """Nationality × status, and the parts of the region × status or nationality."""
    what = tr("origins.nat_by_status")
    st.subheader(what)
    st.caption(tr("origins.sort_hint"))
    table(
        "nat_status",
        stem="asal-kewarganegaraan-status",
        sheet=what,
        keys={tr("col.nationality"): nationality, tr("col.code"): str},
        column_name=status,
    )

    what = tr(f"origins.area_by.{min(filters.level() + 1, 3)}")
    st.subheader(what)
    split = st.segmented_control(
        tr("origins.columns"),
        ["status", "nationality"],
        default="status",
        key="asal_area_columns",
        format_func=lambda c: tr(f"origins.columns.{c}"),
    )
    by_nationality = split == "nationality"
    table(
        "area_nat" if by_nationality else "area_status",
        stem="asal-wilayah-kewarganegaraan" if by_nationality else "asal-wilayah-status",
        sheet=what,
        keys={tr("col.region"): region, tr("col.code"): str},
        column_name=nationality if by_nationality else status,
    )


def trend_chart(dimension: str, events: pd.DataFrame) -> None:
    """Active persons per month by status or by the main nationalities."""
    what = tr(f"origins.trend.{dimension}")
    shown = SHOWN[f"trend_{dimension}"]
    if dimension == "status":
        colours, name = dict(ct.STATUS_COLOURS), status
    else:  # the main nationalities, largest first, then the others in grey
        colours = dict(zip(TABLES["trend_nationality"].columns, ct.OKABE_ITO, strict=False))
        colours[OTHERS], name = ct.GREY, nationality
    if not shown.ok:
        withheld(shown.withheld, what)
        return
    data = tables.chart_data(shown, lang())
    data["month"] = [pd.Timestamp(m).date() for m in data["row"]]
    data["label"] = [name(c) for c in data["column"]]
    columns = [c for c in TABLES[f"trend_{dimension}"].columns if c != TOTAL]
    st.altair_chart(
        ct.lines(
            data,
            events,
            colours={name(c): colours.get(c, ct.GREY) for c in columns},
            title=title(what),
            axis_title=tr("trend.active"),
            lang=lang(),
        ),
        width="stretch",
    )


def trends() -> None:
    """Active persons per month by status and nationality; arrivals and departures."""
    start = (
        pd.Timestamp(TABLES["trend_status"].index[0]).date()
        if len(TABLES["trend_status"])
        else filters.reference_date()
    )
    events = read(stability.calendar_events, start=start, end=filters.reference_date())
    for dimension, stem in (("status", "asal-tren-status"), ("nationality", "asal-tren-wn")):
        trend_chart(dimension, events)
        st.caption(tr("origins.current_status_note"))
        with st.expander(tr("origins.table")):
            table(
                f"trend_{dimension}",
                stem=stem,
                sheet=tr(f"origins.sheet.trend_{dimension}"),
                keys={tr("trend.month"): month},
                column_name=status if dimension == "status" else nationality,
                total=tr("trend.active"),
            )

    what = tr("origins.flows")
    period = st.segmented_control(
        tr("origins.period"),
        ["month", "year"],
        default="month",
        key="asal_flow_period",
        format_func=lambda p: tr(f"origins.period.{p}"),
    )
    period = period or "month"
    flows = present_origins.flows_table(read(origins.flows_by_reason, period=period))
    chained = TABLES["trend_status"] if period == "month" else None

    def protect_flows(policy: Policy) -> Protected:
        return present_origins.protect_flows(flows, chained, policy, population=ACTIVE)

    shown = protect_flows(show)
    if not shown.ok:
        withheld(shown.withheld, what)
    else:
        data = tables.chart_data(
            Protected(shown.values.rename(columns={TOTAL: "__departures__"}), None), lang()
        ).rename(columns={"row": "period", "column": "series"})
        data["series"] = data["series"].replace("__departures__", TOTAL)
        data["label"] = [flow(s) if s != TOTAL else "" for s in data["series"]]
        data["period"] = [pd.Timestamp(p).date() for p in data["period"]]
        if not (flows.to_numpy() > 0).any():
            st.subheader(what)
            st.info(tr("origins.no_flows"))
        else:
            st.altair_chart(
                ct.flows(
                    data,
                    events,
                    yearly=period == "year",
                    colours=ct.FLOW_COLOURS,
                    title=title(what),
                    axis_title=tr("trend.flows"),
                    lang=lang(),
                ),
                width="stretch",
            )
    st.caption(tr("origins.flows_note"))
    with st.expander(tr("origins.table")):
        table(
            "flows",
            stem=f"asal-arus-{period}",
            sheet=tr("origins.sheet.flows"),
            keys={tr(f"origins.period.{period}"): month if period == "month" else lambda p: p[:4]},
            column_name=flow,
            total=tr("origins.departures_total"),
            protect=protect_flows,
        )


def long_stay(name: str, longest: str, key: str) -> None:
    """A headline figure: how many are in the longest band, and their share of the whole."""
    shown = SHOWN[name]
    raw = TABLES[name]["count"]
    part = shown.values.loc[longest, "count"] if shown.ok else None
    share = show.share_value(int(raw.loc[longest]), int(raw.loc[TOTAL])) if shown.ok else None
    st.metric(
        tr(key),
        text(part, lang()) if shown.ok else "–",
        tr("origins.share_of", share=fmt_pct(share, lang())) if share is not None else None,
        delta_color="off",
        delta_arrow="off",
        help=tr(f"{key}.help"),
        border=True,
    )


def waiting() -> None:
    """Asylum seekers' time since registration; refugees' years in Indonesia."""
    left, right = st.columns(2, gap="large")
    with left:
        if TABLES["asylum_wait"].loc[TOTAL, "count"] == 0:
            st.subheader(tr("origins.asylum_waiting"))
            st.info(tr("origins.no_asylum_seekers"), icon=":material/search_off:")
        else:
            long_stay("asylum_wait", "5y_plus", "origins.asylum_5y")
            counts_block(
                "asylum_wait",
                what=tr("origins.asylum_waiting"),
                sheet=tr("origins.sheet.asylum_waiting"),
                stem="asal-tunggu-pencari-suaka",
                keys={tr("origins.since_registration"): lambda b: tr(f"origins.wait.{b}")},
                label=lambda b: tr(f"origins.wait.{b}"),
                colours=LONG_COLOURS | {"2_5y": ct.OKABE_ITO[1], WAIT_UNKNOWN: ct.GREY},
            )
        st.caption(tr("origins.asylum_waiting_note"))
    with right:
        if TABLES["refugee_stay"].loc[TOTAL, "count"] == 0:
            st.subheader(tr("origins.refugee_stay"))
            st.info(tr("origins.no_refugees"), icon=":material/search_off:")
        else:
            long_stay("refugee_stay", "10y_plus", "origins.refugee_10y")
            counts_block(
                "refugee_stay",
                what=tr("origins.refugee_stay"),
                sheet=tr("origins.sheet.refugee_stay"),
                stem="asal-lama-pengungsi",
                keys={tr("origins.since_arrival"): lambda b: tr(f"origins.stay.{b}")},
                label=lambda b: tr(f"origins.stay.{b}"),
                colours=LONG_COLOURS,
            )
        st.caption(tr("origins.refugee_stay_note"))


TABS = {
    "composition": composition,
    "crosstab": cross_tables,
    "trends": trends,
    "waiting": waiting,
}
# Only the open tab draws (each holds several charts, tables and downloads).
tabs = st.tabs([tr(f"origins.tab.{t}") for t in TABS], key="asal_tab", on_change="rerun")
for tab, draw in zip(tabs, TABS.values(), strict=True):
    if tab.open:
        with tab:
            draw()

if not show.exact:
    st.caption(tr("disclosure.rule"))
