"""E-mail digests for real: a real SMTP server (aiosmtpd) on 127.0.0.1, `python -m pora_dash
remind` run against it, and the `reminders` table on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import email
import html
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from pora_dash.access.scope import Scope
from pora_dash.cli import main
from pora_dash.followthrough import digest, records
from pora_dash.store import db
from pora_dash.store.models import Agency, AuditEntry, Reminder
from pora_dash.writes.followups import add_action, create_meeting, update_action
from tests import fixtures
from tests.apptest import app_as
from tests.conftest import DEMO_AS_OF
from tools.devserver import free_port

RAKOR = dt.date(2024, 7, 17)
TODAY = dt.date(2024, 9, 1)
BASE = "https://pora.example.go.id"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class Server:
    """An SMTP server that can be stopped and started again on the same port."""

    def __init__(self, **options: object) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.options = options
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, **self.options
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[Server]:
    server = Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def world(any_db: str, use_db, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Brebes' rakor with actions of Kesbangpol (has an e-mail), UNHCR (has one) and the
    immigration office (none): overdue, due in 3 days, due in 30 days, done."""
    use_db(any_db)
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        session.add(Agency(id=3, code="IMI", name="Kantor Imigrasi Pemalang", kind="imigrasi"))
        session.get(Agency, 1).contact_email = "unhcr@pora-test.example"
        session.get(Agency, 2).contact_email = "kesbangpol@pora-test.example"
        session.flush()
        meeting = create_meeting(
            session, level="kabkota", office_agency_id=3, held_on=RAKOR, region_code="33.29",
            title="Rakor Timpora Brebes", venue=None, agenda=None, minutes=None,
            attendee_ids=[1, 2], username="op",
        )  # fmt: skip

        def add(owner: int, due: dt.date, text: str) -> int:
            return add_action(
                session, meeting_id=meeting.id, description=text, owner_agency_id=owner,
                person_in_charge=None, due_date=due, username="op",
            ).id  # fmt: skip

        ids = {
            "late": add(2, dt.date(2024, 8, 20), "Pendataan ulang Sirampog"),
            "soon": add(2, dt.date(2024, 9, 4), "Sosialisasi ke camat"),
            "later": add(2, dt.date(2024, 10, 1), "Evaluasi triwulan"),
            "done": add(2, dt.date(2024, 8, 1), "Rapat kecil"),
            "unhcr": add(1, dt.date(2024, 9, 8), "Verifikasi kartu UNHCR"),
            "imi": add(3, dt.date(2024, 8, 10), "Operasi gabungan"),
        }
    with db.session_scope(any_db) as session:
        update_action(
            session, action_id=ids["done"], seen_version=1, status="done", comment=None,
            username="op", role="operator", agency_id=None, today=TODAY,
        )  # fmt: skip
    monkeypatch.setenv("PORA_MAIL_FROM", "pora@pora-test.example")
    monkeypatch.setenv("PORA_BASE_URL", BASE + "/")
    return {"url": any_db, **ids}  # type: ignore[dict-item]


def remind(server: Server, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setenv("PORA_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
    return main(["remind", "--today", TODAY.isoformat(), *extra])


def body(message: EmailMessage) -> str:
    return str(message.get_content()).replace("\r\n", "\n")


def reminders(url: str) -> list[tuple[int, str, int, int]]:
    with db.session_scope(url) as session:
        rows = session.scalars(select(Reminder).order_by(Reminder.agency_id)).all()
        return [(r.agency_id, r.status, r.actions, r.attempts) for r in rows]


def test_each_agency_with_an_email_gets_its_digest_once_a_day(
    world, smtp: Server, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert remind(smtp, monkeypatch) == 0
    inbox = {m["To"]: m for m in smtp.inbox.messages}
    assert set(inbox) == {
        "UNHCR Indonesia <unhcr@pora-test.example>",
        "Kesbangpol Kabupaten Brebes <kesbangpol@pora-test.example>",
    }  # the immigration office has no e-mail: nothing is sent for it
    kesbangpol = inbox["Kesbangpol Kabupaten Brebes <kesbangpol@pora-test.example>"]
    assert kesbangpol["Subject"] == (
        "[PORA] Pengingat tindak lanjut 1 September 2024: 1 lewat tenggat, 1 jatuh tempo segera"
    )
    text = body(kesbangpol)
    late = text.index("LEWAT TENGGAT (1)")
    soon = text.index("JATUH TEMPO DALAM 7 HARI (1)")
    assert late < text.index("Pendataan ulang Sirampog") < soon
    assert "12 hari lewat tenggat" in text
    assert soon < text.index("Sosialisasi ke camat")
    assert f"{BASE}/tindaklanjut?aksi={world['late']}\n" in text
    assert f"{BASE}/tindaklanjut?aksi={world['soon']}\n" in text
    assert "Evaluasi triwulan" not in text and "Rapat kecil" not in text  # later, done
    assert "Verifikasi kartu UNHCR" not in text  # another agency's
    assert f"aksi={world['unhcr']}" in body(inbox["UNHCR Indonesia <unhcr@pora-test.example>"])
    assert reminders(world["url"]) == [(1, "sent", 1, 1), (2, "sent", 2, 1)]
    assert "2 pengingat terkirim" in capsys.readouterr().out

    # the same day again: nothing more
    assert remind(smtp, monkeypatch) == 0
    assert len(smtp.inbox.messages) == 2
    assert reminders(world["url"]) == [(1, "sent", 1, 1), (2, "sent", 2, 1)]
    assert "Tidak ada pengingat" in capsys.readouterr().out
    # the next day: again
    monkeypatch.setenv("PORA_SMTP_URL", f"smtp://127.0.0.1:{smtp.port}")
    assert main(["remind", "--today", "2024-09-02"]) == 0
    assert len(smtp.inbox.messages) == 4


def test_a_dry_run_sends_and_records_nothing(
    world, smtp: Server, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert remind(smtp, monkeypatch, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Kesbangpol Kabupaten Brebes <kesbangpol@pora-test.example>: 1 lewat tenggat" in out
    assert smtp.inbox.messages == [] and reminders(world["url"]) == []


def test_a_server_that_is_down_loses_nothing_and_sends_nothing_twice(
    world, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    server = Server()  # not started: nothing listens on its port
    assert remind(server, monkeypatch) == 1
    err = capsys.readouterr().err
    assert "2 pengingat gagal dikirim lewat 127.0.0.1" in err
    assert "GAGAL: Kesbangpol Kabupaten Brebes (ConnectionRefusedError" in err
    assert reminders(world["url"]) == [(1, "failed", 1, 1), (2, "failed", 2, 1)]
    with db.session_scope(world["url"]) as session:
        assert all(r.sent_at is None and r.error for r in session.scalars(select(Reminder)))

    server.start()  # the server is back: each digest goes out exactly once
    try:
        assert remind(server, monkeypatch) == 0
        assert remind(server, monkeypatch) == 0
    finally:
        server.stop()
    assert sorted(m["To"] for m in server.inbox.messages) == [
        "Kesbangpol Kabupaten Brebes <kesbangpol@pora-test.example>",
        "UNHCR Indonesia <unhcr@pora-test.example>",
    ]
    assert reminders(world["url"]) == [(1, "sent", 1, 2), (2, "sent", 2, 2)]
    with db.session_scope(world["url"]) as session:
        runs = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.event == "reminders_sent")
        )
        assert len(list(runs)) == 2  # the run that failed and the one that sent


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_with_user_and_password_from_the_url(world, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(server, session, envelope, mechanism, data) -> AuthResult:  # type: ignore[no-untyped-def]
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"pora", b"s@cret")
        return AuthResult(success=ok)

    server = Server(authenticator=check, auth_required=True, auth_require_tls=False)
    server.start()
    try:
        monkeypatch.setenv("PORA_SMTP_URL", f"smtp://pora:wrong@127.0.0.1:{server.port}")
        assert main(["remind", "--today", TODAY.isoformat()]) == 1
        assert server.inbox.messages == []
        monkeypatch.setenv("PORA_SMTP_URL", f"smtp://pora:s%40cret@127.0.0.1:{server.port}")
        assert main(["remind", "--today", TODAY.isoformat()]) == 0
    finally:
        server.stop()
    assert len(server.inbox.messages) == 2


@pytest.mark.parametrize(
    ("smtp_url", "message"),
    [
        (None, "PORA_SMTP_URL belum diatur"),
        ("http://mail.example", "PORA_SMTP_URL harus smtp://host"),
    ],
)
def test_missing_or_bad_mail_settings_are_refused_clearly(
    world, monkeypatch: pytest.MonkeyPatch, capsys, smtp_url: str | None, message: str
) -> None:
    if smtp_url is None:
        monkeypatch.delenv("PORA_SMTP_URL", raising=False)
    else:
        monkeypatch.setenv("PORA_SMTP_URL", smtp_url)
    assert main(["remind", "--today", TODAY.isoformat()]) == 2
    assert message in capsys.readouterr().err
    assert reminders(world["url"]) == []


def test_the_link_in_the_mail_opens_the_action(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    with db.session_scope(demo_copy) as session:
        groups = records.open_actions(
            session, scope=Scope.of(["33.29"]), today=dt.date(2026, 11, 22)
        )
    action = groups[0].actions[0]
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py",
                params={"aksi": str(action.action_id)})  # fmt: skip
    assert not at.exception
    assert at.session_state["fu_action"] == action.action_id
    assert any(html.escape(action.description) in h.proto.body for h in at.get("html"))
    assert any(m.label == "Status" for m in at.metric)


def test_the_demo_agencies_have_contact_emails(demo_db: str) -> None:
    with db.session_scope(demo_db) as session:
        emails = session.scalars(select(Agency.contact_email)).all()
    assert emails and all(e and e.endswith("@pora-demo.example") for e in emails)
    assert len(set(emails)) == len(emails)


def test_the_reminders_page_previews_and_sends_now(
    demo_copy: str, use_db, smtp: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_db(demo_copy)
    monkeypatch.setenv("PORA_SMTP_URL", f"smtp://127.0.0.1:{smtp.port}")
    monkeypatch.setenv("PORA_MAIL_FROM", "pora@pora-test.example")
    monkeypatch.setenv("PORA_BASE_URL", BASE)
    today = DEMO_AS_OF
    with db.session_scope(demo_copy) as session:
        national = digest.plan(session, today=today)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/reminders.py")
    assert not at.exception
    assert at.title[0].value == "Pengingat"
    shown = at.dataframe[0].value
    assert set(shown["Instansi"]) <= {d.agency for d in national}

    first = next(d for d in national if d.agency == shown["Instansi"].iloc[0])
    at.selectbox(key="reminder_preview").set_value(f"{today.isoformat()}|{first.agency_id}")
    at.run()
    assert not at.exception
    assert smtp.inbox.messages == []  # a preview sends nothing
    preview = at.code[-1].value
    assert all(f"aksi={a.action_id}" in preview for a in first.overdue + first.due_soon)
    with db.session_scope(demo_copy) as session:
        seen = session.scalars(
            select(AuditEntry.target).where(AuditEntry.event == "reminder_previewed")
        ).all()
    assert seen == [f"agency:{first.agency_id}"]

    send = next(b for b in at.button if b.label.startswith("Kirim sekarang"))
    send.click().run()
    assert not at.exception
    assert len(smtp.inbox.messages) == len(national)
    assert f"{len(national)} pengingat terkirim." in [s.value for s in at.success]
    with db.session_scope(demo_copy) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.event == "reminders_sent")
        ).one()
        assert entry.username == "operator.pemalang"
        assert session.query(Reminder).filter(Reminder.status == "sent").count() == len(national)
    # the page, opened again: nothing left for today, the history lists what went out
    again = app_as(demo_copy, "operator.pemalang", page="app_pages/reminders.py")
    assert "Tidak ada pengingat." in [c.value for c in again.caption]
    assert "Terkirim" in set(again.dataframe[-1].value["Status"])


def test_the_reminders_page_without_mail_settings(
    demo_db: str, use_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_db(demo_db)
    monkeypatch.delenv("PORA_SMTP_URL", raising=False)
    at = app_as(demo_db, "admin", page="app_pages/reminders.py")
    assert not at.exception
    assert "Pengiriman e-mail belum diatur" in at.warning[0].value
    send = [b for b in at.button if b.label.startswith("Kirim sekarang")]
    assert send and send[0].disabled
