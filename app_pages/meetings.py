"""Rapat (meetings): coordination meetings by office and level, as a list and a calendar;
a meeting's page with venue, office, agencies present, agenda, minutes and its decisions;
operators record meetings and add their follow-up actions."""

import streamlit as st

from pora_dash.reads import followups
from pora_dash.ui import data_page, in_session, tr
from pora_dash.ui import meetings as view
from pora_dash.ui.followthrough import minutes_downloads

page = data_page("nav.meetings", period=False)
filters, scope = page.filters, page.scope

all_meetings = in_session(followups.meetings, filters=filters, scope=scope)
agencies = in_session(followups.agencies, region=filters.wilayah)
names = dict(zip(agencies["id"], agencies["name"], strict=True))
view.meeting_list(page, all_meetings)

if page.may("edit_meetings"):
    with st.expander(tr("meeting.new"), icon=":material/add:"):
        view.new_meeting_form(page, names)

meeting_id = st.session_state.get(view.PICKED)
if not meeting_id:
    st.caption(tr("meeting.pick_hint"))
    st.stop()
record = in_session(followups.meeting_record, meeting_id=meeting_id, scope=scope)
if record is None:
    st.stop()
decided = in_session(
    followups.actions,
    filters=filters.with_region(None),
    scope=scope,
    which=followups.ActionFilter(meeting_id=record.id),
)
view.meeting_record(record, names.get(record.office_agency_id) or "–", decided)
minutes_downloads(meeting_id, scope)

if page.may("edit_meetings"):
    with st.expander(tr("meeting.edit"), icon=":material/edit:"):
        view.edit_meeting_form(page, record, names)
    view.add_action_form(page, record.id, names)
