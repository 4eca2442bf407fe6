"""Tinjau (review mode for the next rakor): pick the meeting being held, then step through the
still-open actions decided at that office's earlier meetings, one at a time, large and clear,
recording the new status and a comment as you go."""

import streamlit as st

from pora_dash.access.permissions import may_edit
from pora_dash.i18n import fmt_date
from pora_dash.reads import followups
from pora_dash.reads.followups import FollowupError
from pora_dash.store import db
from pora_dash.ui import (
    current_scope,
    forget_seen_version,
    lang,
    page_filters,
    require_user,
    seen_version,
    show_text,
    tr,
)
from pora_dash.writes.followups import ConflictError, update_action

user = require_user()
filters = page_filters()
scope = current_scope()
st.title(tr("nav.review"))

with db.session_scope() as session:
    candidates = followups.meetings(session, filters=filters, scope=scope)
if candidates.empty:
    st.info(tr("empty.no_data"))
    st.stop()
today = filters.reference_date()
with db.session_scope() as session:
    previous = followups.previous_meeting(session, filters=filters, scope=scope, today=today)
default = int(previous["id"]) if previous is not None else int(candidates["id"].iloc[-1])
labels = {
    int(r.id): f"{fmt_date(r.held_on, lang())} · {r.title} · {r.office}"
    for r in candidates.itertuples()
}
meeting_id = st.selectbox(
    tr("review.meeting"),
    list(labels),
    format_func=labels.get,
    index=list(labels).index(default),
    key="review_meeting",
)

with db.session_scope() as session:
    queue = followups.review_queue(session, meeting_id=meeting_id, scope=scope)
if not queue:
    st.success(tr("review.nothing"), icon=":material/task_alt:")
    st.stop()

key = f"review_pos_{meeting_id}"
pos = min(int(st.session_state.get(key, 0)), len(queue))
if pos >= len(queue):
    st.success(tr("review.finished", n=len(queue)), icon=":material/task_alt:")
    if st.button(tr("review.restart"), icon=":material/replay:"):
        st.session_state[key] = 0
        st.rerun()
    st.stop()

with db.session_scope() as session:
    view = followups.action_view(session, queue[pos])
st.progress((pos + 1) / len(queue), text=tr("review.position", i=pos + 1, n=len(queue)))
with st.container(border=True):
    st.caption(f"{view.meeting_title} · {fmt_date(view.meeting_date, lang())}")
    show_text(view.description, size="2rem", weight=600)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("followup.col.owner"), view.owner)
    c2.metric(
        tr("followup.col.due"),
        fmt_date(view.due_date, lang()),
        tr("followup.overdue") if view.overdue(today) else None,
        delta_color="inverse",
        delta_arrow="off",
    )
    c3.metric(tr("followup.col.status"), tr(f"action.status.{view.status}"))


def go(step: int) -> None:
    st.session_state[key] = max(0, pos + step)


editable = may_edit(user.role, user.agency_id, view.owner_agency_id)
saw = seen_version(view.id, view.version)
with st.form(f"review_{view.id}", border=False):
    options = [view.status, *sorted(followups.ALLOWED[view.status])]
    status = st.radio(
        tr("followup.new_status"),
        options,
        horizontal=True,
        format_func=lambda s: tr(f"action.status.{s}"),
        disabled=not editable,
    )
    comment = st.text_input(tr("followup.comment"), disabled=not editable)
    drop_reason = st.text_input(tr("followup.drop_reason"), disabled=not editable)
    save = st.form_submit_button(
        tr("review.save_next"), type="primary", disabled=not editable, icon=":material/check:"
    )
if save:
    try:
        with db.session_scope() as session:
            update_action(
                session,
                action_id=view.id,
                seen_version=saw,
                status=status,
                comment=comment,
                username=user.username,
                role=user.role,
                agency_id=user.agency_id,
                drop_reason=drop_reason,
                scope=scope,
            )
    except ConflictError as exc:
        forget_seen_version(view.id)
        st.warning(tr(exc.key, **exc.values), icon=":material/sync_problem:")
    except FollowupError as exc:
        st.error(tr(exc.key, **exc.values))
    else:
        forget_seen_version(view.id)
        go(1)
        st.rerun()
b1, b2, _ = st.columns([1, 1, 4])
b1.button(
    tr("review.previous"),
    on_click=go,
    args=(-1,),
    disabled=pos == 0,
    icon=":material/chevron_left:",
)
b2.button(tr("review.skip"), on_click=go, args=(1,), icon=":material/chevron_right:")
