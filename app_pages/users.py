"""Pengguna (users): administrators create users, set role, scope and agency, reset passwords,
disable accounts and end sessions, and see and revoke every user's API tokens. Every change is
audited."""

import streamlit as st

from pora_dash.access import auth
from pora_dash.access.agencies import agency_names
from pora_dash.ui import in_session, plain_page, tr
from pora_dash.ui import tokens as token_view
from pora_dash.ui import users as view
from pora_dash.ui.agency_form import agencies_tab

page = plain_page("nav.users")
users = in_session(auth.list_users)
agencies = in_session(agency_names)
view.user_list(users, agencies)

new_tab, edit_tab, agency_tab, token_tab = st.tabs(
    [tr("users.new"), tr("users.edit"), tr("users.agencies"), tr("users.tokens")]
)
with new_tab:
    view.new_user_form(page, agencies)
with edit_tab:
    view.edit_user_form(page, users)
with agency_tab:
    agencies_tab(page.user.username, view.selectable_regions())
with token_tab:
    token_view.every_token_tab(page)
