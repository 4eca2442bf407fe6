"""The signed-in session: language, user, scope, the screen's disclosure policy, the sign-in
cookie, and the filters in the URL fitted to the scope."""

from __future__ import annotations

import json
import time

import streamlit as st

from pora_dash import filters as filter_state
from pora_dash.access import auth, websession
from pora_dash.access.permissions import can
from pora_dash.access.scope import Scope
from pora_dash.config import settings
from pora_dash.geo import labels
from pora_dash.i18n import DEFAULT_LANG, LANGS, t
from pora_dash.present.disclosure import Policy
from pora_dash.store import db
from pora_dash.web.routes import SESSION_PATH, SIGNOUT_PATH

_USER = "signed_in"
SAVED_FILTERS = "saved_filter_params"
CURRENT_PAGE = "current_page"  # set by app.py before a page runs
_LAST_SEEN = "last_seen"
_COOKIE_CODE = "cookie_code"  # one-time code waiting to become the sign-in cookie
_COOKIE_ENDED = "cookie_ended"  # signed out: the cookie this page has must not sign in again
_COOKIE_CLEAR = "cookie_clear"  # ...and the browser is asked to drop it
_TOUCHED = "cookie_touched"


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **values: object) -> str:
    return t(key, lang(), **values)


def _cookie() -> str | None:
    """The sign-in cookie this page was loaded with (see websession.py)."""
    try:
        value = st.context.cookies.get(websession.COOKIE)
    except Exception:  # no browser request behind this session (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def sign_in(user: auth.SignedIn, *, remember: bool = True) -> None:
    """Sign in this session; `remember` also lets the browser keep the sign-in across a
    reload (a one-time code the page exchanges for an HttpOnly cookie, see cookie_script)."""
    st.session_state[_USER] = user
    st.session_state[_LAST_SEEN] = time.monotonic()
    st.session_state["lang"] = user.language
    st.session_state.pop(_COOKIE_ENDED, None)
    if remember:
        with db.session_scope() as session:
            websession.prune(session)  # each sign-in clears the sign-ins that can no longer be used
            st.session_state[_COOKIE_CODE] = websession.start(session, user)


def sign_out(reason_key: str | None = None, *, audit_as: str | None = None) -> None:
    with db.session_scope() as session:
        if audit_as:
            auth.audit(session, "logout", username=audit_as)
        websession.end(session, _cookie())
    for key in (_USER, _LAST_SEEN, _COOKIE_CODE):
        st.session_state.pop(key, None)
    st.session_state[_COOKIE_ENDED] = True  # this session's cookie no longer signs in
    st.session_state[_COOKIE_CLEAR] = True
    if reason_key:
        st.session_state["signed_out_reason"] = reason_key


def cookie_script() -> None:
    """Runs once after a sign-in or sign-out: the browser asks the server route to set or
    clear the HttpOnly cookie (a script cannot set HttpOnly cookies itself)."""

    code = st.session_state.pop(_COOKIE_CODE, None)
    if code:
        url = json.dumps(f"{SESSION_PATH}?code={code}")
    elif st.session_state.pop(_COOKIE_CLEAR, False):
        url = json.dumps(SIGNOUT_PATH)
    else:
        return
    st.html(
        f"<script>fetch({url}, {{method: 'POST', credentials: 'same-origin'}})</script>",
        unsafe_allow_javascript=True,
    )


def _resume() -> auth.SignedIn | None:
    """A sign-in kept by the browser's cookie (a reload, a link opened in a new tab)."""
    token = _cookie()
    if not token or st.session_state.get(_COOKIE_ENDED):
        return None
    with db.session_scope() as session:
        user = websession.resume(session, token, settings().session_idle_minutes)
        if user is not None:
            auth.audit(session, "session_resumed", username=user.username)
    if user is not None:
        sign_in(user, remember=False)
        st.session_state[_TOUCHED] = time.monotonic()
    return user


def current_user() -> auth.SignedIn | None:
    """The signed-in user, re-checked against the database on every rerun (role, scope,
    revocation) and signed out after `session_idle_minutes` without activity."""
    user = st.session_state.get(_USER)
    if not isinstance(user, auth.SignedIn):
        return _resume()
    idle = time.monotonic() - st.session_state.get(_LAST_SEEN, 0.0)
    if idle > settings().session_idle_minutes * 60:
        sign_out("auth.expired", audit_as=user.username)
        return None
    with db.session_scope() as session:
        fresh = auth.still_valid(session, user)
        if time.monotonic() - st.session_state.get(_TOUCHED, 0.0) > websession.TOUCH_SECONDS:
            websession.touch(session, _cookie())
            st.session_state[_TOUCHED] = time.monotonic()
    if fresh is None:
        sign_out("auth.revoked")
        return None
    st.session_state[_USER] = fresh
    st.session_state[_LAST_SEEN] = time.monotonic()
    return fresh


def require_user() -> auth.SignedIn:
    user = current_user()
    if user is None:  # pages are only routed for signed-in users; this is a second lock
        st.error(tr("auth.required"))
        st.stop()
    return user


def current_scope() -> Scope:
    return require_user().scope


def presenting() -> bool:
    """On the presentation page, or any page opened with `presentasi=1`."""
    return (
        st.query_params.get("presentasi") == "1"
        or st.session_state.get(CURRENT_PAGE) == "presentasi"
    )


def policy() -> Policy:
    """How counts of people are shown on this screen: exact for team members, protected for
    viewers and in presentation mode."""
    return Policy.for_screen(require_user().role, presenting=presenting(), lang=lang())


def allowed(permission: str) -> bool:
    user = current_user()
    return user is not None and can(user.role, permission)


def page_filters() -> filter_state.Filters:
    """The filters in the URL; unknown values are dropped with a notice on the page.

    The region is fitted to the user's scope: a region outside it is dropped with a notice
    (a shared link reveals nothing about it); a region that contains the user's one region
    narrows to it; a user with one region starts there. The query layer intersects every
    read with the scope anyway; this keeps titles and figures telling the same story.
    """
    params = st.query_params
    saved = st.session_state.get(SAVED_FILTERS)
    page = st.session_state.get(CURRENT_PAGE)
    switched = st.session_state.get("filters_page") != page
    st.session_state["filters_page"] = page
    if switched and saved and not any(name in params for name in filter_state.FILTER_PARAMS):
        params.update(saved)  # another page was opened: keep the filters of the last one
    filters, notices = filter_state.from_query_params(params.to_dict())
    scope = current_scope()
    asked = filters.wilayah
    shown = scope.narrow(asked)
    if asked and shown is None:
        if scope.covers_part_of(asked):
            shown = asked  # several of the user's regions lie inside it
        else:
            notices.append(("notice.out_of_scope", "wilayah", asked))
            shown = scope.home()
    filters = filters.with_region(shown)
    for key, param, value in notices:
        st.info(tr(key, param=param, value=value), icon=":material/info:")
    return filters


def place_name(filters: filter_state.Filters) -> str:
    """What the page is about: the chosen region, the nation, or "your scope" for users whose
    scope is several regions."""

    if filters.wilayah:
        return labels.name(filters.wilayah)
    return tr("scope.national") if current_scope().is_national else tr("scope.yours")
