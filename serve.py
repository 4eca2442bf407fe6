"""The app with its sign-in cookie routes and the API: `streamlit run serve.py` (what `make run`
and the deployment use). `streamlit run app.py` still works, without sign-ins surviving a
reload and without the API."""

import streamlit as st
from starlette.middleware import Middleware

from pora_dash.web import api
from pora_dash.web.routes import ROUTES, Guard

# Guard: exports under /media/ only with a sign-in cookie, no /_stcore/metrics (webroutes.py);
# the API (/api/v1, web/api.py) authenticates by token, never by the cookie
app = st.App("app.py", routes=[*ROUTES, api.mount()], middleware=[Middleware(Guard)])
