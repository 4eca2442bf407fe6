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
- Every table downloads as CSV and Excel (filter line on top, audited); small counts are "<5"
  for viewers without record access, with complementary suppression along every row and
  column that shows a total, kept consistent where two tables show the same count;
  suppressed counts are not drawn.
"""

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from pora_dash import cached, origins, reference
from pora_dash import crosstab as ct
from pora_dash.i18n import country_name, fmt_date, fmt_month
from pora_dash.models import ACCOMMODATIONS, DEPARTURES, SEXES, UNHCR_STATUSES
from pora_dash.origins import (
    AGE_BANDS,
    ASYLUM_WAIT_BANDS,
    OTHERS,
    REFUGEE_STAY_BANDS,
    WAIT_UNKNOWN,
)
from pora_dash.privacy import SUPPRESSED
from pora_dash.sidebar import breadcrumb, describe, filter_panel, period_caption, table_height
from pora_dash.ui import current_scope, download_buttons, lang, page_filters, policy, tr

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

if cached.read("active_total", filters=filters, scope=scope) == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()

TOTAL, COUNT = tr("origins.total"), tr("col.count")
BANDS = tuple(b for b, _, _ in AGE_BANDS)
WAIT_ORDER = (*(b for b, _ in ASYLUM_WAIT_BANDS), WAIT_UNKNOWN)
STAY_ORDER = tuple(b for b, _ in REFUGEE_STAY_BANDS)
TOP_NATIONALITIES = 8  # columns of the cross-table of areas by nationality
# the longest stays stand out (Okabe–Ito vermillion, then orange): a known driver of tension
LONG_COLOURS = {"5y_plus": ct.OKABE_ITO[3], "10y_plus": ct.OKABE_ITO[3], "5_10y": ct.OKABE_ITO[1]}


def read(name: str, **extra: object) -> pd.DataFrame:
    return cached.read(name, filters=filters, scope=scope, **extra)


def title(what: str) -> alt.TitleParams:
    return alt.TitleParams(f"{what} · {place}", subtitle=subtitle, subtitleFontSize=13)


def nationality(code: str) -> str:
    return tr("origins.others") if code == OTHERS else country_name(code, lang())


def status(code: str) -> str:
    return tr(f"status.{code}")


def region(code: str) -> str:
    return reference.region_name(code) or code


def band(code: str) -> str:
    return code.replace("-", "–")


def month(code: str) -> str:
    return fmt_month(pd.Timestamp(code).date(), lang())


def flow(code: str) -> str:
    return tr("trend.arrivals") if code == "arrivals" else tr(f"lifecycle.{code}")


def by_area_and_nationality() -> pd.DataFrame:
    """The parts of the region × the largest nationalities, the others summed in one column."""
    long = read("cross_counts", rows="area", columns="nationality")
    sums = long.groupby("column")["count"].sum().sort_values(ascending=False, kind="stable")
    top = list(sums.index[:TOP_NATIONALITIES])
    long["column"] = [c if c in top else OTHERS for c in long["column"]]
    return ct.with_totals(
        ct.wide(long, columns=[*top, *([OTHERS] if len(sums) > len(top) else [])])
    )


# the pyramid, waiting and stay tables come from one scan of the persons (origins.profile)
PROFILE = read("profile")

# Every count table of the page, read and suppressed together: where two tables show the same
# count (a margin of one is a row of another), a count hidden in one is hidden in both.
TABLES = {
    "nat_status": ct.with_totals(
        ct.wide(read("cross_counts", rows="nationality", columns="status"), columns=UNHCR_STATUSES)
    ),
    "area_status": ct.with_totals(
        ct.wide(read("cross_counts", rows="area", columns="status"), columns=UNHCR_STATUSES)
    ),
    "area_nat": by_area_and_nationality(),
    "accommodation": ct.counts_table(read("by_accommodation"), "accommodation", ACCOMMODATIONS),
    "sex_age": ct.with_totals(
        ct.wide(
            origins.sex_age_of(PROFILE).rename(columns={"band": "row", "sex": "column"}),
            rows=BANDS,
            columns=SEXES,
            only=True,
        )
    ),
    "asylum_wait": ct.counts_table(origins.waiting_of(PROFILE), "band", WAIT_ORDER),
    "refugee_stay": ct.counts_table(origins.stay_of(PROFILE), "band", STAY_ORDER),
    # months × groups, each month's total (the active persons) as its last column
    **{
        f"trend_{d}": ct.with_totals(
            monthly.set_axis(monthly.index.astype(str)), column_totals=False
        )
        for d in ("status", "nationality")
        for monthly in [read("monthly_active_by", dimension=d)]
    },
}
ALL = (ct.TOTAL, ct.TOTAL)  # the grand total
LINKS = [
    *((("nat_status", ct.TOTAL, s), ("area_status", ct.TOTAL, s)) for s in UNHCR_STATUSES),
    *(
        (("nat_status", n, ct.TOTAL), ("area_nat", ct.TOTAL, n))
        for n in TABLES["area_nat"].columns
        if n in TABLES["nat_status"].index
    ),
    (("nat_status", *ALL), ("area_status", *ALL)),
    (("nat_status", *ALL), ("area_nat", *ALL)),
    (("nat_status", *ALL), ("accommodation", ct.TOTAL, "count")),
    (("nat_status", *ALL), ("sex_age", *ALL)),
    (("nat_status", ct.TOTAL, "asylum_seeker"), ("asylum_wait", ct.TOTAL, "count")),
    (("nat_status", ct.TOTAL, "refugee"), ("refugee_stay", ct.TOTAL, "count")),
]
# The last month of a trend shows today's counts when nothing happened after the reference
# date in that month: then its entries are the same counts as the margins of nat_status.
for trend, margin_of in (
    ("trend_status", lambda c: (ct.TOTAL, c)),
    ("trend_nationality", lambda c: (c, ct.TOTAL)),
):
    last = TABLES[trend].index[-1]
    for column in TABLES[trend].columns:
        shared = ("nat_status", *margin_of(column))
        if column == OTHERS or shared[1] not in TABLES["nat_status"].index:
            continue
        if TABLES[trend].loc[last, column] == TABLES["nat_status"].loc[shared[1], shared[2]]:
            LINKS.append(((trend, last, column), shared))
HIDDEN = ct.hidden_linked(TABLES, LINKS) if show.suppress else dict.fromkeys(TABLES)


def table(
    values: pd.DataFrame,
    hidden: pd.DataFrame | None,
    *,
    stem: str,
    sheet: str,
    keys: dict[str, Callable[[str], str]],
    column_name: Callable[[str], str],
    total: str = TOTAL,
) -> None:
    """Show a count table (sortable, "<5" where hidden) with its CSV and Excel downloads."""

    def labelled(frame: pd.DataFrame) -> pd.DataFrame:
        return ct.labelled(frame, keys=keys, column_name=column_name, total=total)

    shown = labelled(ct.masked_table(values, show, hidden))
    st.dataframe(
        ct.styled(shown, lang()),
        hide_index=True,
        height=table_height(len(shown)),
        placeholder=SUPPRESSED,  # the grid draws a hidden (missing) count as "<5"
    )
    download_buttons(stem, {sheet: labelled(ct.export_table(values, show, hidden))}, filter_line)


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
    values, hidden = TABLES[name], HIDDEN[name]
    if margin:
        values, hidden = ct.margin(values, hidden, of=margin)
    data = ct.chart_data(ct.masked_table(values, show, hidden), show).head(top)
    if data["value"].isna().all():
        st.subheader(what)
        st.info(tr("origins.too_small"), icon=":material/visibility_off:")
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
    table(values, hidden, stem=stem, sheet=sheet or what, keys=keys, column_name=lambda _: COUNT)


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
    values, hidden = TABLES["sex_age"], HIDDEN["sex_age"]
    data = ct.chart_data(ct.masked_table(values, show, hidden), show)
    data = data.rename(columns={"row": "band", "column": "sex"})
    chart_col, table_col = st.columns([3, 2], gap="large")
    with chart_col:
        if data["value"].isna().all():
            st.subheader(what)
            st.info(tr("origins.too_small"), icon=":material/visibility_off:")
        else:
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
        table(
            values,
            hidden,
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
        TABLES["nat_status"],
        HIDDEN["nat_status"],
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
    name = "area_nat" if split == "nationality" else "area_status"
    table(
        TABLES[name],
        HIDDEN[name],
        stem="asal-wilayah-kewarganegaraan" if split == "nationality" else "asal-wilayah-status",
        sheet=what,
        keys={tr("col.region"): region, tr("col.code"): str},
        column_name=nationality if split == "nationality" else status,
    )


def trends() -> None:
    """Active persons per month by status and nationality; arrivals and departures."""
    events = None
    for dimension, stem in (("status", "asal-tren-status"), ("nationality", "asal-tren-wn")):
        what = tr(f"origins.trend.{dimension}")
        values, hidden = TABLES[f"trend_{dimension}"], HIDDEN[f"trend_{dimension}"]
        if dimension == "status":
            colours, name = ct.STATUS_COLOURS, status
        else:  # the main nationalities, largest first, then the others in grey
            colours, name = dict(zip(values.columns, ct.OKABE_ITO, strict=False)), nationality
            colours[OTHERS] = ct.GREY
        if events is None:
            start = pd.Timestamp(values.index[0]).date()
            events = read("calendar_events", start=start, end=filters.reference_date())
        data = ct.chart_data(ct.masked_table(values, show, hidden), show)
        if data["value"].isna().all():
            st.subheader(what)
            st.info(tr("trend.suppressed"), icon=":material/visibility_off:")
        else:
            data["month"] = [pd.Timestamp(m).date() for m in data["row"]]
            data["label"] = [name(c) for c in data["column"]]
            st.altair_chart(
                ct.lines(
                    data,
                    events,
                    colours={name(c): colours.get(c, ct.GREY) for c in values.columns},
                    title=title(what),
                    axis_title=tr("trend.active"),
                    lang=lang(),
                ),
                width="stretch",
            )
        st.caption(tr("origins.current_status_note"))
        with st.expander(tr("origins.table")):
            table(
                values,
                hidden,
                stem=stem,
                sheet=tr(f"origins.sheet.trend_{dimension}"),
                keys={tr("trend.month"): month},
                column_name=name,
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
    flows = read("flows_by_reason", period=period).set_index("period")
    flows.index = flows.index.astype(str)
    # departures by reason with their total; arrivals have no total: small ones hidden alone
    departures = ct.with_totals(flows[list(DEPARTURES)], column_totals=False)
    values = pd.concat([flows[["arrivals"]], departures], axis=1)
    hidden = None
    if show.suppress:
        hidden = pd.concat(
            [ct.hidden_cells(flows[["arrivals"]]), ct.hidden_cells(departures)], axis=1
        )
    data = ct.chart_data(ct.masked_table(values, show, hidden), show)
    data = data.rename(columns={"row": "period", "column": "series"})
    data["label"] = [flow(s) for s in data["series"]]
    data["period"] = [pd.Timestamp(p).date() for p in data["period"]]
    if not any(v for v in data["value"] if v is not None):  # nothing to draw
        st.subheader(what)
        hides = data["value"].isna().any()
        message = "trend.suppressed" if hides else "origins.no_flows"
        st.info(tr(message), icon=":material/visibility_off:" if hides else None)
    else:
        st.altair_chart(
            ct.flows(
                data,
                events if events is not None else pd.DataFrame(),
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
            values,
            hidden,
            stem=f"asal-arus-{period}",
            sheet=tr("origins.sheet.flows"),
            keys={tr(f"origins.period.{period}"): month if period == "month" else lambda p: p[:4]},
            column_name=flow,
            total=tr("origins.departures_total"),
        )


def long_stay(name: str, longest: str, key: str) -> None:
    """A headline figure: how many are in the longest band, and their share of the whole."""
    masked = ct.masked_table(TABLES[name], show, HIDDEN[name])["count"]
    part, whole = masked.loc[longest], masked.loc[ct.TOTAL]
    visible = part == part and whole == whole  # NaN: hidden
    st.metric(
        tr(key),
        show.count(int(part)) if part == part else SUPPRESSED,
        tr("origins.share_of", share=show.share(int(part), int(whole))) if visible else None,
        delta_color="off",
        delta_arrow="off",
        help=tr(f"{key}.help"),
        border=True,
    )


def waiting() -> None:
    """Asylum seekers' time since registration; refugees' years in Indonesia."""
    left, right = st.columns(2, gap="large")
    with left:
        if TABLES["asylum_wait"].loc[ct.TOTAL, "count"] == 0:
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
        if TABLES["refugee_stay"].loc[ct.TOTAL, "count"] == 0:
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

if show.suppress:
    st.caption(tr("privacy.note"))
