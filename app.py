"""Entry point: page config, database check, sign-in gate, and the router over app_pages/ by role."""

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from pora_dash.config import ConfigError, settings
from pora_dash.i18n import LANGS
from pora_dash.ui import CURRENT_PAGE, cache, cookie_script, current_user, sign_out, tr
from pora_dash.ui.navigation import PAGES, pages_for
from pora_dash.ui.signin import render as sign_in_form

st.set_page_config(page_title="Dasbor PORA", page_icon="static/favicon.png", layout="wide")

try:
    settings()
    cache.database_ready()
    cache.start_warmer()
    problems = cache.deploy_problems()
    user = current_user()
except ConfigError as exc:
    st.error(tr("error.config", detail=str(exc)))
    st.stop()
except SQLAlchemyError as exc:
    st.error(tr("error.database", detail=type(exc).__name__))
    st.stop()

cookie_script()  # after a sign-in or sign-out: set or clear the browser's sign-in cookie

if problems:
    st.error(tr("check.refused") + "\n\n" + "\n".join(f"- {tr(k, **v)}" for k, v in problems))
    st.stop()

if user is None:
    # Every known path shows the sign-in form, so a deep link survives signing in.
    paths = dict.fromkeys(["", "masuk", *(spec.url_path for spec in PAGES)])
    forms = [
        st.Page(sign_in_form, title=tr("auth.title"), url_path=p or None, default=not p)
        for p in paths
    ]
    st.navigation(forms, position="hidden").run()
    st.stop()

# Downloads go through the audited export buttons; the table toolbar's own CSV download would
# bypass the audit log, so it is hidden (the data shown is already what the user may see).
# A figure card's label wraps instead of ending in "…": at 1280x720 (a projector) four cards
# a row cut "Orang asing perhatian aktif" to "Orang asing perhatia…".
st.html(
    "<style>[data-testid='stElementToolbar'] button[aria-label*='Download'],"
    "[data-testid='stElementToolbar'] button[aria-label*='Unduh']{display:none}"
    "[data-testid='stMetricLabel'] p{white-space:normal!important;text-overflow:clip!important}"
    "[data-testid='stMetricLabel'],[data-testid='stMetricLabel'] *{overflow:visible!important}"
    "</style>"
)

sections: dict[str, list] = {}
for spec in pages_for(user.role):
    page = st.Page(
        spec.file,
        title=tr(spec.title_key),
        icon=spec.icon,
        url_path=spec.url_path or None,
        default=not spec.url_path,
    )
    sections.setdefault(tr(spec.section), []).append(page)

with st.sidebar:
    st.segmented_control(
        tr("lang.label"), LANGS, key="lang", format_func=str.upper, selection_mode="single"
    )
    st.caption(tr("auth.signed_in_as", name=user.display_name, role=tr(f"role.{user.role}")))
    if st.button(tr("auth.sign_out"), icon=":material/logout:"):
        sign_out(audit_as=user.username)
        st.rerun()

current = st.navigation(sections, expanded=True)  # every page listed: no untranslated "View more"
if st.query_params.get("presentasi") == "1" and current.url_path != "presentasi":
    # `?presentasi=1` on any page opens the slides for the same filter
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "presentasi"}
    st.switch_page("app_pages/presentation.py", query_params=params)
st.session_state[CURRENT_PAGE] = current.url_path
current.run()
