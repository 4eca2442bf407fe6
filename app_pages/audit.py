"""Log audit: search who did what and when. Read-only: the app never edits or deletes entries."""

import datetime as dt

import pandas as pd
import streamlit as st

from pora_dash import clock
from pora_dash.access import auth
from pora_dash.ui import in_session, plain_page, tr

plain_page("nav.audit")

events = in_session(auth.audit_events)

c1, c2, c3 = st.columns([2, 2, 3])
who = c1.text_input(tr("auth.username"))
event = c2.selectbox(tr("audit.event"), [None, *events], format_func=lambda e: e or tr("audit.all"))
period = c3.date_input(
    tr("audit.period"),
    value=(clock.today() - dt.timedelta(days=30), clock.today()),
    format="DD/MM/YYYY",
)
since, until = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)

rows = in_session(auth.audit_entries, username=who or None, event=event, since=since, until=until)
table = pd.DataFrame(
    [
        {
            tr("audit.at"): r.at,
            tr("auth.username"): r.username,
            tr("audit.event"): r.event,
            tr("audit.target"): r.target or "",
            tr("audit.detail"): r.detail or "",
        }
        for r in rows
    ]
)

if table.empty:
    st.info(tr("empty.no_data"))
else:
    st.caption(tr("audit.count", n=len(table)))
    st.dataframe(table, hide_index=True, width="stretch")
