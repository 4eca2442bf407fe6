"""The app with its sign-in cookie routes: `streamlit run serve.py` (what `make run` and the
deployment use). `streamlit run app.py` still works, without sign-ins surviving a reload."""

import streamlit as st
from starlette.middleware import Middleware

from pora_dash.web.routes import ROUTES, Guard

# Guard: exports under /media/ only with a sign-in cookie, no /_stcore/metrics (webroutes.py)
app = st.App("app.py", routes=ROUTES, middleware=[Middleware(Guard)])
