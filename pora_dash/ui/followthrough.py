"""The follow-through buttons on the meeting and follow-up pages (the only module here that
imports Streamlit). Files are made when a button is clicked, and every click is audited
(ui.widgets.download_file)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pora_dash import clock
from pora_dash.access.auth import SignedIn
from pora_dash.access.scope import Scope
from pora_dash.brief.content import office_name
from pora_dash.filters import Filters
from pora_dash.followthrough import ontime, records, whatsapp
from pora_dash.i18n import fmt_date, fmt_month, fmt_pct
from pora_dash.reads import followups
from pora_dash.store import db
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import table_height
from pora_dash.ui.widgets import download_file

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _minutes():  # type: ignore[no-untyped-def]
    from pora_dash.followthrough import minutes  # fpdf2 and python-docx load when clicked

    return minutes


def minutes_downloads(meeting_id: int, scope: Scope) -> None:
    """PDF and DOCX of the meeting's minutes."""
    language = lang()
    with db.session_scope() as session:
        record = records.minutes_record(session, meeting_id=meeting_id, scope=scope, lang=language)
    made = clock.today()
    stem = records.minutes_file_stem(record)
    detail = {"meeting": meeting_id, "kind": "minutes"}
    st.markdown(f"**{tr('minutes.download')}**", help=tr("minutes.help"))
    cols = st.columns(2, width=360)
    download_file(
        "PDF",
        lambda: _minutes().render_pdf(record, language, made=made),
        file_name=f"{stem}.pdf",
        mime=PDF_MIME,
        detail=detail,
        key=f"minutes_pdf_{meeting_id}",
        where=cols[0],
    )
    download_file(
        "DOCX",
        lambda: _minutes().render_docx(record, language, made=made),
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        detail=detail,
        key=f"minutes_docx_{meeting_id}",
        where=cols[1],
    )


def letter_downloads(filters: Filters, scope: Scope, user: SignedIn, names: dict[int, str]) -> None:
    """A reminder letter to one owner agency, or one PDF with a letter per agency."""
    language, today = lang(), filters.reference_date()
    with st.expander(tr("letter.heading"), icon=":material/mail:"):
        st.caption(tr("letter.help"))
        mine = user.role == "agency" and user.agency_id in names
        options: list[int | None] = [user.agency_id] if mine else [None, *names]
        agency = st.selectbox(
            tr("letter.agency"),
            options,
            format_func=lambda a: names.get(a, "?") if a else tr("letter.all_agencies"),
            key="letter_agency",
        )
        team = office_name(filters.wilayah, language)
        office = names.get(user.agency_id, team) if user.agency_id else team
        area = scope if not filters.wilayah else _narrowed(scope, filters.wilayah)

        def make() -> bytes:
            with db.session_scope() as session:
                groups = records.open_actions(
                    session,
                    scope=area,
                    today=today,
                    agency_ids=[agency] if agency else None,
                )
            from pora_dash.followthrough import letters  # fpdf2 loads when clicked

            return letters.render_pdf(groups, team=team, office=office, lang=language, today=today)

        which = f"instansi-{agency}" if agency else "semua-instansi"
        download_file(
            tr("letter.download"),
            make,
            file_name=f"surat_pengingat_{which}_{today.isoformat()}.pdf",
            mime=PDF_MIME,
            detail={"kind": "reminder_letter", "agency": agency, "region": filters.wilayah},
            key=f"letter_pdf_{agency}",
        )


def whatsapp_copy(filters: Filters, scope: Scope, user: SignedIn, names: dict[int, str]) -> None:
    """The open actions of an agency or a meeting as text for the team's WhatsApp group
    (st.code has the copy button)."""
    language, today = lang(), filters.reference_date()
    with st.expander(tr("whatsapp.heading"), icon=":material/chat:"):
        st.caption(tr("whatsapp.help"))
        with db.session_scope() as session:
            meetings = followups.meetings(session, filters=filters, scope=scope)
        titles = {
            int(i): f"{title} ({fmt_date(held, language)})"
            for i, title, held in zip(
                meetings["id"], meetings["title"], meetings["held_on"], strict=True
            )
        }
        c1, c2 = st.columns(2)
        mine = user.role == "agency" and user.agency_id in names
        options: list[int | None] = [user.agency_id] if mine else [None, *names]
        agency = c1.selectbox(
            tr("letter.agency"),
            options,
            format_func=lambda a: names.get(a, "?") if a else tr("filter.all"),
            key="wa_agency",
        )
        meeting = c2.selectbox(
            tr("whatsapp.meeting"),
            [None, *titles],
            format_func=lambda m: titles[m] if m else tr("whatsapp.all_meetings"),
            key="wa_meeting",
        )
        area = scope if not filters.wilayah else _narrowed(scope, filters.wilayah)
        with db.session_scope() as session:
            groups = records.open_actions(
                session,
                scope=area,
                today=today,
                agency_ids=[agency] if agency else None,
                meeting_id=meeting,
            )
        title = tr("whatsapp.title", team=office_name(filters.wilayah, language))
        text = whatsapp.summary(groups, title=title, today=today, lang=language)
        st.code(text, language=None, wrap_lines=True)


def on_time_section(filters: Filters, scope: Scope, *, months: int = 6) -> None:
    """Per agency, the on-time rate of the last `months` months by due month, and the trend
    of all agencies together over a year."""
    language = lang()
    with db.session_scope() as session:
        year = ontime.by_month(session, filters=filters, scope=scope, months=12)
    st.subheader(tr("ontime.heading"), help=tr("ontime.help"))
    if year.empty:
        st.info(tr("empty.no_data"))
        return
    recent = year[
        year["month"] >= ontime.first_month(filters.reference_date(), months).isoformat()[:7]
    ]
    label = {m: fmt_month(dt.date.fromisoformat(m + "-01"), language) for m in year["month"]}
    table = recent.assign(
        shown=[
            f"{fmt_pct(r, language, 0)} ({d})"
            for r, d in zip(recent["rate"], recent["due"], strict=True)
        ]
    ).pivot(index="agency", columns="month", values="shown")
    table = table.rename(columns=label).fillna("–").reset_index()
    table = table.rename(columns={"agency": tr("followup.col.owner")})
    st.dataframe(table, hide_index=True, height=table_height(len(table), 15))
    trend = ontime.overall(year)
    trend = pd.DataFrame(
        {
            tr("ontime.month"): pd.to_datetime(trend["month"] + "-01"),
            tr("ontime.rate"): (trend["rate"] * 100).round(1),
        }
    )
    st.line_chart(trend, x=tr("ontime.month"), y=tr("ontime.rate"), height=220)
    st.caption(tr("ontime.caption"))


def _narrowed(scope: Scope, region: str) -> Scope:
    """The user's scope cut to the region chosen in the filter (the page fits the filter to
    the scope, so the region lies inside it or covers some of it)."""
    if scope.allows(region):
        return Scope.of([region])
    assert scope.codes is not None  # a national scope allows every region
    return Scope.of(c for c in scope.codes if c == region or c.startswith(region + "."))


def open_linked_action() -> None:
    """`?aksi=ID` (the link in an e-mail digest) selects that action on the follow-up page,
    once per link, so that picking another row afterwards still works. The page checks the
    scope of whatever is selected."""
    raw = st.query_params.get("aksi", "")
    if raw.isdigit() and st.session_state.get("fu_linked") != raw:
        st.session_state["fu_linked"] = raw
        st.session_state["fu_action"] = int(raw)
