"""Tindak lanjut (follow-up tracker): every action decided at a rakor in the area, overdue
first; filter by agency, office, status and due period; a per-agency summary; edit an action
(with its history) when your role allows, never overwriting someone else's newer change."""

import datetime as dt

import pandas as pd
import streamlit as st

from pora_dash.access.permissions import may_edit
from pora_dash.i18n import fmt_date, fmt_dec, fmt_int
from pora_dash.reads import followups
from pora_dash.reads.followups import ActionFilter, FollowupError
from pora_dash.store import db
from pora_dash.ui import (
    current_scope,
    download_buttons,
    forget_seen_version,
    lang,
    page_filters,
    place_name,
    require_user,
    seen_version,
    show_text,
    tr,
)
from pora_dash.ui.followthrough import (
    letter_downloads,
    on_time_section,
    open_linked_action,
    whatsapp_copy,
)
from pora_dash.ui.sidebar import breadcrumb, describe, filter_panel, table_height
from pora_dash.writes.followups import MAX_TEXT, ConflictError, update_action

user = require_user()
filters = page_filters()
scope = current_scope()
filter_panel(filters, scope)
today = filters.reference_date()
place = place_name(filters)
st.title(f"{tr('nav.followups')} · {place}")
breadcrumb(filters, scope)

with db.session_scope() as session:
    agencies = followups.agencies(session, region=filters.wilayah)
names = dict(zip(agencies["id"], agencies["name"], strict=True))

c1, c2, c3, c4 = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
mine = user.role == "agency" and user.agency_id is not None
agency = c1.selectbox(
    tr("followup.agency"),
    [None, *names],
    format_func=lambda a: names.get(a, tr("filter.all")),
    index=([None, *names].index(user.agency_id) if mine and user.agency_id in names else 0),
    key="fu_agency",
)
statuses = c2.multiselect(
    tr("followup.status"),
    list(followups.ALLOWED),
    default=list(followups.PENDING),
    format_func=lambda s: tr(f"action.status.{s}"),
    key="fu_status",
    placeholder=tr("filter.all"),
)
due = c3.date_input(
    tr("followup.due_period"),
    value=(),
    format="DD/MM/YYYY",
    key="fu_due",
    help=tr("date.format_help"),
)
overdue_only = c4.toggle(tr("followup.overdue_only"), key="fu_overdue")
due_from, due_to = (due[0], due[-1]) if isinstance(due, tuple) and len(due) == 2 else (None, None)
which = ActionFilter(
    agency_id=agency,
    statuses=tuple(statuses),
    due_from=due_from,
    due_to=due_to,
    overdue_only=overdue_only,
)

tab_list, tab_summary = st.tabs([tr("followup.tab.list"), tr("followup.tab.summary")])
with db.session_scope() as session:
    rows = followups.actions(session, filters=filters, scope=scope, which=which)
    summary = followups.agency_summary(session, filters=filters, scope=scope)

with tab_list:
    if rows.empty:
        st.info(tr("empty.no_data"), icon=":material/search_off:")
    else:
        st.caption(
            tr(
                "followup.count",
                n=fmt_int(len(rows), lang()),
                overdue=fmt_int(int(rows["overdue"].sum()), lang()),
            )
        )
        rows = followups.by_days_overdue(rows, today)
        table = pd.DataFrame(
            {
                tr("followup.col.days_overdue"): rows["days_overdue"],
                tr("followup.col.due"): [fmt_date(d, lang()) for d in rows["due_date"]],
                tr("followup.col.status"): [
                    ("⚠ " + tr("followup.overdue") if o else tr(f"action.status.{s}"))
                    for s, o in zip(rows["status"], rows["overdue"], strict=True)
                ],
                tr("followup.col.action"): rows["description"],
                tr("followup.col.owner"): rows["owner"],
                tr("followup.col.pic"): rows["person_in_charge"].fillna("–"),
                tr("followup.col.meeting"): [
                    f"{t} ({fmt_date(d, lang())})"
                    for t, d in zip(rows["meeting_title"], rows["meeting_date"], strict=True)
                ],
            }
        )
        picked = st.dataframe(
            table,
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key=f"fu_pick_{filters.key()}_{which}",
            # the whole list in a tall table; rows high enough for two lines of wrapped text
            height=min(38 + 62 * len(table), 1400),
            row_height=62,
            column_config={
                tr("followup.col.days_overdue"): st.column_config.NumberColumn(
                    width="small", help=tr("followup.col.days_overdue.help"), format="%d"
                ),
                tr("followup.col.action"): st.column_config.TextColumn(width="large"),
                tr("followup.col.owner"): st.column_config.TextColumn(width="medium"),
                tr("followup.col.pic"): st.column_config.TextColumn(width="medium"),
            },
        )
        chosen = picked.selection.rows if picked else []
        if chosen:
            st.session_state["fu_action"] = int(rows["id"].iloc[chosen[0]])

with tab_summary:
    if summary.empty:
        st.info(tr("empty.no_data"))
    else:
        shown = pd.DataFrame(
            {
                tr("followup.col.owner"): summary["agency"],
                tr("action.status.open"): summary["open"],
                tr("followup.overdue"): summary["overdue"],
                tr("followup.done_on_time"): summary["done_on_time"],
                tr("followup.done_late"): summary["done_late"],
                tr("action.status.dropped"): summary["dropped"],
                tr("followup.median_days"): [
                    "–" if pd.isna(v) else fmt_dec(v, lang(), 1) for v in summary["median_days"]
                ],
            }
        )
        st.dataframe(shown, hide_index=True, height=table_height(len(shown), 15))
        st.caption(tr("followup.summary_help"))
        download_buttons(
            "rekap_tindak_lanjut",
            lambda _: {tr("followup.tab.summary"): shown},
            describe(filters),
            people=False,
        )

with tab_summary:
    on_time_section(filters, scope)

letter_downloads(filters, scope, user, names)
whatsapp_copy(filters, scope, user, names)
open_linked_action()

# The chosen action stays open even when an edit moves it out of the list's filter.
action_id = st.session_state.get("fu_action")
if not action_id:
    st.caption(tr("followup.pick_hint"))
    st.stop()
with db.session_scope() as session:
    try:
        view = followups.action_view(session, action_id)
    except FollowupError:
        st.stop()
    past = followups.history(session, action_id)
if not scope.allows(view.meeting_region):
    st.stop()

st.divider()
st.subheader(tr("followup.detail"))
show_text(view.description, size="1.25rem", weight=600)
d1, d2, d3, d4 = st.columns(4)
d1.metric(tr("followup.col.owner"), view.owner)
d2.metric(tr("followup.col.due"), fmt_date(view.due_date, lang()))
d3.metric(
    tr("followup.col.status"),
    tr(f"action.status.{view.status}"),
    tr("followup.overdue") if view.overdue(today) else None,
    delta_color="inverse",
    delta_arrow="off",
)
d4.metric(tr("followup.col.meeting"), fmt_date(view.meeting_date, lang()))
if view.evidence_text or view.evidence_url:
    st.caption(tr("followup.evidence"))
    show_text(view.evidence_text)
    if view.evidence_url:
        st.link_button(tr("followup.open_evidence"), view.evidence_url, icon=":material/link:")

if may_edit(user.role, user.agency_id, view.owner_agency_id):
    saw = seen_version(view.id, view.version)
    with st.form(f"edit_{view.id}"):
        options = [view.status, *sorted(followups.ALLOWED[view.status])]
        new_status = st.radio(
            tr("followup.new_status"),
            options,
            horizontal=True,
            format_func=lambda s: tr(f"action.status.{s}"),
        )
        comment = st.text_area(
            tr("followup.comment"),
            max_chars=MAX_TEXT,
            placeholder=tr("text.no_names_short"),
            help=tr("text.no_names"),
        )
        e1, e2 = st.columns(2)
        evidence_text = e1.text_area(
            tr("followup.evidence"),
            value=view.evidence_text or "",
            placeholder=tr("text.no_names_short"),
            help=tr("text.no_names"),
        )
        evidence_url = e2.text_input(tr("followup.evidence_url"), value=view.evidence_url or "")
        drop_reason = e2.text_input(tr("followup.drop_reason"), value=view.drop_reason or "")
        new_due = e2.date_input(
            tr("followup.col.due"),
            value=view.due_date,
            format="DD/MM/YYYY",
            min_value=view.meeting_date,
            max_value=dt.date(2100, 1, 1),
        )
        if st.form_submit_button(tr("followup.save"), type="primary"):
            try:
                with db.session_scope() as session:
                    update_action(
                        session,
                        action_id=view.id,
                        seen_version=saw,
                        status=new_status,
                        comment=comment,
                        username=user.username,
                        role=user.role,
                        agency_id=user.agency_id,
                        evidence_text=evidence_text,
                        evidence_url=evidence_url,
                        drop_reason=drop_reason,
                        due_date=new_due,
                        scope=scope,
                    )
            except ConflictError as exc:
                forget_seen_version(view.id)  # the next save is based on the state shown now
                now = exc.current
                st.warning(
                    tr(exc.key, **exc.values)
                    + " "
                    + tr(
                        "followup.now",
                        status=tr(f"action.status.{now.status}"),
                        due=fmt_date(now.due_date, lang()),
                    ),
                    icon=":material/sync_problem:",
                )
            except FollowupError as exc:
                st.error(tr(exc.key, **exc.values))
            else:
                forget_seen_version(view.id)
                st.success(tr("followup.saved"))
                st.rerun()
else:
    st.caption(tr("followup.read_only"))

with st.expander(tr("followup.history"), expanded=False):
    st.dataframe(
        pd.DataFrame(
            {
                tr("audit.at"): past["at"],
                tr("auth.username"): past["username"],
                tr("followup.col.status"): [tr(f"action.status.{s}") for s in past["new"]],
                tr("followup.comment"): past["comment"].fillna(""),
            }
        ),
        hide_index=True,
        height=table_height(len(past), 10),
    )
