"""Kualitas data (operators, administrators, analysts): how complete the records of active
persons are, by field and by source agency; records not verified for more than 180 days;
likely duplicates across sources; persons in kecamatan without a boundary on the map; and the
latest imports. Each problem opens the records to fix (person records page) for roles that
may see records. Everything is limited to the user's scope."""

import streamlit as st

from pora_dash.reads import quality
from pora_dash.ui import plain_page, tr
from pora_dash.ui.quality import quality_tabs

page = plain_page("nav.quality", place=True)
st.caption(tr("quality.intro", days=quality.STALE_DAYS))
quality_tabs(page)
