"""The pieces of the meetings page (app_pages/meetings.py): the list with its calendar, the
form of a new meeting with its decisions, a meeting's record, and the edit and new-action
forms. Every write goes through `ui.page.write` (one transaction, audited, reported)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pora_dash.access.scope import regions_to_record_in
from pora_dash.geo import reference
from pora_dash.i18n import fmt_date
from pora_dash.reads.followups import MeetingRecord
from pora_dash.render import charts
from pora_dash.store.models import MEETING_LEVELS
from pora_dash.ui import chart
from pora_dash.ui.page import PageContext, write
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import table_height
from pora_dash.ui.widgets import show_text
from pora_dash.writes.followups import (
    Decision,
    add_action,
    create_meeting_with_decisions,
    update_meeting,
)

PICKED = "meeting_id"  # the meeting open below the list


def meeting_list(page: PageContext, all_meetings: pd.DataFrame) -> None:
    """Office and level pickers, the calendar and the table; a chosen row opens it."""
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
        return
    cal = shown.assign(
        date=pd.to_datetime(shown["held_on"]),
        when=[fmt_date(d, lang()) for d in shown["held_on"]],
        level_label=[tr(f"meeting.level.{v}") for v in shown["level"]],
    )
    chart.show(charts.meeting_calendar, cal, lang(), tr("meeting.calendar"), tr("meeting.level"))
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
        key=f"mt_pick_{page.filters.key()}_{office}_{level}",
        height=table_height(len(table), 10),
    )
    if picked and picked.selection.rows:
        st.session_state[PICKED] = int(shown["id"].iloc[picked.selection.rows[0]])


def _decision_rows(names: dict[int, str]) -> pd.DataFrame:
    st.markdown(f"**{tr('meeting.decision_rows')}**")
    return st.data_editor(
        pd.DataFrame({"action": [""], "owner": [None], "pic": [""], "due": [None]}).astype(
            {"owner": "object", "due": "datetime64[ns]"}
        ),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key="new_meeting_decisions",
        placeholder="",
        column_config={
            "action": st.column_config.TextColumn(tr("followup.col.action"), width="medium"),
            "owner": st.column_config.SelectboxColumn(
                tr("followup.col.owner"), options=list(names.values()), width="medium"
            ),
            "pic": st.column_config.TextColumn(tr("followup.col.pic"), width="small"),
            "due": st.column_config.DateColumn(
                tr("followup.col.due"), format="DD/MM/YYYY", width="small"
            ),
        },
    )


def _decisions(rows: pd.DataFrame, names: dict[int, str]) -> list[Decision]:
    by_name = {v: k for k, v in names.items()}
    return [
        Decision(
            description=r.action if isinstance(r.action, str) else None,
            owner_agency_id=by_name.get(r.owner) if isinstance(r.owner, str) else None,
            person_in_charge=r.pic if isinstance(r.pic, str) else None,
            due_date=None if pd.isna(r.due) else pd.Timestamp(r.due).date(),
        )
        for r in rows.itertuples()
    ]


def _text_areas(agenda: str = "", minutes: str = "") -> tuple[str, str]:
    hint, help_text = tr("text.no_names_short"), tr("text.no_names")
    return (
        st.text_area(tr("meeting.agenda"), value=agenda, placeholder=hint, help=help_text),
        st.text_area(tr("meeting.minutes"), value=minutes, placeholder=hint, help=help_text),
    )


def new_meeting_form(page: PageContext, names: dict[int, str]) -> None:
    """A meeting with its decisions, written at once (a bad decision row writes nothing)."""
    region_options = regions_to_record_in(page.filters.wilayah, page.scope)
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
            format_func=lambda a: names[a],
            placeholder=tr("operation.pick"),
        )
        m_agenda, m_minutes = _text_areas()
        rows = _decision_rows(names)
        if st.form_submit_button(tr("meeting.create"), type="primary"):
            created = write(
                create_meeting_with_decisions,
                done="meeting.created",
                rerun=False,
                decisions=_decisions(rows, names),
                level=m_level,
                office_agency_id=m_office,
                held_on=m_date,
                region_code=m_region,
                title=m_title,
                venue=m_venue,
                agenda=m_agenda,
                minutes=m_minutes,
                attendee_ids=m_attend,
                username=page.user.username,
                scope=page.scope,
            )
            if created is not None:
                st.session_state[PICKED] = created.id
                st.rerun()


def meeting_record(record: MeetingRecord, office: str, decided: pd.DataFrame) -> None:
    """A meeting's page: title, date, venue, office, level, region, agenda, attendees,
    minutes and its decisions."""
    st.divider()
    st.subheader(record.title)
    st.caption(
        " · ".join(
            [
                fmt_date(record.held_on, lang()),
                record.venue or "–",
                office,
                tr(f"meeting.level.{record.level}"),
                reference.region_label(record.region_code),
            ]
        )
    )
    a1, a2 = st.columns(2)
    with a1:
        st.markdown(f"**{tr('meeting.agenda')}**")
        show_text(record.agenda)
        st.markdown(f"**{tr('meeting.attendees')}**")
        show_text("\n".join(record.attendees))
    with a2:
        st.markdown(f"**{tr('meeting.minutes')}**")
        show_text(record.minutes)
    st.markdown(f"**{tr('meeting.decisions')}**")
    if decided.empty:
        st.caption(tr("meeting.no_actions"))
        return
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


def edit_meeting_form(page: PageContext, record: MeetingRecord, names: dict[int, str]) -> None:
    """The meeting's own fields; a colleague's save in between is refused, not overwritten."""
    seen_key = f"meeting_seen_{record.id}"
    saw = int(st.session_state.setdefault(seen_key, record.version))
    with st.form(f"edit_meeting_{record.id}"):
        e_date = st.date_input(tr("meeting.date"), value=record.held_on, format="DD/MM/YYYY")
        e_title = st.text_input(tr("meeting.title"), value=record.title)
        e_venue = st.text_input(tr("meeting.venue"), value=record.venue or "")
        e_attend = st.multiselect(
            tr("meeting.attendees"),
            list(names),
            format_func=lambda a: names[a],
            default=[a for a in record.attendee_ids if a in names],
            placeholder=tr("operation.pick"),
        )
        e_agenda, e_minutes = _text_areas(record.agenda or "", record.minutes or "")
        if st.form_submit_button(tr("users.save"), type="primary"):
            saved = write(
                update_meeting,
                done="users.saved",
                rerun=False,
                meeting_id=record.id,
                seen_version=saw,
                held_on=e_date,
                title=e_title,
                venue=e_venue,
                agenda=e_agenda,
                minutes=e_minutes,
                attendee_ids=e_attend,
                username=page.user.username,
                scope=page.scope,
            )
            st.session_state.pop(seen_key, None)
            if saved is not None:
                st.rerun()


def add_action_form(page: PageContext, meeting_id: int, names: dict[int, str]) -> None:
    """A follow-up action decided at this meeting."""
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
            write(
                add_action,
                done="action.added",
                meeting_id=meeting_id,
                description=description,
                owner_agency_id=owner,
                person_in_charge=pic,
                due_date=due_date,
                username=page.user.username,
                scope=page.scope,
            )
