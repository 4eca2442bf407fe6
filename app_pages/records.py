"""Data orang (person records): operators and administrators see records with names;
analysts see pseudonymized records without names or document numbers. Every view is audited.
Only active persons in the user's scope, 100 per page. Links from the data-quality page add
`periksa=verifikasi` (not verified for 180 days) or `id=1,2,3` (the records of one likely
duplicate; the other filters are then ignored)."""

import streamlit as st

from pora_dash.access.records import open_records
from pora_dash.config import settings
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_int
from pora_dash.present.records import records_table
from pora_dash.reads import quality
from pora_dash.reads.records import RECORD_PAGE
from pora_dash.ui import data_page, in_session, lang, tr
from pora_dash.ui.sidebar import describe, table_height

context = data_page("nav.records", period=False, place=False)
filters, scope, user = context.filters, context.scope, context.user
named = context.may("records")

st.caption(tr("records.named") if named else tr("records.pseudonymized"))

check = st.query_params.get("periksa")
check = check if check in ("verifikasi",) else None
ids = [int(i) for i in st.query_params.get("id", "").split(",") if i.strip().isdigit()][:200]
if ids:
    filters = Filters()  # the records of one quality problem, whatever else was filtered
if check or ids:
    st.info(tr("records.quality_link"), icon=":material/fact_check:")

page = int(st.session_state.get("records_page", 0))
frame, total = in_session(  # the page of records and its audit entry, in one transaction
    open_records,
    filters=filters,
    scope=scope,
    named=named,
    secret=settings().secret_key,
    page=page,
    extra=quality.record_conditions(check, ids),
    username=user.username,
    filter_line=describe(filters),
)

if total == 0:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
    st.stop()

pages = max(1, -(-total // RECORD_PAGE))
st.write(tr("records.count", n=fmt_int(total, lang()), page=page + 1, pages=pages))
shown = records_table(frame, lang())
st.dataframe(shown, hide_index=True, height=table_height(len(shown), 15))

prev_col, next_col, _ = st.columns([1, 1, 3])  # room for 'Sebelumnya'
if prev_col.button(tr("records.prev"), disabled=page == 0, icon=":material/chevron_left:"):
    st.session_state["records_page"] = page - 1
    st.rerun()
if next_col.button(tr("records.next"), disabled=page + 1 >= pages, icon=":material/chevron_right:"):
    st.session_state["records_page"] = page + 1
    st.rerun()
