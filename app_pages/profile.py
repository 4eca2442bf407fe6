"""Profil: the signed-in user's own API tokens (administrators, operators, analysts).

- Make a token: a name (the system that uses it), how many days it is valid (at most 365),
  read or read and write (imports; only for roles that may import), rounded or exact figures
  (exact = the internal variant, TERBATAS). The secret is shown once, right after.
- The list of the user's tokens: name, prefix, rights, figures, made, expires, last used, state
  (active, expired, revoked, ended because the role or scope changed).
- Revoke a token: it stops working at once. Every creation and revocation is audited.
"""

import streamlit as st

from pora_dash.access import tokens
from pora_dash.ui import in_session, plain_page, tr
from pora_dash.ui import tokens as view

page = plain_page("nav.profile")
st.caption(tr("profile.account", name=page.user.display_name, role=tr(f"role.{page.user.role}")))

st.header(tr("profile.tokens"))
st.caption(tr("profile.tokens.intro"))
view.new_secret()
rows = in_session(tokens.tokens_of, user=page.user)
view.token_list(rows)
view.new_token_form(page)
view.revoke_form(page, rows)
