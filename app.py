"""Entry point: page config, database check, language, and the router over pages/."""

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from pora_dash import cached
from pora_dash.config import ConfigError, settings
from pora_dash.i18n import LANGS
from pora_dash.ui import tr

st.set_page_config(page_title="Dasbor PORA", page_icon=":material/travel_explore:", layout="wide")

try:
    settings()
    cached.database_ready()
except ConfigError as exc:
    st.error(tr("error.config", detail=str(exc)))
    st.stop()
except SQLAlchemyError as exc:
    st.error(tr("error.database", detail=type(exc).__name__))
    st.stop()

with st.sidebar:
    st.segmented_control(
        tr("lang.label"), LANGS, key="lang", format_func=str.upper, default="id",
        selection_mode="single",
    )

pages = [
    st.Page("pages/ringkasan.py", title=tr("nav.overview"), icon=":material/dashboard:",
            url_path="ringkasan", default=True),
]
st.navigation(pages).run()
