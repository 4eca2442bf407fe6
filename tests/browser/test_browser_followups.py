"""Meetings and follow-ups in a real browser, on a private copy of the demo data:
create a meeting, add two actions, mark one done in review mode, see tracker and summary."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import Action, Meeting
from tests.chromium import chromium_page, running_app, settled, sign_in

PASSWORD = "demo-pora-2024"
TITLE = "Rakor Uji Browser Brebes"


def _date(page, scope, label: str, ddmmyyyy: str) -> None:  # type: ignore[no-untyped-def]
    """Type a date into Streamlit's segmented date field (day, month, year spinbuttons)."""
    scope.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(ddmmyyyy)
    page.keyboard.press("Tab")


def _wait_for_status(url: str, description: str, status: str, timeout: float = 45) -> Action:
    """Poll the database until the action has `status` (the save runs in the app process)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        with db.session_scope(url) as session:
            action = session.scalar(select(Action).where(Action.description == description))
            if action is not None and action.status == status or time.monotonic() > deadline:
                return action
        time.sleep(0.3)


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_label(label, exact=True).last
    box.click()
    page.keyboard.type(option)  # long lists are virtualised: filter first
    page.get_by_role("option", name=option).first.click()


@pytest.mark.browser
def test_meeting_to_review_to_tracker(demo_copy: str) -> None:
    with (
        running_app(demo_copy, env={"PORA_TODAY": "2026-11-22"}) as base,
        chromium_page(1600, 1100) as page,
    ):
        sign_in(page, base, "operator.pemalang", PASSWORD, path="rapat?wilayah=33.29")
        page.get_by_text("Catat rapat baru").click()
        form = page.get_by_test_id("stForm").first
        _date(page, form, "Tanggal", "01102026")
        _choose(page, "Kantor penyelenggara", "Kantor Imigrasi Kelas I Non TPI Pemalang")
        form.get_by_label("Judul").fill(TITLE)
        form.get_by_label("Tempat").fill("Aula Kecamatan Sirampog")
        form.get_by_role("button", name="Simpan rapat").click()
        page.get_by_text("Rapat dicatat.").or_(
            page.get_by_role("heading", name=TITLE)
        ).first.wait_for()
        page.get_by_role("heading", name=TITLE).wait_for()

        for text, owner in (
            ("Pendataan ulang pengungsi Sirampog", "Kantor Imigrasi Kelas I Non TPI Pemalang"),
            ("Sosialisasi kepada kepala desa", "Polres Brebes"),
        ):
            add = page.get_by_test_id("stForm").filter(has_text="Tambah tindak lanjut")
            add.get_by_role("textbox", name="Tindak lanjut").fill(text)
            _choose(page, "Instansi", owner)
            _date(page, add, "Tenggat", "30102026")
            add.get_by_role("button", name="Tambah").click()
            _wait_for_status(demo_copy, text, "open")  # the confirmation only flashes
        with db.session_scope(demo_copy) as session:
            meeting = session.scalar(select(Meeting).where(Meeting.title == TITLE))
            assert meeting is not None
            actions = session.scalars(select(Action).where(Action.meeting_id == meeting.id)).all()
            assert len(actions) == 2 and all(a.status == "open" for a in actions)

        # next rakor of the same office: review the open actions one by one
        # (a reload would start a new, signed-out session: move through the menu, as users do)
        page.get_by_test_id("stSidebarNav").get_by_text("Tindak lanjut", exact=True).click()
        line = page.get_by_text(re.compile(r"^\d+ tindak lanjut, \d+ lewat tenggat"))
        line.wait_for()
        opened_before = int(line.inner_text().split()[0])
        page.get_by_test_id("stSidebarNav").get_by_text("Tinjau tindak lanjut").click()
        page.get_by_text("Tindak lanjut 1 dari").or_(
            page.get_by_text("Tidak ada tindak")
        ).first.wait_for()
        # the review opens on the last rakor held; choose ours, then step to our action
        box = page.get_by_label("Rakor yang ditinjau", exact=False).last
        box.click()
        page.keyboard.type(TITLE)
        page.get_by_role("option", name=re.compile(re.escape(TITLE))).first.click()
        page.get_by_text("Tindak lanjut 1 dari 2").wait_for()
        for shown in range(1, 31):
            settled(page)  # the card drawn is action `shown`'s, not the one before it
            if page.get_by_text("Pendataan ulang pengungsi Sirampog").count():
                break
            page.get_by_role("button", name="Lewati").click()
            page.get_by_text(f"Tindak lanjut {shown + 1} dari").wait_for()
        page.get_by_text("Pendataan ulang pengungsi Sirampog").wait_for()
        page.get_by_label("Selesai").check(force=True)
        page.get_by_role("textbox", name="Catatan").fill("Data sudah diperbarui bersama Dukcapil")
        page.get_by_role("button", name="Simpan & lanjut").click()
        done = _wait_for_status(demo_copy, "Pendataan ulang pengungsi Sirampog", "done")
        assert done.completed_on is not None

        # the tracker reflects it: its count line drops by one and agrees with the database
        page.get_by_test_id("stSidebarNav").get_by_text("Tindak lanjut", exact=True).click()
        line = page.get_by_text(re.compile(r"^\d+ tindak lanjut, \d+ lewat tenggat"))
        line.wait_for()
        shown_open = int(line.inner_text().split()[0])
        with db.session_scope(demo_copy) as session:
            pending = session.scalar(
                select(func.count())
                .select_from(Action)
                .join(Meeting, Meeting.id == Action.meeting_id)
                .where(
                    Meeting.kabkota_code.in_(["33.27", "33.28", "33.29", "33.76"]),
                    Action.status.in_(("open", "in_progress")),
                )
            )
        assert shown_open == pending == opened_before - 1
        page.get_by_role("tab", name="Rekap per instansi").click()
        page.get_by_role("button", name="CSV").wait_for()
