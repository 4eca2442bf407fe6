"""Asal & status (origins and UNHCR status): from where, with what status, since when.

- Composition of the active persons under the shared filters: by nationality (Indonesian
  names, ISO codes beside), by UNHCR status, by accommodation, and by sex and age band (a
  population pyramid: males left, females right).
- Cross-tables with row and column totals, sortable by any column: nationality × status for
  the current region, and the parts of the region × status (or × the main nationalities).
- Trends over 36 months: active persons by current status and by the main nationalities, and
  arrivals and departures by reason per month or per year, with calendar events.
- Time waiting: asylum seekers by time since UNHCR registration, refugees by years in
  Indonesia since arrival.
- Every table downloads as CSV and Excel (filter line on top, audited); small counts are "<5"
  for viewers without record access, with complementary suppression along every row and
  column that shows a total; suppressed counts are not drawn.
"""

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from pora_dash import cached, reference
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

TOTAL = tr("origins.total")
# the longest stays stand out (Okabe–Ito vermillion, then orange): a known driver of tension
LONG_COLOURS = {"5y_plus": ct.OKABE_ITO[3], "10y_plus": ct.OKABE_ITO[3], "5_10y": ct.OKABE_ITO[1]}
COUNT = tr("col.count")


def title(what: str) -> alt.TitleParams:
    return alt.TitleParams(f"{what} · {place}", subtitle=subtitle, subtitleFontSize=13)


def read(name: str, **extra: object) -> pd.DataFrame:
    return cached.read(name, filters=filters, scope=scope, **extra)


def nationality(code: str) -> str:
    return tr("origins.others") if code == OTHERS else country_name(code, lang())


def region(code: str) -> str:
    return reference.region_name(code) or code


def band(code: str) -> str:
    return code.replace("-", "–")


def month(code: str) -> str:
    return fmt_month(pd.Timestamp(code).date(), lang())


def table(
    values: pd.DataFrame,
    *,
    stem: str,
    sheet: str,
    keys: dict[str, Callable[[str], str]],
    column_name: Callable[[str], str],
    total: str = TOTAL,
    masked: pd.DataFrame | None = None,
    exported: pd.DataFrame | None = None,
) -> None:
    """Show a count table (sortable, "<5" where hidden) with its CSV and Excel downloads."""
    shown = ct.labelled(
        ct.masked_table(values, show) if masked is None else masked,
        keys=keys,
        column_name=column_name,
        total=total,
    )
    st.dataframe(ct.styled(shown, lang()), hide_index=True, height=table_height(len(shown)))
    saved = ct.labelled(
        ct.export_table(values, show) if exported is None else exported,
        keys=keys,
        column_name=column_name,
        total=total,
    )
    download_buttons(stem, {sheet: saved}, filter_line)


def counts_block(
    frame: pd.DataFrame,
    key: str,
    *,
    what: str,
    stem: str,
    keys: dict[str, Callable[[str], str]],
    label: Callable[[str], str],
    order: tuple[str, ...] = (),
    colours: dict[str, str] | None = None,
    top: int | None = None,
) -> None:
    """Bars (the `top` largest) and the table of one breakdown; the chart's title names it."""
    values = ct.counts_table(frame, key, order)
    data = ct.chart_data(ct.masked_table(values, show), show).head(top)
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
    table(values, stem=stem, sheet=what, keys=keys, column_name=lambda _: COUNT)


def composition() -> None:
    """Nationality, status, accommodation, and the pyramid of sex and age."""
    left, right = st.columns(2, gap="large")
    with left:
        counts_block(
            read("by_nationality"),
            "nationality",
            what=tr("origins.by_nationality"),
            stem="asal-kewarganegaraan",
            keys={tr("col.nationality"): nationality, tr("col.code"): str},
            label=lambda c: f"{nationality(c)} ({c})",
            top=12,
        )
    with right:
        counts_block(
            read("by_status"),
            "status",
            what=tr("origins.by_status"),
            stem="asal-status",
            keys={tr("filter.status"): lambda s: tr(f"status.{s}")},
            label=lambda s: tr(f"status.{s}"),
            order=UNHCR_STATUSES,
            colours=ct.STATUS_COLOURS,
        )
        counts_block(
            read("by_accommodation"),
            "accommodation",
            what=tr("origins.by_accommodation"),
            stem="asal-akomodasi",
            keys={tr("filter.accommodation"): lambda a: tr(f"accommodation.{a}")},
            label=lambda a: tr(f"accommodation.{a}"),
            order=ACCOMMODATIONS,
        )

    what = tr("origins.pyramid")
    bands = tuple(b for b, _, _ in AGE_BANDS)
    sex_age = read("by_sex_age").rename(columns={"band": "row", "sex": "column"})
    cells = ct.wide(sex_age, rows=bands, columns=SEXES, only=True)
    values = ct.with_totals(cells)
    masked = ct.masked_table(values, show)
    data = ct.chart_data(masked, show).rename(columns={"row": "band", "column": "sex"})
    chart_col, table_col = st.columns([3, 2], gap="large")
    with chart_col:
        if data["value"].isna().all():
            st.subheader(what)
            st.info(tr("origins.too_small"), icon=":material/visibility_off:")
        else:
            st.altair_chart(
                ct.pyramid(
                    data,
                    bands=bands,
                    band_labels={b: band(b) for b in bands},
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
            stem="asal-umur-jenis-kelamin",
            sheet=what,
            keys={tr("origins.age_band"): band},
            column_name=lambda s: tr(f"sex.{s}"),
            masked=masked,
        )


def cross_tables() -> None:
    """Nationality × status, and the parts of the region × status or nationality."""
    what = tr("origins.nat_by_status")
    st.subheader(what)
    st.caption(tr("origins.sort_hint"))
    long = read("cross_counts", rows="nationality", columns="status")
    table(
        ct.with_totals(ct.wide(long, columns=UNHCR_STATUSES, only=False)),
        stem="asal-kewarganegaraan-status",
        sheet=what,
        keys={tr("col.nationality"): nationality, tr("col.code"): str},
        column_name=lambda s: tr(f"status.{s}"),
    )

    level = min(filters.level() + 1, 3)
    what = tr(f"origins.area_by.{level}")
    st.subheader(what)
    split = (
        st.segmented_control(
            tr("origins.columns"),
            ["status", "nationality"],
            default="status",
            key="asal_area_columns",
            format_func=lambda c: tr(f"origins.columns.{c}"),
        )
        or "status"
    )
    long = read("cross_counts", rows="area", columns=split)
    if split == "nationality":  # the 8 largest nationalities, the rest together
        sums = long.groupby("column")["count"].sum().sort_values(ascending=False)
        keep = set(sums.index[:8])
        long["column"] = [c if c in keep else OTHERS for c in long["column"]]
        order: tuple[str, ...] = (*sums.index[:8], OTHERS) if len(sums) > 8 else ()
        name: Callable[[str], str] = nationality
    else:
        order, name = UNHCR_STATUSES, lambda s: tr(f"status.{s}")
    table(
        ct.with_totals(ct.wide(long, columns=order)),
        stem=f"asal-wilayah-{split}",
        sheet=what,
        keys={tr("col.region"): region, tr("col.code"): str},
        column_name=name,
    )


def trends() -> None:
    """Active persons per month by status and nationality; arrivals and departures."""
    events: pd.DataFrame | None = None
    for dimension, stem in (("status", "asal-tren-status"), ("nationality", "asal-tren-wn")):
        what = tr(f"origins.trend.{dimension}")
        monthly = read("monthly_active_by", dimension=dimension)
        if dimension == "status":
            colours, name = ct.STATUS_COLOURS, (lambda s: tr(f"status.{s}"))
        else:  # the main nationalities, largest first, then the others in grey
            colours, name = dict(zip(monthly.columns, ct.OKABE_ITO, strict=False)), nationality
            colours[OTHERS] = ct.GREY
        monthly.index = monthly.index.astype(str)
        if events is None:
            events = read(
                "calendar_events",
                start=pd.Timestamp(monthly.index[0]).date(),
                end=filters.reference_date(),
            )
        values = ct.with_totals(monthly, column_totals=False)
        masked = ct.masked_table(values, show)
        data = ct.chart_data(masked, show)
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
                    colours={name(c): colours.get(c, ct.GREY) for c in monthly.columns},
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
                stem=stem,
                sheet=what,
                keys={tr("trend.month"): month},
                column_name=name,
                total=tr("trend.active"),
                masked=masked,
            )

    what = tr("origins.flows")
    period = (
        st.segmented_control(
            tr("origins.period"),
            ["month", "year"],
            default="month",
            key="asal_flow_period",
            format_func=lambda p: tr(f"origins.period.{p}"),
        )
        or "month"
    )
    flows = read("flows_by_reason", period=period).set_index("period")
    flows.index = flows.index.astype(str)
    departures = ct.with_totals(flows[list(DEPARTURES)], column_totals=False)
    arrivals = flows[["arrivals"]]  # no total is shown over arrivals: primary suppression only
    masked = pd.concat([ct.masked_table(arrivals, show), ct.masked_table(departures, show)], axis=1)
    exported = pd.concat(
        [ct.export_table(arrivals, show), ct.export_table(departures, show)], axis=1
    )
    data = ct.chart_data(masked, show).rename(columns={"row": "period", "column": "series"})
    data["label"] = [
        tr("trend.arrivals") if s == "arrivals" else tr(f"lifecycle.{s}") for s in data["series"]
    ]
    data["period"] = [pd.Timestamp(p).date() for p in data["period"]]
    if data["value"].isna().all():
        st.subheader(what)
        st.info(tr("trend.suppressed"), icon=":material/visibility_off:")
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
            pd.concat([arrivals, departures], axis=1),
            stem=f"asal-arus-{period}",
            sheet=what,
            keys={tr(f"origins.period.{period}"): month if period == "month" else lambda p: p[:4]},
            column_name=lambda s: tr("trend.arrivals") if s == "arrivals" else tr(f"lifecycle.{s}"),
            total=tr("origins.departures_total"),
            masked=masked,
            exported=exported,
        )


def long_stay(frame: pd.DataFrame, order: tuple[str, ...], band: str, key: str) -> None:
    """A headline figure: how many are in the longest band, and their share of the whole."""
    masked = ct.masked_table(ct.counts_table(frame, "band", order), show)["count"]
    part, whole = masked.loc[band], masked.loc[ct.TOTAL]
    visible = part == part and whole == whole  # NaN: suppressed
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
        frame = read("asylum_waiting")
        order = (*(b for b, _ in ASYLUM_WAIT_BANDS), WAIT_UNKNOWN)
        if frame.empty:
            st.subheader(tr("origins.asylum_waiting"))
            st.info(tr("origins.no_asylum_seekers"), icon=":material/search_off:")
        else:
            long_stay(frame, order, "5y_plus", "origins.asylum_5y")
            counts_block(
                frame,
                "band",
                what=tr("origins.asylum_waiting"),
                stem="asal-tunggu-pencari-suaka",
                keys={tr("origins.since_registration"): lambda b: tr(f"origins.wait.{b}")},
                label=lambda b: tr(f"origins.wait.{b}"),
                order=order,
                colours=LONG_COLOURS | {"2_5y": LONG_COLOURS["5_10y"], WAIT_UNKNOWN: ct.GREY},
            )
        st.caption(tr("origins.asylum_waiting_note"))
    with right:
        frame = read("refugee_stay")
        order = tuple(b for b, _ in REFUGEE_STAY_BANDS)
        if frame.empty:
            st.subheader(tr("origins.refugee_stay"))
            st.info(tr("origins.no_refugees"), icon=":material/search_off:")
        else:
            long_stay(frame, order, "10y_plus", "origins.refugee_10y")
            counts_block(
                frame,
                "band",
                what=tr("origins.refugee_stay"),
                stem="asal-lama-pengungsi",
                keys={tr("origins.since_arrival"): lambda b: tr(f"origins.stay.{b}")},
                label=lambda b: tr(f"origins.stay.{b}"),
                order=order,
                colours=LONG_COLOURS,
            )
        st.caption(tr("origins.refugee_stay_note"))


TABS = {
    "composition": composition,
    "crosstab": cross_tables,
    "trends": trends,
    "waiting": waiting,
}
# Only the open tab runs (each holds several charts, tables and downloads).
tabs = st.tabs([tr(f"origins.tab.{t}") for t in TABS], key="asal_tab", on_change="rerun")
for tab, draw in zip(tabs, TABS.values(), strict=True):
    if tab.open:
        with tab:
            draw()

if show.suppress:
    st.caption(tr("privacy.note"))
