"""Follow-through in a real browser on a private copy of the demo data: the link of an e-mail
digest opens its action, the reminder letter downloads as a PDF, the WhatsApp text is there."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from pora_dash.access.scope import Scope
from pora_dash.followthrough import digest, records
from pora_dash.store import db
from tests.chromium import chromium_page, running_app, settled, sign_in
from tests.conftest import DEMO_AS_OF

PASSWORD = "demo-pora-2024"


def test_digest_link_letter_and_whatsapp_text(demo_copy: str, tmp_path: Path) -> None:
    with db.session_scope(demo_copy) as session:
        groups = records.open_actions(session, scope=Scope.of(["33.29"]), today=DEMO_AS_OF)
    action = groups[0].actions[0]
    env = {"PORA_TODAY": DEMO_AS_OF.isoformat()}
    with running_app(demo_copy, env=env) as base, chromium_page() as page:
        sign_in(page, base, "operator.pemalang", PASSWORD,
                path=f"tindaklanjut?wilayah=33.29&aksi={action.action_id}")  # fmt: skip
        # the action of the link is open below the list
        page.get_by_text(action.description, exact=True).last.wait_for()
        page.get_by_text("Salin untuk WhatsApp").click()
        page.get_by_text("*Tindak lanjut rakor Tim PORA Kabupaten Brebes*").wait_for()
        page.get_by_text("Surat pengingat tindak lanjut").click()
        settled(page)
        # the letters are made when clicked, in the server's download thread: on a machine
        # busy with the rest of the suite that can take longer than Playwright's 30 s
        with page.expect_download(timeout=90_000) as info:
            page.get_by_role("button", name="Unduh surat (PDF)").click()
        pdf = Path(info.value.path()).read_bytes()
        page.screenshot(path=str(tmp_path / "tindaklanjut.png"), full_page=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= len(groups)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert all(f"Kepada Yth. {g.agency}" in text for g in groups)


def test_reminders_page_preview_and_send_now(demo_copy: str) -> None:
    from tests.db.test_reminders import Server

    with db.session_scope(demo_copy) as session:
        planned = digest.plan(session, today=DEMO_AS_OF)
    smtp = Server()
    smtp.start()
    env = {
        "PORA_TODAY": DEMO_AS_OF.isoformat(),
        "PORA_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
        "PORA_MAIL_FROM": "pora@pora-test.example",
        "PORA_BASE_URL": "https://pora.example.go.id",
    }
    try:
        with running_app(demo_copy, env=env) as base, chromium_page() as page:
            sign_in(page, base, "operator.pemalang", PASSWORD, path="pengingat")
            page.get_by_role("heading", name="Pengingat").first.wait_for()
            page.get_by_text("Pratinjau", exact=True).wait_for()
            box = page.get_by_label("Instansi", exact=True).last
            box.click()
            page.get_by_role("option").nth(1).click()
            page.get_by_text("https://pora.example.go.id/tindaklanjut?aksi=").first.wait_for()
            assert smtp.inbox.messages == []  # the preview sends nothing
            page.get_by_role("button", name=f"Kirim sekarang ({len(planned)})").click()
            page.get_by_text(f"{len(planned)} pengingat terkirim.").wait_for()
    finally:
        smtp.stop()
    assert sorted(m["To"].addresses[0].addr_spec for m in smtp.inbox.messages) == sorted(
        d.recipient for d in planned
    )
