"""Tindak lanjut (follow-up tracker): every action decided at a rakor in the area, overdue
first; filter by agency, office, status and due period; a per-agency summary; edit an action
(with its history) when your role allows, never overwriting someone else's newer change."""

import streamlit as st

from pora_dash.reads import followups
from pora_dash.ui import data_page, in_session, seen_version, tr
from pora_dash.ui import followups as view
from pora_dash.ui.followthrough import (
    letter_downloads,
    on_time_section,
    open_linked_action,
    whatsapp_copy,
)

page = data_page("nav.followups", period=False)
filters, scope, user = page.filters, page.scope, page.user

agencies = in_session(followups.agencies, region=filters.wilayah)
names = dict(zip(agencies["id"], agencies["name"], strict=True))
which = view.action_filter(page, names)

tab_list, tab_summary = st.tabs([tr("followup.tab.list"), tr("followup.tab.summary")])
rows = in_session(followups.actions, filters=filters, scope=scope, which=which)
summary = in_session(followups.agency_summary, filters=filters, scope=scope)
with tab_list:
    view.action_list(page, rows, which)
with tab_summary:
    view.agency_summary(page, summary)
    on_time_section(filters, scope)

letter_downloads(filters, scope, user, names)
whatsapp_copy(filters, scope, user, names)
open_linked_action()

# The chosen action stays open even when an edit moves it out of the list's filter.
action_id = st.session_state.get(view.PICKED)
if not action_id:
    st.caption(tr("followup.pick_hint"))
    st.stop()
action = in_session(followups.visible_action, action_id=action_id, scope=scope)
if action is None:
    st.stop()
past = in_session(followups.history, action_id=action_id)

view.action_card(action, filters.reference_date())
if view.editable(page, action):
    view.edit_form(page, action, seen_version(action.id, action.version))
else:
    st.caption(tr("followup.read_only"))
view.history(past)
