"""Ringkasan (overview): headline figures for the current filter."""

import streamlit as st

from pora_dash import cached, reference
from pora_dash.i18n import country_name, fmt_date, fmt_int
from pora_dash.ui import current_scope, lang, page_filters, tr

filters = page_filters()
scope = current_scope()
place = reference.region_name(filters.wilayah) if filters.wilayah else tr("scope.national")

st.title(tr("app.title"))
st.caption(
    f"{tr('app.subtitle')} · {place} · "
    f"{tr('home.as_of', date=fmt_date(filters.reference_date(), lang()))}"
)

head = cached.read("headline", filters=filters, scope=scope)
cols = st.columns(4)
cols[0].metric(
    tr("home.national_total"), fmt_int(head.active, lang()), help=tr("home.national_total.help")
)
cols[1].metric(tr("home.refugees"), fmt_int(head.refugees, lang()))
cols[2].metric(tr("home.asylum_seekers"), fmt_int(head.asylum_seekers, lang()))
cols[3].metric(tr("home.nationalities"), fmt_int(head.nationalities, lang()))

if head.active == 0:
    st.info(tr("empty.no_data"))
    st.stop()

top = cached.read("by_nationality", filters=filters, scope=scope, limit=10)
st.subheader(tr("home.top_nationalities"))
st.dataframe(
    {
        tr("col.nationality"): [country_name(c, lang()) for c in top["nationality"]],
        tr("col.count"): [fmt_int(n, lang()) for n in top["count"]],
    },
    hide_index=True,
)
