"""The daily e-mail digest per owner agency: its actions overdue and due in the next 7 days,
each with a link to it on the follow-up page.

Idempotent by the `reminders` table: an agency that has a "sent" digest for the day gets
nothing more that day; a failed send is recorded ("failed", with the error) and tried again by
the next run. "sent" is written only after the SMTP server accepted the message, one agency at a
time, so a server that goes down half-way loses nothing and sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.access.auth import audit
from pora_dash.access.scope import Scope
from pora_dash.followthrough.mail import Mailer, MailSettings
from pora_dash.followthrough.records import OpenAction, open_actions
from pora_dash.i18n import fmt_date, fmt_int, t
from pora_dash.store import db
from pora_dash.store.models import Agency, Reminder

WINDOW_DAYS = 7
LANG = "id"  # the agencies are Indonesian offices


@dataclass(frozen=True)
class Digest:
    agency_id: int
    agency: str
    recipient: str
    overdue: list[OpenAction]
    due_soon: list[OpenAction]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def action_link(base_url: str, action_id: int) -> str:
    """The deep link to one action on the follow-up page.

    >>> action_link("https://pora.example.go.id", 17)
    'https://pora.example.go.id/tindaklanjut?aksi=17'
    """
    return f"{base_url.rstrip('/')}/tindaklanjut?aksi={action_id}"


def plan(session: Session, *, today: dt.date, scope: Scope | None = None) -> list[Digest]:
    """The digests still to send today: agencies with a contact e-mail, something overdue or
    due within WINDOW_DAYS, and no digest sent yet today. The digests carry every meeting's
    actions; `scope` narrows them for a screen (the Pengingat page of a regional operator)."""
    already = select(Reminder.agency_id).where(Reminder.day == today, Reminder.status == "sent")
    contacts = {
        agency_id: email.strip()
        for agency_id, email in session.execute(
            select(Agency.id, Agency.contact_email).where(
                Agency.contact_email.is_not(None), Agency.id.not_in(already)
            )
        )
        if email and "@" in email
    }
    if not contacts:
        return []
    groups = open_actions(
        session,
        scope=scope or Scope.national(),
        today=today,
        agency_ids=sorted(contacts),
        due_by=today + dt.timedelta(days=WINDOW_DAYS),
    )
    return [
        Digest(
            g.agency_id,
            g.agency,
            contacts[g.agency_id],
            [a for a in g.actions if a.days_overdue > 0],
            sorted((a for a in g.actions if a.days_overdue == 0), key=lambda a: a.due_date),
        )
        for g in groups
        if g.actions
    ]


def _item(action: OpenAction, base_url: str, today: dt.date) -> str:
    when = t("digest.due", LANG, date=fmt_date(action.due_date, LANG))
    if action.days_overdue:
        when += " · " + t("digest.days_late", LANG, n=fmt_int(action.days_overdue, LANG))
    elif action.due_date == today:
        when += " · " + t("digest.today", LANG)
    meeting = f"{action.meeting_title} ({fmt_date(action.meeting_date, LANG)})"
    return (
        f"- {action.description}\n  {t('followup.col.meeting', LANG)}: {meeting}\n"
        f"  {when}\n  {action_link(base_url, action.action_id)}"
    )


def message(digest: Digest, settings: MailSettings, today: dt.date) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = t(
        "digest.subject",
        LANG,
        overdue=fmt_int(len(digest.overdue), LANG),
        soon=fmt_int(len(digest.due_soon), LANG),
        date=fmt_date(today, LANG),
    )
    msg["From"] = formataddr(("Dasbor PORA", settings.sender))
    msg["To"] = formataddr((digest.agency, digest.recipient))
    msg["Message-ID"] = make_msgid(domain=settings.sender.split("@")[1])
    parts = [t("digest.greeting", LANG, agency=digest.agency, date=fmt_date(today, LANG))]
    for key, items in (("digest.overdue", digest.overdue), ("digest.due_soon", digest.due_soon)):
        if items:
            heading = t(key, LANG, n=fmt_int(len(items), LANG), days=WINDOW_DAYS)
            parts.append(
                heading + "\n" + "\n\n".join(_item(a, settings.base_url, today) for a in items)
            )
    parts.append(t("digest.footer", LANG, url=f"{settings.base_url}/tindaklanjut"))
    msg.set_content("\n\n".join(parts))
    return msg


@dataclass
class RunReport:
    planned: list[Digest] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _record(url: str | None, digest: Digest, today: dt.date, error: str | None) -> None:
    with db.session_scope(url) as session:
        row = session.scalar(
            select(Reminder).where(Reminder.agency_id == digest.agency_id, Reminder.day == today)
        )
        if row is None:
            row = Reminder(agency_id=digest.agency_id, day=today, attempts=0)
            session.add(row)
        row.status = "failed" if error else "sent"
        row.actions = digest.count
        row.recipient = digest.recipient
        row.attempts = (row.attempts or 0) + 1
        row.attempted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        row.sent_at = None if error else row.attempted_at
        row.error = error[:1000] if error else None


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def run(
    settings: MailSettings,
    *,
    today: dt.date,
    dry_run: bool = False,
    url: str | None = None,
    mailer: Callable[[MailSettings], Mailer] = Mailer,
    username: str | None = None,
) -> RunReport:
    """Send today's digests (nothing in a dry run); every attempt is recorded."""
    with db.session_scope(url) as session:
        report = RunReport(planned=plan(session, today=today))
    if dry_run or not report.planned:
        return report
    try:
        with mailer(settings) as connection:
            for digest in report.planned:
                try:
                    connection.send(message(digest, settings, today))
                except (OSError, smtplib.SMTPException) as exc:
                    report.failed.append((digest.agency, _reason(exc)))
                    _record(url, digest, today, _reason(exc))
                else:
                    report.sent.append(digest.agency)
                    _record(url, digest, today, None)
    except (OSError, smtplib.SMTPException) as exc:  # no connection, or refused log-in
        for digest in report.planned[len(report.sent) + len(report.failed) :]:
            report.failed.append((digest.agency, _reason(exc)))
            _record(url, digest, today, _reason(exc))
    with db.session_scope(url) as session:
        audit(session, "reminders_sent", username=username, day=today,
              sent=len(report.sent), failed=len(report.failed))  # fmt: skip
    return report


def history(session: Session, *, since: dt.date) -> pd.DataFrame:
    """The recorded digests from `since` on, newest first: day, agency, recipient, status,
    actions, attempts, attempted_at, sent_at, error."""
    rows = session.execute(
        select(
            Reminder.day,
            Agency.name,
            Reminder.recipient,
            Reminder.status,
            Reminder.actions,
            Reminder.attempts,
            Reminder.attempted_at,
            Reminder.sent_at,
            Reminder.error,
        )
        .join(Agency, Agency.id == Reminder.agency_id)
        .where(Reminder.day >= since)
        .order_by(Reminder.day.desc(), Agency.name)
    ).all()
    columns = ["day", "agency", "recipient", "status", "actions", "attempts", "attempted_at",
               "sent_at", "error"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
