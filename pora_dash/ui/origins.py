"""The pieces of the "Asal & status" page: its count tables read once (`Origins`), a table with
its downloads, a breakdown's bars and table, and a headline figure of the longest stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_date, fmt_pct
from pora_dash.present import origins as present_origins
from pora_dash.present import tables
from pora_dash.present.disclosure import Policy
from pora_dash.present.origins import Names, margin_of
from pora_dash.present.tables import Protected
from pora_dash.reads import origins
from pora_dash.render import origins_charts
from pora_dash.ui import cache, chart
from pora_dash.ui.page import PageContext
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import describe, period_caption, table_height
from pora_dash.ui.widgets import download_buttons, withheld

T = TypeVar("T")


def subtitle(filters: Filters) -> str:
    """The charts' subtitle: the filters other than the region (which is in the title), and
    the date."""
    filter_line = describe(filters)
    return " · ".join(
        [
            *filter_line.removesuffix(" · " + period_caption(filters)).split(" · ")[1:],
            tr("home.as_of", date=fmt_date(filters.reference_date(), lang())),
        ]
    )


@dataclass(frozen=True)
class Origins:
    """The page for this user: its filter and audience, and every count table, exact (`raw`)
    and as shown on screen (`shown`)."""

    page: PageContext
    active: int  # the filter's active persons: the flows are a breakdown of them
    raw: dict[str, pd.DataFrame]
    shown: dict[str, Protected]

    @property
    def show(self) -> Policy:
        return self.page.policy

    @property
    def names(self) -> Names:
        return Names(lang())

    def read(self, fn: Callable[..., T], **extra: Any) -> T:
        return cache.read(fn, filters=self.page.filters, scope=self.page.scope, **extra)

    def title(self, what: str) -> alt.TitleParams:
        return origins_charts.heading(what, self.page.place, subtitle(self.page.filters))


def count_tables(session: Session, *, filters: Filters, scope: Scope) -> dict[str, pd.DataFrame]:
    """Every count table of the page, exact, from its seven reads: cached as one view
    (`cache.read(count_tables, ...)`), since shaping the tables cost more than reading them
    from the cache (45 ms of pandas at every run at scale 10)."""

    def read(fn: Callable[..., T], **extra: Any) -> T:
        return fn(session, filters=filters, scope=scope, **extra)

    return present_origins.raw_tables(
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


def read_tables(page: PageContext, active: int) -> Origins:
    """Every count table of the page, read once; protected once for the screen."""
    raw = cache.read(count_tables, filters=page.filters, scope=page.scope)
    return Origins(page, active, raw, present_origins.protect_all(raw, page.policy))


def table(
    o: Origins,
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

    `protect(policy)` makes the table for an audience (default: table `name`, or its
    `margin`)."""

    def shown(policy: Policy) -> Protected:
        if protect is not None:
            return protect(policy)
        made = o.shown[name] if policy == o.show else tables.protect(o.raw[name], policy)
        return margin_of(made, margin)

    def labelled(protected: Protected) -> pd.DataFrame:
        return tables.labelled(
            protected.values,
            keys=keys,
            column_name=column_name,
            total=total or tr("origins.total"),
        )

    on_screen = shown(o.show)
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

    download_buttons(stem, sheets, describe(o.page.filters))


def counts_block(
    o: Origins,
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
    shown = margin_of(o.shown[name], margin)
    if not shown.ok:
        withheld(shown.withheld, what)
        return
    data = tables.chart_data(shown, lang()).head(top)
    if data.empty:
        st.subheader(what)
    else:
        chart.show(
            origins_charts.bars,
            data,
            labels=[label(c) for c in data["row"]],
            colours=colours,
            title=o.title(what),
            axis_title=tr("col.count"),
            lang=lang(),
        )
    table(
        o,
        name,
        stem=stem,
        sheet=sheet or what,
        keys=keys,
        column_name=lambda _: tr("col.count"),
        margin=margin,
    )


def long_stay(o: Origins, name: str, longest: str, key: str) -> None:
    """A headline figure: how many are in the longest band, and their share of the whole."""
    value, share = present_origins.longest_band(o.raw[name], o.shown[name], longest, o.show)
    st.metric(
        tr(key),
        value,
        tr("origins.share_of", share=fmt_pct(share, lang())) if share is not None else None,
        delta_color="off",
        delta_arrow="off",
        help=tr(f"{key}.help"),
        border=True,
    )
