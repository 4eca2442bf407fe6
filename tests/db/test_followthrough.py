"""Minutes (notulen) and reminder letters, read back from the files: PDF text with pypdf,
DOCX with python-docx. What they say must equal the database; the pages offer them as audited
downloads."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pypdf
import pytest
from sqlalchemy import select

from pora_dash.access.scope import Scope
from pora_dash.followthrough import letters, minutes, records
from pora_dash.i18n import fmt_date
from pora_dash.reads import followups
from pora_dash.store import db
from pora_dash.store.models import Action, Agency, AuditEntry, Meeting, Person
from pora_dash.writes.followups import add_action, create_meeting, update_action
from tests import fixtures
from tests.apptest import app_as
from tests.conftest import DEMO_AS_OF

NATION = Scope.national()
RAKOR = dt.date(2024, 7, 17)
TODAY = dt.date(2024, 9, 1)


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )


def busiest_meeting(url: str, kabkota: str = "33.29") -> int:
    with db.session_scope(url) as session:
        meetings = session.scalars(select(Meeting).where(Meeting.kabkota_code == kabkota)).all()
        return max(meetings, key=lambda m: (len(m.actions), m.held_on)).id


def decisions_in_db(url: str, meeting_id: int) -> list[list[str]]:
    with db.session_scope(url) as session:
        rows = session.execute(
            select(Action.description, Agency.name, Action.person_in_charge, Action.due_date)
            .join(Agency, Agency.id == Action.owner_agency_id)
            .where(Action.meeting_id == meeting_id)
            .order_by(Action.id)
        ).all()
    return [
        [str(i), d, owner, pic or "–", fmt_date(due, "id")]
        for i, (d, owner, pic, due) in enumerate(rows, 1)
    ]


def test_minutes_docx_and_pdf_carry_the_meeting_record(demo_db: str) -> None:
    meeting_id = busiest_meeting(demo_db)
    expected = decisions_in_db(demo_db, meeting_id)
    assert len(expected) >= 3
    with db.session_scope(demo_db) as session:
        meeting = session.get(Meeting, meeting_id)
        present = sorted(a.name for a in meeting.attendees)
        title, held_on, venue = meeting.title, meeting.held_on, meeting.venue
        record = records.minutes_record(session, meeting_id=meeting_id, scope=NATION)
        names = [n for n in session.scalars(select(Person.full_name).limit(2000)) if n]

    word = docx.Document(io.BytesIO(minutes.render_docx(record, "id", made=DEMO_AS_OF)))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "TIM PORA KABUPATEN BREBES"
    assert all(name in paragraphs for name in present)
    facts = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
    assert facts["Judul"] == title and facts["Tanggal"] == fmt_date(held_on, "id")
    assert facts["Tempat"] == venue and facts["Tingkat"] == "Kabupaten/kota"
    decided = [[c.text for c in row.cells] for row in word.tables[1].rows]
    assert decided[0] == ["No.", "Keputusan", "Instansi", "Penanggung jawab", "Tenggat"]
    assert decided[1:] == expected
    signers = [c.text for c in word.tables[2].rows[0].cells]
    assert signers == ["Notulis", "Pimpinan Rapat"]

    text = pdf_text(minutes.render_pdf(record, "id", made=DEMO_AS_OF))
    assert text.startswith("TIM PORA KABUPATEN BREBES")
    assert "NOTULEN RAPAT" in text and fmt_date(held_on, "id") in text
    for number, description, owner, _pic, due in expected:
        assert f"{number} {description.split()[0]}" in text
        assert owner.split()[0] in text and due in text
    assert all(name in text for name in present)
    assert "Notulis" in text and "Pimpinan Rapat" in text
    # no person of concern is named in the minutes
    assert names and not any(name in text for name in names)


def test_minutes_of_a_meeting_outside_the_scope_are_refused(demo_db: str) -> None:
    meeting_id = busiest_meeting(demo_db)
    with db.session_scope(demo_db) as session, pytest.raises(followups.FollowupError):
        records.minutes_record(session, meeting_id=meeting_id, scope=Scope.of(["31"]))


@pytest.fixture
def world(any_db: str) -> dict[str, int]:
    """Two meetings (Brebes, in scope; Jakarta, out of it) and actions of two agencies."""
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        session.add(Agency(id=3, code="IMI", name="Kantor Imigrasi Pemalang", kind="imigrasi"))
        session.flush()
        ids: dict[str, int] = {}
        for key, region in (("brebes", "33.29"), ("elsewhere", "33")):
            ids[key] = create_meeting(
                session, level="kabkota" if key == "brebes" else "provinsi",
                office_agency_id=3, held_on=RAKOR, region_code=region,
                title=f"Rakor {key}", venue=None, agenda=None, minutes=None,
                attendee_ids=[2], username="op",
            ).id  # fmt: skip

        def add(meeting: str, owner: int, due: dt.date, text: str) -> int:
            return add_action(
                session, meeting_id=ids[meeting], description=text, owner_agency_id=owner,
                person_in_charge=None, due_date=due, username="op",
            ).id  # fmt: skip

        ids["late"] = add("brebes", 2, dt.date(2024, 8, 20), "Pendataan ulang Sirampog")
        ids["busy"] = add("brebes", 2, dt.date(2024, 9, 30), "Sosialisasi ke camat")
        ids["done"] = add("brebes", 2, dt.date(2024, 8, 1), "Rapat kecil selesai")
        add("elsewhere", 2, dt.date(2024, 8, 2), "Tindak lanjut provinsi")
        add("brebes", 1, dt.date(2024, 8, 25), "Verifikasi kartu UNHCR")
    op = {"username": "op", "role": "operator", "agency_id": None, "today": TODAY}
    with db.session_scope(any_db) as session:
        update_action(session, action_id=ids["busy"], seen_version=1,
                                status="in_progress", comment="Surat undangan dikirim", **op)  # fmt: skip
    with db.session_scope(any_db) as session:
        update_action(session, action_id=ids["done"], seen_version=1,
                                status="done", comment=None, **op)  # fmt: skip
    with db.session_scope(any_db) as session:
        update_action(session, action_id=ids["late"], seen_version=1,
                                status="open", comment="Menunggu data camat", **op)  # fmt: skip
    return {"url": any_db, **ids}  # type: ignore[dict-item]


def test_a_letter_lists_the_agencys_open_actions_in_scope(world) -> None:
    url = world["url"]
    with db.session_scope(url) as session:
        groups = records.open_actions(session, scope=Scope.of(["33.29"]), today=TODAY)
    assert [g.agency for g in groups] == ["Kesbangpol Kabupaten Brebes", "UNHCR Indonesia"]
    kesbangpol = groups[0]
    # the done action and the provincial meeting's (outside the scope) are not in it
    assert [a.description for a in kesbangpol.actions] == [
        "Pendataan ulang Sirampog",
        "Sosialisasi ke camat",
    ]
    assert [a.days_overdue for a in kesbangpol.actions] == [12, 0]
    pdf = letters.render_pdf(groups, team="Tim PORA Kabupaten Brebes", office="Kantor Imigrasi",
                             lang="id", today=TODAY)  # fmt: skip
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # one letter per page
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Kepada Yth. Kesbangpol Kabupaten Brebes" in first
    assert "masih memiliki 2 tindak lanjut yang belum selesai, 1 di antaranya" in first
    assert "Pendataan ulang Sirampog 20 Agustus 2024 12" in first
    assert "Menunggu data camat" in first and "Surat undangan dikirim" in first
    assert "Rapat kecil selesai" not in first and "provinsi" not in first
    assert "Verifikasi kartu UNHCR" in " ".join(reader.pages[1].extract_text().split())


def test_the_letter_of_an_agency_with_nothing_open_says_so(world) -> None:
    url = world["url"]
    with db.session_scope(url) as session:
        groups = records.open_actions(session, scope=NATION, today=TODAY, agency_ids=[3])
    assert [(g.agency, g.actions) for g in groups] == [("Kantor Imigrasi Pemalang", [])]
    text = pdf_text(letters.render_pdf(groups, team="Tim PORA", office="Kantor", lang="id",
                                       today=TODAY))  # fmt: skip
    assert "tidak ada tindak lanjut instansi Saudara yang belum selesai" in text


def last_export(url: str) -> tuple[str | None, str | None, dict]:
    with db.session_scope(url) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.event == "export").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        return entry.username, entry.target, json.loads(entry.detail or "{}")


def test_the_meeting_page_offers_the_minutes_audited(demo_copy: str, use_db, downloads) -> None:
    use_db(demo_copy)
    meeting_id = busiest_meeting(demo_copy)
    at = app_as(demo_copy, "pimpinan", page="app_pages/meetings.py")
    at.session_state["meeting_id"] = meeting_id
    at.run()
    assert not at.exception
    buttons = {b.label: b for b in at.get("download_button")}
    assert {"PDF", "DOCX"} <= set(buttons)
    name = next(n for n in downloads if n.startswith(f"notulen_rapat_{meeting_id}_"))
    stem = name.removesuffix(".pdf").removesuffix(".docx")
    word = docx.Document(io.BytesIO(downloads[f"{stem}.docx"]))
    assert [[c.text for c in r.cells] for r in word.tables[1].rows][1:] == decisions_in_db(
        demo_copy, meeting_id
    )
    buttons["DOCX"].click().run()
    username, target, detail = last_export(demo_copy)
    assert (username, target, detail["meeting"]) == ("pimpinan", f"{stem}.docx", meeting_id)


def test_the_followup_page_offers_letters_audited(demo_copy: str, use_db, downloads) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py")
    assert not at.exception
    name = next(n for n in downloads if n.startswith("surat_pengingat_semua-instansi_"))
    reader = pypdf.PdfReader(io.BytesIO(downloads[name]))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Kepada Yth." in first and "Pengingat tindak lanjut" in first
    button = next(b for b in at.get("download_button") if b.label == "Unduh surat (PDF)")
    button.click().run()
    username, target, detail = last_export(demo_copy)
    assert (username, target, detail["kind"]) == ("operator.pemalang", name, "reminder_letter")


def test_the_whatsapp_text_of_an_agency_and_of_a_meeting(world) -> None:
    from pora_dash.followthrough import whatsapp

    url = world["url"]
    with db.session_scope(url) as session:
        kesbangpol = records.open_actions(
            session, scope=Scope.of(["33.29"]), today=TODAY, agency_ids=[2]
        )
        elsewhere = records.open_actions(
            session, scope=NATION, today=TODAY, meeting_id=world["elsewhere"]
        )
        brebes_done = records.open_actions(
            session, scope=NATION, today=TODAY, agency_ids=[3], meeting_id=world["brebes"]
        )
    text = whatsapp.summary(kesbangpol, title="Tindak lanjut rakor Tim PORA Kabupaten Brebes",
                            today=TODAY, lang="id")  # fmt: skip
    assert text == (
        "*Tindak lanjut rakor Tim PORA Kabupaten Brebes*\n"
        "per 1 September 2024\n"
        "\n"
        "*Kesbangpol Kabupaten Brebes* (2 belum selesai, 1 lewat tenggat)\n"
        "1. ⚠️ Pendataan ulang Sirampog — Tenggat 20 Agustus 2024, 12 hari lewat tenggat\n"
        "   _Rakor brebes (17 Juli 2024)_\n"
        "2. Sosialisasi ke camat — Tenggat 30 September 2024\n"
        "   _Rakor brebes (17 Juli 2024)_"
    )
    other = whatsapp.summary(elsewhere, title="T", today=TODAY, lang="id")
    assert "Tindak lanjut provinsi" in other and "Sirampog" not in other
    nothing = whatsapp.summary(brebes_done, title="T", today=TODAY, lang="id")
    assert nothing.endswith("Tidak ada tindak lanjut yang belum selesai.")


def test_the_followup_page_has_the_whatsapp_text(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py",
                params={"wilayah": "33.29"})  # fmt: skip
    assert not at.exception
    text = at.code[-1].value
    assert text.startswith("*Tindak lanjut rakor Tim PORA Kabupaten Brebes*\nper 22 November 2026")
    with db.session_scope(demo_copy) as session:
        groups = records.open_actions(session, scope=Scope.of(["33.29"]), today=DEMO_AS_OF)
    assert all(f"*{g.agency}*" in text for g in groups)
    assert all(a.description in text for g in groups for a in g.actions)


def test_the_on_time_rate_by_agency_and_due_month(world) -> None:
    from pora_dash.filters import Filters
    from pora_dash.followthrough import ontime

    url = world["url"]
    with db.session_scope(url) as session:
        quick = add_action(
            session, meeting_id=world["brebes"], description="Selesai tepat waktu",
            owner_agency_id=2, person_in_charge=None, due_date=dt.date(2024, 8, 28),
            username="op",
        ).id  # fmt: skip
    with db.session_scope(url) as session:
        update_action(
            session, action_id=quick, seen_version=1, status="done", comment=None,
            username="op", role="operator", agency_id=None, today=dt.date(2024, 8, 27),
        )  # fmt: skip
    filters = Filters(wilayah="33.29", as_of=TODAY)
    with db.session_scope(url) as session:
        frame = ontime.by_month(session, filters=filters, scope=NATION)
    rows = {(r.agency, r.month): (r.due, r.on_time) for r in frame.itertuples()}
    # Kesbangpol, August: due 1st (done late on 1 Sept), 20th (still open), 28th (done on 27th);
    # the provincial meeting lies outside 33.29, September's action is not due yet
    assert rows == {
        ("Kesbangpol Kabupaten Brebes", "2024-08"): (3, 1),
        ("UNHCR Indonesia", "2024-08"): (1, 0),
    }
    total = ontime.overall(frame)
    assert list(total["due"]) == [4] and list(total["on_time"]) == [1]
    assert list(total["rate"]) == [0.25]


def test_the_tracker_shows_the_on_time_rate(demo_copy: str, use_db) -> None:
    from pora_dash.filters import Filters
    from pora_dash.followthrough import ontime

    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py",
                params={"wilayah": "33.29"})  # fmt: skip
    assert not at.exception
    assert "Ketepatan waktu per instansi" in [s.value for s in at.subheader]
    with db.session_scope(demo_copy) as session:
        frame = ontime.by_month(
            session, filters=Filters(wilayah="33.29", as_of=DEMO_AS_OF), scope=NATION
        )
    shown = at.dataframe[-1].value
    latest = frame[frame["month"] == frame["month"].max()].iloc[0]
    row = shown[shown["Instansi"] == latest["agency"]].iloc[0]
    assert row.iloc[-1] == f"{round(latest['rate'] * 100)}% ({latest['due']})"
