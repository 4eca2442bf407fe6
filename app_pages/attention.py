"""Wilayah perlu perhatian (areas needing attention): kab/kota or kecamatan ranked by named,
transparent components; every row shows its components and how they add up to its total.

The rules and default weights are in pora_dash/reads/attention.py (one documented place); an
administrator can change the weights here, and the change is audited. Areas are ranked,
persons never are.
"""

import streamlit as st

from pora_dash.present import attention as present_attention
from pora_dash.reads import attention
from pora_dash.ui import cache, data_page, download_buttons, tr
from pora_dash.ui.attention import (
    area_breakdown,
    how_it_works,
    level_choice,
    ranked_table,
    weights_form,
)
from pora_dash.ui.sidebar import describe

page = data_page("nav.attention")
st.caption(tr("attention.intro"))

level = level_choice(page.filters)
weights = cache.attention_weights()
raw = cache.read(
    attention.attention_table,
    filters=page.filters,
    scope=page.scope,
    level=level,
    weights=tuple(sorted(weights.items())),
)
if raw.empty:
    st.info(tr("attention.empty"), icon=":material/search_off:")
    st.stop()

table, view = present_attention.ranked(raw, weights, page.policy)
chosen = ranked_table(view)
download_buttons(
    "wilayah_perlu_perhatian",
    lambda policy: {
        tr("nav.attention"): present_attention.ranked(raw, weights, policy)[1].drop(columns="bar")
    },
    describe(page.filters),
)
if chosen:
    area_breakdown(page, table.iloc[chosen[0]], weights)

how_it_works(weights)
if page.may("admin"):
    weights_form(page, weights)
