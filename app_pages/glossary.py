"""Glosarium: what the terms and figures of the dashboard mean (pengungsi, pencari suaka,
status codes, Rudenim, community housing, rakor, Timpora, "<5", ...), searchable."""

import streamlit as st

from pora_dash.present.glossary import matching
from pora_dash.ui import lang, tr

st.title(tr("nav.glossary"))
st.caption(tr("glossary.intro"))
query = st.text_input(tr("glossary.search"), key="glossary_q", icon=":material/search:")
terms = matching(query, lang())
if not terms:
    st.info(tr("glossary.none"), icon=":material/search_off:")
for term in terms:
    with st.container(border=True):
        st.markdown(f"**{tr(f'glossary.{term}.term')}**")
        st.markdown(tr(f"glossary.{term}.text"))
