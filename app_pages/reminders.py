"""Pengingat (e-mail reminders), operators and administrators: what goes out today and
tomorrow, a preview of any of those digests, "send now" for today's, and what each agency was
sent and when over the last 30 days. Sending and previewing are audited."""

import datetime as dt

import pandas as pd
import streamlit as st

from pora_dash import clock
from pora_dash.config import ConfigError
from pora_dash.followthrough import digest
from pora_dash.followthrough.mail import mail_settings
from pora_dash.i18n import fmt_date, fmt_int
from pora_dash.ui import in_session, lang, plain_page, tr, write
from pora_dash.ui.sidebar import table_height
from pora_dash.writes.reminders import record_preview

page = plain_page("nav.reminders")
user, scope = page.user, page.scope
today = clock.today()
tomorrow = today + dt.timedelta(days=1)
st.caption(tr("reminders.intro", days=digest.WINDOW_DAYS))

try:
    settings = mail_settings()
except ConfigError as exc:
    settings = None
    st.warning(tr("reminders.not_configured", problem=str(exc)), icon=":material/mail_lock:")

due_today = in_session(digest.plan, today=today, scope=scope)
everyone = len(in_session(digest.plan, today=today))  # "send now" is the whole daily run
due_tomorrow = in_session(digest.plan, today=tomorrow, scope=scope)
past = in_session(digest.history, since=today - dt.timedelta(days=30))


def plan_table(plan: list[digest.Digest]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("followup.col.owner"): [d.agency for d in plan],
            tr("reminders.recipient"): [d.recipient for d in plan],
            tr("followup.overdue"): [len(d.overdue) for d in plan],
            tr("reminders.due_soon"): [len(d.due_soon) for d in plan],
        }
    )


for heading, plan, day in (
    ("reminders.today", due_today, today),
    ("reminders.tomorrow", due_tomorrow, tomorrow),
):
    st.subheader(tr(heading, date=fmt_date(day, lang())))
    if plan:
        st.dataframe(plan_table(plan), hide_index=True, height=table_height(len(plan), 10))
    else:
        st.caption(tr("reminders.nothing"))

if everyone and st.button(
    tr("reminders.send_now", n=fmt_int(everyone, lang())),
    type="primary",
    disabled=settings is None,
    icon=":material/send:",
    help=tr("reminders.send_now_help"),
):
    assert settings is not None  # the button is disabled without settings
    with st.spinner(tr("reminders.sending")):
        report = digest.run(settings, today=today, username=user.username)
    if report.sent:
        st.success(tr("reminders.sent", n=fmt_int(len(report.sent), lang())))
    for name, reason in report.failed:
        st.error(tr("reminders.failed", agency=name, reason=reason))

choices = {f"{day.isoformat()}|{d.agency_id}": (day, d) for day, plan in
           ((today, due_today), (tomorrow, due_tomorrow)) for d in plan}  # fmt: skip
if choices and settings is not None:
    st.subheader(tr("reminders.preview"))
    picked = st.selectbox(
        tr("followup.col.owner"),
        [None, *choices],
        format_func=lambda k: (
            f"{choices[k][1].agency} · {fmt_date(choices[k][0], lang())}" if k else "—"
        ),
        key="reminder_preview",
    )
    if picked:
        day, chosen = choices[picked]
        message = digest.message(chosen, settings, day)
        if st.session_state.get("reminder_previewed") != picked:
            st.session_state["reminder_previewed"] = picked
            write(record_preview, rerun=False, username=user.username,
                  agency_id=chosen.agency_id, day=day)  # fmt: skip
        st.markdown(f"**{tr('reminders.subject')}:** {message['Subject']}")
        st.code(str(message.get_content()), language=None, wrap_lines=True)

st.subheader(tr("reminders.history"))
if past.empty:
    st.caption(tr("reminders.no_history"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("meeting.date"): [fmt_date(d, lang()) for d in past["day"]],
                tr("followup.col.owner"): past["agency"],
                tr("reminders.recipient"): past["recipient"],
                tr("followup.col.status"): [tr(f"reminders.status.{s}") for s in past["status"]],
                tr("meeting.actions"): past["actions"],
                tr("reminders.attempts"): past["attempts"],
                tr("reminders.sent_at"): past["sent_at"],
                tr("reminders.error"): past["error"].fillna(""),
            }
        ),
        hide_index=True,
        height=table_height(len(past), 15),
    )
