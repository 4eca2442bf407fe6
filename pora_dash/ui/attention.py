"""The pieces of the attention page (Wilayah perlu perhatian): the level switch, the ranked
table, one area's breakdown, how the ranking is made, and the administrator's weights."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from pora_dash.filters import Filters
from pora_dash.present import attention as present_attention
from pora_dash.reads import attention
from pora_dash.reads.attention import COMPONENTS
from pora_dash.ui.page import PageContext, in_session
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import set_region, table_height
from pora_dash.writes import settings


def level_choice(filters: Filters) -> int:
    """The level of the areas ranked: kab/kota or kecamatan (kecamatan only, inside a
    kab/kota)."""
    levels = [2, 3] if filters.level() <= 1 else [3]
    level = st.segmented_control(
        tr("attention.level"),
        levels,
        default=attention.table_level(filters),
        format_func=lambda lv: tr(f"attention.level.{lv}"),
        key="attention_level",
    )
    return level or attention.table_level(filters)


def ranked_table(view: pd.DataFrame) -> list[int]:
    """The ranked areas, each total with its bar and every component's points explained;
    returns the rows chosen."""
    config: dict[str, Any] = {
        "bar": st.column_config.ProgressColumn(
            "", min_value=0, max_value=100, format=" ", width="small"
        ),
        tr("attention.total"): st.column_config.TextColumn(help=tr("attention.total.help")),
        **{
            present_attention.points_column(c, lang()): st.column_config.TextColumn(
                present_attention.component_label(c, lang()),  # "(poin)" in the help: width
                help=tr(f"attention.component.{c}.help"),
            )
            for c in COMPONENTS
        },
    }
    selection = st.dataframe(
        view,
        hide_index=True,
        height=table_height(len(view), 15),
        width="stretch",
        column_config=config,
        # the scores fit a 1280 px screen (the rank is the row order); each area's measures are
        # in its breakdown and the files
        column_order=list(view.columns[1:4])
        + [present_attention.points_column(c, lang()) for c in COMPONENTS],
        on_select="rerun",
        selection_mode="single-row",
        key="attention_pick",
    )
    st.caption(tr("attention.pick_hint"))
    return list(selection.selection.rows) if selection else []


def area_breakdown(page: PageContext, row: pd.Series, weights: Mapping[str, float]) -> None:
    """How one area's total is made, and a button to open the area."""
    code = str(row["code"])
    area = attention.area_label(code)
    st.subheader(tr("attention.breakdown", area=area))
    st.dataframe(
        present_attention.breakdown(row, weights, lang()), hide_index=True, width="stretch"
    )
    st.markdown(present_attention.sum_line(row, lang()))
    if page.scope.allows(code):
        st.button(
            tr("attention.filter_to", area=area),
            on_click=set_region,
            args=(code,),
            icon=":material/filter_alt:",
        )


def how_it_works(weights: Mapping[str, float]) -> None:
    """The rules in words and the weights, now and by default."""
    with st.expander(tr("attention.how"), icon=":material/calculate:"):
        st.markdown(tr("attention.rules"))
        st.dataframe(present_attention.weights_table(weights, lang()), hide_index=True)


def weights_form(page: PageContext, weights: Mapping[str, float]) -> None:
    """The administrator's weights; saving them is audited and refreshes every page."""
    with st.expander(tr("attention.weights_admin"), icon=":material/tune:"):
        with st.form("attention_weights"):
            cols = st.columns(len(COMPONENTS))
            new = {
                c: cols[i].number_input(
                    present_attention.component_label(c, lang()),
                    min_value=0.0,
                    max_value=float(attention.MAX_WEIGHT),
                    value=float(weights[c]),
                    step=0.5,
                    key=f"weight_{c}",
                )
                for i, c in enumerate(COMPONENTS)
            }
            if st.form_submit_button(tr("attention.save_weights"), icon=":material/save:"):
                save_weights(new, page.user.username)


def save_weights(new: dict[str, float], username: str) -> None:
    """Store the weights; numbers out of range are refused with a message."""
    try:
        in_session(settings.save_weights, weights=new, username=username)
    except ValueError:
        st.error(tr("attention.bad_weights"))
    else:
        st.toast(tr("attention.saved"), icon=":material/check:")
        st.rerun()
