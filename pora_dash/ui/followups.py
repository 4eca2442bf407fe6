"""The pieces of the follow-up tracker (app_pages/followups.py) and the review mode
(app_pages/review.py): the pickers, the list and the per-agency summary, an action's card,
and its save, which never overwrites a colleague's newer change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from pora_dash.access.permissions import may_edit
from pora_dash.i18n import fmt_date, fmt_dec, fmt_int
from pora_dash.reads import followups
from pora_dash.reads.followups import ActionFilter, ActionView, FollowupError
from pora_dash.store import db
from pora_dash.ui.page import PageContext
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import (
    WRAPPED_ROW,
    describe,
    table_height,
    wrapped_table_height,
)
from pora_dash.ui.widgets import (
    download_buttons,
    forget_seen_version,
    show_labelled,
    show_text,
)
from pora_dash.writes.followups import MAX_TEXT, ConflictError, update_action

PICKED = "fu_action"  # the action open below the list


def editable(page: PageContext, action: ActionView) -> bool:
    """Operators and administrators edit every action; agency members their agency's own."""
    return may_edit(page.user.role, page.user.agency_id, action.owner_agency_id)


def action_filter(page: PageContext, names: dict[int, str]) -> ActionFilter:
    """Agency (an agency member starts with their own), status, due period, overdue only."""
    user = page.user
    # four equal columns: "Hanya lewat tenggat" is cut short in a narrower one at 1280 px
    c1, c2, c3, c4 = st.columns(4, vertical_alignment="bottom")
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
        value=(),  # type: ignore[arg-type]  # an empty range: Streamlit accepts it
        format="DD/MM/YYYY",
        key="fu_due",
        help=tr("date.format_help"),
    )
    overdue_only = c4.toggle(tr("followup.overdue_only"), key="fu_overdue")
    span = due if isinstance(due, tuple) and len(due) == 2 else (None, None)
    return ActionFilter(
        agency_id=agency,
        statuses=tuple(statuses),
        due_from=span[0],
        due_to=span[-1],
        overdue_only=overdue_only,
    )


def action_list(page: PageContext, rows: pd.DataFrame, which: ActionFilter) -> None:
    """The actions, most days overdue first; a chosen row opens the action below."""
    if rows.empty:
        st.info(tr("empty.no_data"), icon=":material/search_off:")
        return
    st.caption(
        tr(
            "followup.count",
            n=fmt_int(len(rows), lang()),
            overdue=fmt_int(int(rows["overdue"].sum()), lang()),
        )
    )
    rows = followups.by_days_overdue(rows, page.filters.reference_date())
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
                f"{fmt_date(d, lang())} · {t}"  # the date first: a long title wraps, not it
                for t, d in zip(rows["meeting_title"], rows["meeting_date"], strict=True)
            ],
        }
    )
    picked = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=f"fu_pick_{page.filters.key()}_{which}",
        # the whole list in a tall table, its text wrapped (read whole in the card below)
        height=min(wrapped_table_height(len(table), len(table)), 1400),
        row_height=WRAPPED_ROW,
        # what, by whom and how late fit 1280 pixels (a projector); the rest scrolls sideways
        column_config={
            tr("followup.col.days_overdue"): st.column_config.NumberColumn(
                width=90, help=tr("followup.col.days_overdue.help"), format="%d"
            ),
            tr("followup.col.due"): st.column_config.TextColumn(width=100),
            tr("followup.col.status"): st.column_config.TextColumn(width=100),
            tr("followup.col.action"): st.column_config.TextColumn(width=280),
            tr("followup.col.owner"): st.column_config.TextColumn(width=200),
            tr("followup.col.pic"): st.column_config.TextColumn(width=170),
            tr("followup.col.meeting"): st.column_config.TextColumn(width=260),
        },
    )
    chosen = picked.selection.rows if picked else []
    if chosen:
        st.session_state[PICKED] = int(rows["id"].iloc[chosen[0]])


def agency_summary(page: PageContext, summary: pd.DataFrame) -> None:
    """Per agency: open, overdue, done on time and late, dropped, median days; downloadable."""
    if summary.empty:
        st.info(tr("empty.no_data"))
        return
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
        describe(page.filters),
        people=False,
    )


def action_card(view: ActionView, today: dt.date) -> None:
    """The chosen action: what, who, by when, its status and its evidence."""
    st.divider()
    st.subheader(tr("followup.detail"))
    show_text(view.description, size="1.25rem", weight=600)
    show_labelled(tr("followup.col.owner"), view.owner)
    d2, d3 = st.columns(2)
    d2.metric(tr("followup.col.due"), fmt_date(view.due_date, lang()))
    d3.metric(
        tr("followup.col.status"),
        tr(f"action.status.{view.status}"),
        tr("followup.overdue") if view.overdue(today) else None,
        delta_color="inverse",
        delta_arrow="off",
    )
    show_labelled(
        tr("followup.col.meeting"),
        f"{fmt_date(view.meeting_date, lang())} · {view.meeting_title}",
        size="1rem",
    )
    if view.evidence_text or view.evidence_url:
        st.caption(tr("followup.evidence"))
        show_text(view.evidence_text)
        if view.evidence_url:
            st.link_button(tr("followup.open_evidence"), view.evidence_url, icon=":material/link:")


def status_choice(view: ActionView, *, disabled: bool = False) -> str:
    """The action's status and the ones it may move to."""
    options = [view.status, *sorted(followups.ALLOWED[view.status])]
    return str(
        st.radio(
            tr("followup.new_status"),
            options,
            horizontal=True,
            format_func=lambda s: tr(f"action.status.{s}"),
            disabled=disabled,
        )
    )


def save_action(
    page: PageContext, view: ActionView, saw: int, *, conflict_detail: bool, **changes: Any
) -> bool:
    """Save a change made on the version `saw`; a colleague's newer change is not overwritten
    (a warning says who, and with `conflict_detail` what it is now). True when saved."""
    user = page.user
    try:
        with db.session_scope() as session:
            update_action(
                session,
                action_id=view.id,
                seen_version=saw,
                username=user.username,
                role=user.role,
                agency_id=user.agency_id,
                scope=page.scope,
                **changes,
            )
    except ConflictError as exc:
        forget_seen_version(view.id)  # the next save is based on the state shown now
        message = tr(exc.key, **exc.values)
        if conflict_detail:
            now = exc.current
            status = tr(f"action.status.{now.status}")
            message += " " + tr("followup.now", status=status, due=fmt_date(now.due_date, lang()))
        st.warning(message, icon=":material/sync_problem:")
        return False
    except FollowupError as exc:
        st.error(tr(exc.key, **exc.values))
        return False
    forget_seen_version(view.id)
    return True


def edit_form(page: PageContext, view: ActionView, saw: int) -> None:
    """Status, comment, evidence, drop reason and due date of the open action."""
    hint, help_text = tr("text.no_names_short"), tr("text.no_names")
    with st.form(f"edit_{view.id}"):
        new_status = status_choice(view)
        comment = st.text_area(
            tr("followup.comment"), max_chars=MAX_TEXT, placeholder=hint, help=help_text
        )
        e1, e2 = st.columns(2)
        evidence_text = e1.text_area(
            tr("followup.evidence"),
            value=view.evidence_text or "",
            placeholder=hint,
            help=help_text,
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
            changes = {"status": new_status, "comment": comment, "drop_reason": drop_reason}
            changes |= {"evidence_text": evidence_text, "evidence_url": evidence_url}
            if save_action(page, view, saw, conflict_detail=True, due_date=new_due, **changes):
                st.success(tr("followup.saved"))
                st.rerun()


def history(past: pd.DataFrame) -> None:
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
