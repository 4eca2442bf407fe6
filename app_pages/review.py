"""Tinjau (review mode for the next rakor): pick the meeting being held, then step through the
still-open actions decided at that office's earlier meetings, one at a time, large and clear,
recording the new status and a comment as you go."""

import streamlit as st

from pora_dash.i18n import fmt_date
from pora_dash.reads import followups
from pora_dash.ui import followups as view
from pora_dash.ui import (
    in_session,
    lang,
    page_filters,
    plain_page,
    seen_version,
    show_labelled,
    show_text,
    tr,
)

page = plain_page("nav.review")
filters = page_filters()
scope = page.scope

candidates = in_session(followups.meetings, filters=filters, scope=scope)
if candidates.empty:
    st.info(tr("empty.no_data"))
    st.stop()
today = filters.reference_date()
previous = in_session(followups.previous_meeting, filters=filters, scope=scope, today=today)
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

queue = in_session(followups.review_queue, meeting_id=meeting_id, scope=scope)
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

action = in_session(followups.action_view, action_id=queue[pos])
st.progress((pos + 1) / len(queue), text=tr("review.position", i=pos + 1, n=len(queue)))
with st.container(border=True):
    st.caption(f"{action.meeting_title} · {fmt_date(action.meeting_date, lang())}")
    show_text(action.description, size="2rem", weight=600)
    show_labelled(tr("followup.col.owner"), action.owner, size="1.75rem")
    c2, c3 = st.columns(2)
    c2.metric(
        tr("followup.col.due"),
        fmt_date(action.due_date, lang()),
        tr("followup.overdue") if action.overdue(today) else None,
        delta_color="inverse",
        delta_arrow="off",
    )
    c3.metric(tr("followup.col.status"), tr(f"action.status.{action.status}"))


def go(step: int) -> None:
    st.session_state[key] = max(0, pos + step)


editable = view.editable(page, action)
saw = seen_version(action.id, action.version)
with st.form(f"review_{action.id}", border=False):
    status = view.status_choice(action, disabled=not editable)
    comment = st.text_input(tr("followup.comment"), disabled=not editable)
    drop_reason = st.text_input(tr("followup.drop_reason"), disabled=not editable)
    save = st.form_submit_button(
        tr("review.save_next"), type="primary", disabled=not editable, icon=":material/check:"
    )
changes = {"status": status, "comment": comment, "drop_reason": drop_reason}
if save and view.save_action(page, action, saw, conflict_detail=False, **changes):
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
