"""Impor data (operators, administrators): choose the kind of list, download its template
(CSV or Excel, Indonesian headers and an example row), upload the agency's file, see a
preview with every problem by row and column and the region matches to confirm, then commit
everything in one transaction or nothing. A second tab enters single records with the same
checks."""

import streamlit as st

from pora_dash.ui import imports as view
from pora_dash.ui import plain_page, tr

page = plain_page("nav.import")
st.caption(tr("import.intro"))

file_tab, entry_tab = st.tabs([tr("import.tab.file"), tr("import.tab.entry")])
with file_tab:
    view.file_import(page)
with entry_tab:
    view.data_entry(page)
