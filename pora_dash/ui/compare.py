"""Comparison mode of the overview and the origins page, and its slide.

The comparison lives in the URL (`banding=2025-11` or `banding_wilayah=12.71`), so a
comparison is a link. The other side's region is fitted to the user's scope like the page's
own: a region outside it is refused with a notice and never read. Both sides are read with the
page's own reads (`ui.cache.read`) and shown through `present.compare`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.filters import COMPARE_PARAMS, Comparison, Filters, comparison_from_query_params
from pora_dash.geo import labels, reference
from pora_dash.i18n import country_name, fmt_month
from pora_dash.present import compare
from pora_dash.present import origins as present_origins
from pora_dash.present.compare import Compared, Side, Sides
from pora_dash.present.disclosure import Policy
from pora_dash.reads import followups, origins, overview
from pora_dash.ui import cache
from pora_dash.ui.page import PageContext
from pora_dash.ui.session import lang, place_name, tr
from pora_dash.ui.sidebar import describe, table_height
from pora_dash.ui.widgets import download_buttons

KIND_KEY, MONTH_KEY, REGION_KEY = "cmp_kind", "cmp_month", "cmp_region"
SYNCED_KEY = "cmp_synced"  # the URL's comparison the control was last set from


def comparison_of(filters: Filters, scope: Scope, *, notify: bool = True) -> Comparison | None:
    """The comparison in the URL, its region fitted to the scope; a value that cannot be used
    is dropped with a notice (`notify`), like the page's filters."""
    found, notices = comparison_from_query_params(st.query_params.to_dict(), filters)
    if found is not None and found.kind == "region":
        code = found.other.wilayah or ""
        if not (scope.allows(code) or scope.covers_part_of(code)):
            notices.append(("notice.compare_out_of_scope", "banding_wilayah", code))
            found = None
    if notify:
        for key, param, value in notices:
            st.info(tr(key, param=param, value=value), icon=":material/info:")
    return found


# --- the control: writes the URL --------------------------------------------------------------


def _set(param: str, value: str | None) -> None:
    for name in COMPARE_PARAMS:  # one comparison at a time
        if name in st.query_params:
            del st.query_params[name]
    if value:
        st.query_params[param] = value


def _on_month() -> None:
    _set("banding", st.session_state.get(MONTH_KEY))


def _on_region() -> None:
    _set("banding_wilayah", st.session_state.get(REGION_KEY))


def _on_close() -> None:
    _set("banding", None)
    st.session_state.pop(KIND_KEY, None)


def _regions(scope: Scope, current: str | None) -> list[str]:
    """Provinces and kab/kota the user may compare with (inside the scope), and the one in
    the URL (a kecamatan) when it is not among them."""
    options = []
    for province in reference.children(None):
        if scope.covers_part_of(province):
            options.append(province)
            options += [c for c in reference.children(province) if scope.covers_part_of(c)]
    if current and current not in options:
        options.insert(0, current)
    return options


def control(page: PageContext, comparison: Comparison | None) -> None:
    """ "Bandingkan": another month (same region) or another region (same date), in one row."""
    with st.expander(
        tr("compare.title"), expanded=comparison is not None, icon=":material/compare_arrows:"
    ):
        shown = (comparison.kind, comparison.value) if comparison else None
        if shown != st.session_state.get(SYNCED_KEY):  # a new link: the control follows it
            st.session_state[SYNCED_KEY] = shown
            st.session_state[KIND_KEY] = comparison.kind if comparison else None
        kind_col, pick_col, close_col = st.columns([3, 4, 2], vertical_alignment="bottom")
        kind = kind_col.segmented_control(
            tr("compare.kind"),
            ["period", "region"],
            key=KIND_KEY,
            format_func=lambda k: tr(f"compare.kind.{k}"),
            help=tr("compare.kind.help"),
        )
        if kind == "period":
            months = compare.recent_months(clock.today())
            chosen = comparison.value if comparison and comparison.kind == "period" else None
            st.session_state[MONTH_KEY] = chosen if chosen in months else None
            pick_col.selectbox(
                tr("compare.month"),
                months,
                key=MONTH_KEY,
                on_change=_on_month,
                format_func=lambda m: fmt_month(dt.date.fromisoformat(m + "-01"), lang()),
                placeholder=tr("compare.month.placeholder"),
            )
        elif kind == "region":
            region = comparison and comparison.kind == "region"
            current = comparison.other.wilayah if comparison and region else None
            st.session_state[REGION_KEY] = current
            pick_col.selectbox(
                tr("compare.region"),
                _regions(page.scope, current),
                key=REGION_KEY,
                on_change=_on_region,
                format_func=labels.with_parent,
                placeholder=tr("compare.region.placeholder"),
            )
        if comparison is not None:
            close_col.button(
                tr("compare.close"),
                key="cmp_close",
                on_click=_on_close,
                icon=":material/close:",
                help=tr("compare.close.help"),
            )


# --- the comparison -----------------------------------------------------------------------------


def _parts(filters: Filters, scope: Scope) -> compare.Parts:
    return (
        cache.read(overview.headline, filters=filters, scope=scope),
        cache.read(overview.arrivals, filters=filters, scope=scope),
        cache.read(followups.action_counts, filters=filters, scope=scope),
    )


def _overview_sides(filters: Filters, scope: Scope, show: Policy) -> tuple[Side, Side]:
    nat = cache.read(overview.by_nationality, filters=filters, scope=scope)
    status = cache.read(overview.by_status, filters=filters, scope=scope)
    return compare.nationality_side(nat, show), compare.status_side(status, show)


def _origins_sides(filters: Filters, scope: Scope, show: Policy) -> tuple[Side, Side]:
    """The nationality and status tables as the origins page shows them: the margins of its
    nationality × status cross-table, protected as a whole."""
    long = cache.read(
        origins.cross_counts, filters=filters, scope=scope, rows="nationality", columns="status"
    )
    cross = present_origins.nat_status_table(long)
    return compare.margin_side(cross, "rows", show), compare.margin_side(cross, "columns", show)


def numbers_right(table: pd.DataFrame) -> dict[str, Any]:
    """Every column but the first (the names) holds figures: right-aligned, like numbers."""
    return {c: st.column_config.TextColumn(alignment="right") for c in table.columns[1:]}


def _table(compared: Compared, sides: Sides, what: str) -> None:
    st.subheader(what)
    if not compared.ok:
        st.info(tr(f"disclosure.{compared.withheld[0]}"), icon=":material/visibility_off:")
        return
    st.dataframe(
        compared.table,
        hide_index=True,
        height=table_height(len(compared.table)),
        column_config=numbers_right(compared.table),
    )
    for name, reason in zip((sides.first, sides.second), compared.withheld, strict=True):
        if reason:
            st.caption(tr("compare.side_withheld", side=name, why=tr(f"disclosure.{reason}")))


def _breakdowns(
    page: PageContext,
    comparison: Comparison,
    sides: Sides,
    tables: str,
    policy: Policy,
    *,
    for_file: bool = False,
) -> tuple[Compared, Compared]:
    """The statuses and the nationalities of both sides for an audience (screen or file)."""
    read_sides = _origins_sides if tables == "origins" else _overview_sides
    nat_a, status_a = read_sides(page.filters, page.scope, policy)
    nat_b, status_b = read_sides(comparison.other, page.scope, policy)
    statuses = compare.side_by_side(
        status_a,
        status_b,
        title=tr("filter.status"),
        name=_status,
        sides=sides,
        policy=policy,
        ordered=True,
        for_file=for_file,
    )
    nationalities = compare.side_by_side(
        nat_a,
        nat_b,
        title=tr("col.nationality"),
        name=_nationality,
        sides=sides,
        policy=policy,
        for_file=for_file,
    )
    return statuses, nationalities


def section(page: PageContext, comparison: Comparison, *, tables: str = "overview") -> None:
    """Both sides' headline figures, statuses and nationalities, with the change, and their
    downloads (protected unless a team member chooses the internal variant)."""
    show = page.policy
    sides = Sides.of(page.filters, comparison, page.place, page.lang)
    heading = tr("compare.heading", first=sides.first, second=sides.second)
    st.subheader(heading)
    st.caption(tr(f"compare.explain.{comparison.kind}"))
    parts = _parts(page.filters, page.scope), _parts(comparison.other, page.scope)
    head = compare.headline_table(*parts, sides, show)
    st.dataframe(head, hide_index=True, key="cmp_headline", column_config=numbers_right(head))
    statuses, nationalities = _breakdowns(page, comparison, sides, tables, show)
    # one under the other: four columns need the width (side by side they scroll at 1280 px)
    _table(statuses, sides, tr("origins.by_status"))
    _table(nationalities, sides, tr("origins.by_nationality"))
    st.caption(tr("compare.change_rule"))

    def sheets(policy: Policy) -> dict[str, pd.DataFrame]:
        made = _breakdowns(page, comparison, sides, tables, policy, for_file=True)
        named = zip(("origins.by_status", "origins.by_nationality"), made, strict=True)
        return {
            tr("compare.sheet"): compare.headline_table(*parts, sides, policy),
            **{tr(key): _sheet(c) for key, c in named},
        }

    download_buttons("perbandingan", sheets, f"{describe(page.filters)} · {heading}")


def _sheet(compared: Compared) -> pd.DataFrame:
    if compared.ok:
        return compared.table
    reason = tr(f"disclosure.{compared.withheld[0]}")
    return pd.DataFrame({compared.table.columns[0]: [reason]})


def _status(code: str) -> str:
    return tr(f"status.{code}")


def _nationality(code: str) -> str:
    return country_name(code, lang())


def block(page: PageContext, *, tables: str = "overview") -> Comparison | None:
    """The control and, when the URL asks for one, the comparison."""
    comparison = comparison_of(page.filters, page.scope)
    control(page, comparison)
    if comparison is not None:
        with st.container(border=True):
            section(page, comparison, tables=tables)
    return comparison


# --- the slide -----------------------------------------------------------------------------------


def slide(filters: Filters, scope: Scope, show: Policy) -> None:
    """The comparison in the URL, or else the same date a year earlier; protected."""
    comparison = comparison_of(filters, scope, notify=False)
    if comparison is None:
        before = compare.year_before(filters.reference_date())
        other = replace(filters, as_of=before)
        comparison = Comparison("period", other, "banding", before.strftime("%Y-%m"))
    sides = Sides.of(filters, comparison, place_name(filters), show.lang)
    st.subheader(tr("compare.pair", first=sides.first, second=sides.second))
    head = compare.headline_table(
        _parts(filters, scope), _parts(comparison.other, scope), sides, show
    )
    _, status_a = _overview_sides(filters, scope, show)
    _, status_b = _overview_sides(comparison.other, scope, show)
    status = compare.side_by_side(
        status_a,
        status_b,
        title=tr("filter.status"),
        name=_status,
        sides=sides,
        policy=show,
        ordered=True,
    )
    left, right = st.columns([3, 2], gap="large")
    left.table(head, hide_index=True)
    with right:
        if status.ok:
            st.table(status.table, hide_index=True)
        else:
            st.info(tr(f"disclosure.{status.withheld[0]}"))
    st.caption(tr("compare.change_rule"))
