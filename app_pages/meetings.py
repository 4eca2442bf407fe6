"""Rapat (meetings): coordination meetings by office and level, as a list and a calendar;
a meeting's page with venue, office, agencies present, agenda, minutes and its decisions;
operators record meetings and add their follow-up actions."""

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from pora_dash.geo import reference
from pora_dash.i18n import fmt_date
from pora_dash.reads import followups
from pora_dash.reads.followups import FollowupError
from pora_dash.render import charts
from pora_dash.store import db
from pora_dash.store.models import MEETING_LEVELS, Meeting
from pora_dash.ui import (
    allowed,
    current_scope,
    lang,
    page_filters,
    place_name,
    require_user,
    show_text,
    tr,
)
from pora_dash.ui.followthrough import minutes_downloads
from pora_dash.ui.sidebar import breadcrumb, filter_panel, table_height
from pora_dash.writes.followups import (
    Decision,
    DecisionError,
    add_action,
    create_meeting_with_decisions,
    update_meeting,
)

user = require_user()
filters = page_filters()
scope = current_scope()
filter_panel(filters, scope)
place = place_name(filters)
st.title(f"{tr('nav.meetings')} · {place}")
breadcrumb(filters, scope)

with db.session_scope() as session:
    all_meetings = followups.meetings(session, filters=filters, scope=scope)
    agencies = followups.agencies(session, region=filters.wilayah)
offices = sorted(set(all_meetings["office"]))
c1, c2 = st.columns(2)
office = c1.selectbox(
    tr("meeting.office"), [None, *offices], format_func=lambda o: o or tr("filter.all")
)
level = c2.selectbox(
    tr("meeting.level"),
    [None, *MEETING_LEVELS],
    format_func=lambda v: tr(f"meeting.level.{v}") if v else tr("filter.all"),
)
shown = all_meetings
if office:
    shown = shown[shown["office"] == office]
if level:
    shown = shown[shown["level"] == level]

if shown.empty:
    st.info(tr("empty.no_data"), icon=":material/search_off:")
else:
    cal = shown.assign(
        date=pd.to_datetime(shown["held_on"]),
        when=[fmt_date(d, lang()) for d in shown["held_on"]],
        level_label=[tr(f"meeting.level.{v}") for v in shown["level"]],
    )
    calendar = (
        alt.Chart(cal)
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=alt.X("date:T", axis=charts.month_axis(lang())),
            y=alt.Y("office:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "level_label:N",
                title=tr("meeting.level"),
                scale=alt.Scale(range=list(charts.OKABE_ITO)),
            ),
            tooltip=[alt.Tooltip("title:N", title=""), alt.Tooltip("when:N", title="")],
        )
        .properties(height=max(160, 26 * cal["office"].nunique()), title=tr("meeting.calendar"))
    )
    st.altair_chart(calendar, width="stretch")
    table = pd.DataFrame(
        {
            tr("meeting.date"): [fmt_date(d, lang()) for d in shown["held_on"]],
            tr("meeting.title"): shown["title"],
            tr("meeting.office"): shown["office"],
            tr("meeting.level"): [tr(f"meeting.level.{v}") for v in shown["level"]],
            tr("meeting.actions"): shown["actions"],
            tr("meeting.pending"): shown["pending"],
            tr("followup.overdue"): shown["overdue"],
        }
    )
    picked = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=f"mt_pick_{filters.key()}_{office}_{level}",
        height=table_height(len(table), 10),
    )
    if picked and picked.selection.rows:
        st.session_state["meeting_id"] = int(shown["id"].iloc[picked.selection.rows[0]])

names = dict(zip(agencies["id"], agencies["name"], strict=True))
if allowed("edit_meetings"):
    with st.expander(tr("meeting.new"), icon=":material/add:"):
        base = filters.wilayah
        candidates = (
            [base, *reference.children(base)]
            if base
            else sorted(scope.codes)
            if scope.codes
            else reference.children(None)
        )
        region_options = [c for c in candidates if scope.allows(c)]
        with st.form("new_meeting", clear_on_submit=False):
            f1, f2, f3 = st.columns(3)
            m_level = f1.selectbox(
                tr("meeting.level"),
                MEETING_LEVELS,
                index=2,
                format_func=lambda v: tr(f"meeting.level.{v}"),
            )
            m_date = f2.date_input(tr("meeting.date"), value=None, format="DD/MM/YYYY")
            m_region = f3.selectbox(
                tr("col.region"),
                region_options,
                format_func=reference.region_label,
                help=tr("meeting.region_help"),
            )
            m_office = st.selectbox(
                tr("meeting.office"), [None, *names], format_func=lambda a: names.get(a, "—")
            )
            m_title = st.text_input(tr("meeting.title"))
            m_venue = st.text_input(tr("meeting.venue"))
            m_attend = st.multiselect(
                tr("meeting.attendees"),
                list(names),
                format_func=names.get,
                placeholder=tr("operation.pick"),
            )
            m_agenda = st.text_area(
                tr("meeting.agenda"),
                placeholder=tr("text.no_names_short"),
                help=tr("text.no_names"),
            )
            m_minutes = st.text_area(
                tr("meeting.minutes"),
                placeholder=tr("text.no_names_short"),
                help=tr("text.no_names"),
            )
            st.markdown(f"**{tr('meeting.decision_rows')}**")
            rows = st.data_editor(
                pd.DataFrame({"action": [""], "owner": [None], "pic": [""], "due": [None]}).astype(
                    {"owner": "object", "due": "datetime64[ns]"}
                ),
                num_rows="dynamic",
                hide_index=True,
                width="stretch",
                key="new_meeting_decisions",
                placeholder="",
                column_config={
                    "action": st.column_config.TextColumn(
                        tr("followup.col.action"), width="medium"
                    ),
                    "owner": st.column_config.SelectboxColumn(
                        tr("followup.col.owner"), options=list(names.values()), width="medium"
                    ),
                    "pic": st.column_config.TextColumn(tr("followup.col.pic"), width="small"),
                    "due": st.column_config.DateColumn(
                        tr("followup.col.due"), format="DD/MM/YYYY", width="small"
                    ),
                },
            )
            if st.form_submit_button(tr("meeting.create"), type="primary"):
                by_name = {v: k for k, v in names.items()}
                decisions = [
                    Decision(
                        description=r.action if isinstance(r.action, str) else None,
                        owner_agency_id=by_name.get(r.owner) if isinstance(r.owner, str) else None,
                        person_in_charge=r.pic if isinstance(r.pic, str) else None,
                        due_date=None if pd.isna(r.due) else pd.Timestamp(r.due).date(),
                    )
                    for r in rows.itertuples()
                ]
                try:
                    with db.session_scope() as session:
                        created = create_meeting_with_decisions(
                            session,
                            decisions=decisions,
                            level=m_level,
                            office_agency_id=m_office,
                            held_on=m_date,
                            region_code=m_region,
                            title=m_title,
                            venue=m_venue,
                            agenda=m_agenda,
                            minutes=m_minutes,
                            attendee_ids=m_attend,
                            username=user.username,
                            scope=scope,
                        )
                        st.session_state["meeting_id"] = created.id
                except DecisionError as exc:
                    st.error(
                        tr("meeting.decision_row", n=exc.row, problem=tr(exc.key, **exc.values))
                    )
                except FollowupError as exc:
                    st.error(tr(exc.key, **exc.values))
                else:
                    st.success(tr("meeting.created"))
                    st.rerun()

meeting_id = st.session_state.get("meeting_id")
if not meeting_id:
    st.caption(tr("meeting.pick_hint"))
    st.stop()
with db.session_scope() as session:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not scope.allows(meeting.region_code):
        st.stop()
    present = sorted(a.name for a in meeting.attendees)
    present_ids = [a.id for a in meeting.attendees]
    meeting_version = meeting.version
    office_name = names.get(meeting.office_agency_id) or "–"
    decided = followups.actions(
        session,
        filters=filters.with_region(None),
        scope=scope,
        which=followups.ActionFilter(meeting_id=meeting.id),
    )
    info = (
        meeting.title,
        meeting.held_on,
        meeting.venue,
        meeting.level,
        meeting.region_code,
        meeting.agenda,
        meeting.minutes,
    )

st.divider()
title, held_on, venue, m_level, region, agenda, minutes = info
st.subheader(title)
st.caption(
    " · ".join(
        [
            fmt_date(held_on, lang()),
            venue or "–",
            office_name,
            tr(f"meeting.level.{m_level}"),
            reference.region_label(region),
        ]
    )
)
a1, a2 = st.columns(2)
with a1:
    st.markdown(f"**{tr('meeting.agenda')}**")
    show_text(agenda)
    st.markdown(f"**{tr('meeting.attendees')}**")
    show_text("\n".join(present))
with a2:
    st.markdown(f"**{tr('meeting.minutes')}**")
    show_text(minutes)
st.markdown(f"**{tr('meeting.decisions')}**")
if decided.empty:
    st.caption(tr("meeting.no_actions"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("followup.col.action"): decided["description"],
                tr("followup.col.owner"): decided["owner"],
                tr("followup.col.due"): [fmt_date(d, lang()) for d in decided["due_date"]],
                tr("followup.col.status"): [
                    ("⚠ " + tr("followup.overdue")) if o else tr(f"action.status.{s}")
                    for s, o in zip(decided["status"], decided["overdue"], strict=True)
                ],
            }
        ),
        hide_index=True,
        height=table_height(len(decided), 10),
    )
minutes_downloads(meeting_id, scope)

if allowed("edit_meetings"):
    with st.expander(tr("meeting.edit"), icon=":material/edit:"):
        saw = int(st.session_state.setdefault(f"meeting_seen_{meeting_id}", meeting_version))
        with st.form(f"edit_meeting_{meeting_id}"):
            e_date = st.date_input(tr("meeting.date"), value=held_on, format="DD/MM/YYYY")
            e_title = st.text_input(tr("meeting.title"), value=title)
            e_venue = st.text_input(tr("meeting.venue"), value=venue or "")
            e_attend = st.multiselect(
                tr("meeting.attendees"),
                list(names),
                format_func=names.get,
                default=[a for a in present_ids if a in names],
                placeholder=tr("operation.pick"),
            )
            e_agenda = st.text_area(
                tr("meeting.agenda"),
                value=agenda or "",
                placeholder=tr("text.no_names_short"),
                help=tr("text.no_names"),
            )
            e_minutes = st.text_area(
                tr("meeting.minutes"),
                value=minutes or "",
                placeholder=tr("text.no_names_short"),
                help=tr("text.no_names"),
            )
            if st.form_submit_button(tr("users.save"), type="primary"):
                try:
                    with db.session_scope() as session:
                        update_meeting(
                            session,
                            meeting_id=meeting_id,
                            seen_version=saw,
                            held_on=e_date,
                            title=e_title,
                            venue=e_venue,
                            agenda=e_agenda,
                            minutes=e_minutes,
                            attendee_ids=e_attend,
                            username=user.username,
                            scope=scope,
                        )
                except FollowupError as exc:
                    st.session_state.pop(f"meeting_seen_{meeting_id}", None)
                    st.error(tr(exc.key, **exc.values))
                else:
                    st.session_state.pop(f"meeting_seen_{meeting_id}", None)
                    st.success(tr("users.saved"))
                    st.rerun()
    with st.form(f"add_action_{meeting_id}", clear_on_submit=True):
        st.markdown(f"**{tr('action.new')}**")
        description = st.text_area(
            tr("followup.col.action"),
            placeholder=tr("text.no_names_short"),
            help=tr("text.no_names"),
        )
        g1, g2, g3 = st.columns(3)
        owner = g1.selectbox(
            tr("followup.col.owner"), [None, *names], format_func=lambda a: names.get(a, "—")
        )
        pic = g2.text_input(tr("followup.col.pic"))
        due_date = g3.date_input(
            tr("followup.col.due"), value=None, format="DD/MM/YYYY", max_value=dt.date(2100, 1, 1)
        )
        if st.form_submit_button(tr("action.add"), type="primary"):
            try:
                with db.session_scope() as session:
                    add_action(
                        session,
                        meeting_id=meeting_id,
                        description=description,
                        owner_agency_id=owner,
                        person_in_charge=pic,
                        due_date=due_date,
                        username=user.username,
                        scope=scope,
                    )
            except FollowupError as exc:
                st.error(tr(exc.key, **exc.values))
            else:
                st.success(tr("action.added"))
                st.rerun()
