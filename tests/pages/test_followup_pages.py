"""The meetings and follow-up pages through AppTest, on a private copy of the demo data."""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import Action, ActionUpdate, Agency, Meeting
from pora_dash.writes.followups import add_action
from tests.apptest import app_as


def _brebes_action(url: str, owner_kind: str) -> tuple[int, str]:
    """A new open action of the latest Brebes meeting, owned by Brebes' `owner_kind` agency."""

    with db.session_scope(url) as session:
        meeting = session.scalars(
            select(Meeting).where(Meeting.kabkota_code == "33.29").order_by(Meeting.held_on.desc())
        ).first()
        owner = session.scalar(
            select(Agency.id).where(Agency.code == f"{owner_kind.upper()}-33.29")
        )
        text_ = f"Uji: tindak lanjut {owner_kind}"
        action = add_action(
            session,
            meeting_id=meeting.id,
            description=text_,
            owner_agency_id=owner,
            person_in_charge=None,
            due_date=meeting.held_on + dt.timedelta(days=30),
            username="test",
        )
        return action.id, text_


def test_tracker_shows_overdue_first(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py")
    assert not at.exception
    statuses = list(at.dataframe[0].value["Status"])
    flags = [s.startswith("⚠") for s in statuses]
    assert flags == sorted(flags, reverse=True)  # all overdue rows come first
    assert any(flags)


def test_second_editor_sees_a_conflict_and_nothing_is_overwritten(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    action_id, _ = _brebes_action(demo_copy, "kesbangpol")
    # both editors open the same action (version 1) before either saves
    first = app_as(demo_copy, "operator.pemalang", page="app_pages/followups.py")
    first.session_state["fu_action"] = action_id
    first.run()
    second = app_as(demo_copy, "admin", page="app_pages/followups.py")
    second.session_state["fu_action"] = action_id
    second.run()
    first.radio[0].set_value("done")
    first.text_area[0].set_value("Selesai oleh operator")
    first.get("form_submit_button")[0].click().run()
    assert not first.exception
    second.radio[0].set_value("dropped")
    second.text_area[0].set_value("Menurut admin dibatalkan")
    for box in second.text_input:
        if box.label.startswith("Alasan pembatalan"):
            box.set_value("Tidak relevan")
    second.get("form_submit_button")[0].click().run()
    assert not second.exception
    warnings = " ".join(w.value for w in second.warning)
    assert "baru saja diubah oleh operator.pemalang" in warnings
    assert "Selesai" in warnings  # the newer state is shown
    with db.session_scope(demo_copy) as session:
        assert session.get(Action, action_id).status == "done"
        comments = session.scalars(
            select(ActionUpdate.comment).where(ActionUpdate.action_id == action_id)
        ).all()
    assert "Menurut admin dibatalkan" not in comments


def test_agency_member_can_edit_own_and_only_read_others(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    own, _ = _brebes_action(demo_copy, "kesbangpol")
    other, _ = _brebes_action(demo_copy, "polri")
    at = app_as(demo_copy, "kesbangpol.brebes", page="app_pages/followups.py")
    at.session_state["fu_action"] = other
    at.run()
    assert not at.get("form_submit_button")
    assert any("tidak mengubahnya" in c.value for c in at.caption), (
        [c.value for c in at.caption],
        [m.value for m in at.metric],
        at.session_state["fu_action"],
        other,
        own,
    )
    at.session_state["fu_action"] = own
    at.run()
    assert at.get("form_submit_button")


def test_meeting_form_refuses_a_due_date_before_the_meeting(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    with db.session_scope(demo_copy) as session:
        meeting = session.scalars(
            select(Meeting).where(Meeting.kabkota_code == "33.29").order_by(Meeting.held_on.desc())
        ).first()
        meeting_id, held_on = meeting.id, meeting.held_on
        owner = session.scalar(select(Agency.id).where(Agency.code.startswith("KESBANGPOL-33.29")))
        before = session.query(Action).filter(Action.meeting_id == meeting_id).count()
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/meetings.py")
    at.session_state["meeting_id"] = meeting_id
    at.run()
    form_areas = [a for a in at.text_area if a.label == "Tindak lanjut"]
    form_areas[0].set_value("Pendataan ulang bersama Dukcapil")
    [s for s in at.selectbox if s.label == "Instansi"][0].set_value(owner)
    [d for d in at.date_input if d.label == "Tenggat"][0].set_value(held_on - dt.timedelta(days=3))
    [b for b in at.get("form_submit_button") if b.label == "Tambah"][0].click().run()
    assert any("tidak boleh sebelum tanggal rapat" in e.value for e in at.error)
    with db.session_scope(demo_copy) as session:
        assert session.query(Action).filter(Action.meeting_id == meeting_id).count() == before


def test_long_text_wraps_in_the_list_and_in_the_card(demo_copy: str, use_db) -> None:
    """A projector shows 1280 pixels: the list's cells wrap (Streamlit wraps only rows taller
    than 4rem = 64 px), and the chosen action's agency and meeting are whole lines of text,
    not figure cards that cut them short with "…"."""
    use_db(demo_copy)
    with db.session_scope(demo_copy) as session:
        action_id, owner, title = session.execute(
            select(Action.id, Agency.name, Meeting.title)
            .join(Agency, Agency.id == Action.owner_agency_id)
            .join(Meeting, Meeting.id == Action.meeting_id)
            .order_by(func.length(Agency.name).desc(), Action.id)
        ).first()
    assert len(owner) > 60
    at = app_as(demo_copy, "admin", page="app_pages/followups.py")
    assert at.dataframe[0].proto.row_height > 64
    at.session_state["fu_action"] = action_id
    at.run()
    assert not at.exception
    texts = " ".join(h.proto.body for h in at.get("html"))
    assert html.escape(owner) in texts
    assert html.escape(title) in texts
    assert owner not in [m.value for m in at.metric]
