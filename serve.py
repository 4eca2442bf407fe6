"""The app with its sign-in cookie routes: `streamlit run serve.py` (what `make run` and the
deployment use). `streamlit run app.py` still works, without sign-ins surviving a reload."""

import streamlit as st

from pora_dash.webroutes import ROUTES

app = st.App("app.py", routes=ROUTES)
