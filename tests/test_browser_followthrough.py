"""Follow-through in a real browser on a private copy of the demo data: the link of an e-mail
digest opens its action, the reminder letter downloads as a PDF, the WhatsApp text is there."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from pora_dash import db
from pora_dash.followthrough import records
from pora_dash.scope import Scope
from tests.browser import chromium_page, running_app, sign_in
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
        with page.expect_download() as info:
            page.get_by_role("button", name="Unduh surat (PDF)").click()
        pdf = Path(info.value.path()).read_bytes()
        page.screenshot(path=str(tmp_path / "tindaklanjut.png"), full_page=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= len(groups)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert all(f"Kepada Yth. {g.agency}" in text for g in groups)
