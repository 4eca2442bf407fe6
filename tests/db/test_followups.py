"""Follow-up rules on a small fixture, on SQLite and PostgreSQL: transitions, overdue at the
Jakarta day boundary, the per-agency summary by hand, lost-update protection, history."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import followups
from pora_dash.reads.followups import FollowupError
from pora_dash.store import db
from pora_dash.store.models import Action, ActionUpdate, Agency, Meeting
from pora_dash.writes.followups import (
    ConflictError,
    Decision,
    DecisionError,
    add_action,
    create_meeting,
    create_meeting_with_decisions,
    update_action,
    update_meeting,
)
from tests import fixtures

NATION = Scope.national()
RAKOR = dt.date(2024, 7, 17)
TODAY = dt.date(2024, 9, 1)
OPERATOR = {"username": "operator", "role": "operator", "agency_id": None}


@pytest.mark.parametrize(
    ("old", "new", "ok"),
    [
        ("open", "in_progress", True),
        ("open", "done", True),
        ("open", "dropped", True),
        ("in_progress", "open", True),
        ("in_progress", "done", True),
        ("done", "in_progress", True),
        ("dropped", "open", True),
        ("done", "open", False),
        ("done", "dropped", False),
        ("dropped", "done", False),
        ("dropped", "in_progress", False),
        ("open", "open", True),
    ],
)
def test_transitions(old: str, new: str, ok: bool) -> None:
    assert followups.can_move(old, new) is ok


def test_overdue_turns_at_midnight_in_jakarta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORA_TODAY", raising=False)
    due = dt.date(2024, 8, 17)
    # 16:59 UTC on the 17th is 23:59 in Jakarta: still the due day, not overdue
    before = clock.today(dt.datetime(2024, 8, 17, 16, 59, tzinfo=dt.UTC))
    after = clock.today(dt.datetime(2024, 8, 17, 17, 0, tzinfo=dt.UTC))  # 00:00 WIB on the 18th
    assert before == dt.date(2024, 8, 17) and after == dt.date(2024, 8, 18)
    assert not followups.is_overdue("open", due, before)
    assert followups.is_overdue("open", due, after)
    assert not followups.is_overdue("done", due, after)
    assert not followups.is_overdue("dropped", due, after)


@pytest.fixture
def rakor(any_db: str) -> tuple[str, int]:
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        session.add(
            Agency(
                id=3,
                code="IMI-PML",
                name="Kantor Imigrasi Pemalang",
                kind="imigrasi",
                region_code="33",
            )
        )
        session.flush()
        meeting = create_meeting(
            session,
            level="kabkota",
            office_agency_id=3,
            held_on=RAKOR,
            region_code="33.29",
            title="Rakor Timpora Kabupaten Brebes",
            venue="Brebes",
            agenda=None,
            minutes=None,
            attendee_ids=[1, 2],
            username="operator",
        )
        meeting_id = meeting.id
    return any_db, meeting_id


def _add(session, meeting_id: int, owner: int, due: dt.date, text: str = "Tindak lanjut") -> int:
    return add_action(
        session,
        meeting_id=meeting_id,
        description=text,
        owner_agency_id=owner,
        person_in_charge=None,
        due_date=due,
        username="operator",
    ).id


def _update(session, action_id: int, version: int, status: str, **kw) -> Action:
    args = {**OPERATOR, "comment": kw.pop("comment", None), **kw}
    return update_action(
        session, action_id=action_id, seen_version=version, status=status, today=TODAY, **args
    )


def test_forms_refuse_bad_input(rakor) -> None:
    url, meeting_id = rakor
    cases = [
        ({"due_date": RAKOR - dt.timedelta(days=1)}, "action.due_before_meeting"),
        ({"owner_agency_id": None}, "action.needs_owner"),
        ({"description": "   "}, "action.needs_description"),
        ({"due_date": None}, "action.needs_due"),
    ]
    for change, key in cases:
        args = {
            "meeting_id": meeting_id,
            "description": "x",
            "owner_agency_id": 2,
            "person_in_charge": None,
            "due_date": RAKOR,
            "username": "op",
            **change,
        }
        with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
            add_action(session, **args)
        assert err.value.key == key


def test_done_sets_completion_and_history_records_everything(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
    with db.session_scope(url) as session:
        _update(session, action_id, 1, "in_progress", comment="Sedang didata")
    with db.session_scope(url) as session:
        done = _update(session, action_id, 2, "done", comment="Selesai", evidence_text="BA")
        assert done.completed_on == TODAY
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        _update(session, action_id, 3, "dropped", drop_reason="x")
    assert err.value.key == "action.bad_transition"
    with db.session_scope(url) as session:
        rows = session.scalars(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.id)
        ).all()
        assert [(r.old_status, r.new_status) for r in rows] == [
            (None, "open"),
            ("open", "in_progress"),
            ("in_progress", "done"),
        ]
        assert rows[2].comment == "Selesai"
        assert json.loads(rows[2].changes)["evidence_text"] == [None, "BA"]


def test_dropping_needs_a_reason(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        _update(session, action_id, 1, "dropped")
    assert err.value.key == "action.needs_drop_reason"


def test_agency_member_edits_only_own_actions(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        own = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
        other = _add(session, meeting_id, 1, dt.date(2024, 8, 17))
    member = {"username": "kesbangpol", "role": "agency", "agency_id": 2}
    with db.session_scope(url) as session:
        update_action(
            session, action_id=own, seen_version=1, status="in_progress", comment=None, **member
        )
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        update_action(
            session, action_id=other, seen_version=1, status="done", comment=None, **member
        )
    assert err.value.key == "action.not_yours"
    with pytest.raises(FollowupError), db.session_scope(url) as session:
        update_action(
            session,
            action_id=own,
            seen_version=2,
            status="done",
            comment=None,
            username="pimpinan",
            role="leadership",
            agency_id=None,
        )


def test_second_editor_gets_a_conflict_with_the_newer_state(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
    # both editors opened version 1; the first saves
    with db.session_scope(url) as session:
        _update(session, action_id, 1, "done", comment="Selesai oleh A")
    with pytest.raises(ConflictError) as err, db.session_scope(url) as session:
        _update(session, action_id, 1, "dropped", drop_reason="B mengira belum selesai")
    assert err.value.current.status == "done"
    assert err.value.current.version == 2
    with db.session_scope(url) as session:
        assert session.get(Action, action_id).status == "done"  # nothing overwritten


def test_simultaneous_saves_are_caught_at_the_database(rakor) -> None:
    """Both editors pass the version check before either commits: the row's version counter
    makes the second UPDATE match nothing, and it is refused."""
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
    first = db._sessionmaker(url)()
    second = db._sessionmaker(url)()
    try:
        a1 = first.get(Action, action_id)
        a2 = second.get(Action, action_id)
        assert a1.version == a2.version == 1
        _update(first, action_id, 1, "in_progress", comment="A")
        first.commit()
        with pytest.raises(ConflictError):
            _update(second, action_id, 1, "done", comment="B")
    finally:
        first.close()
        second.close()
    with db.session_scope(url) as session:
        assert session.get(Action, action_id).status == "in_progress"


def test_agency_summary_equals_hand_counts(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        a = _add(session, meeting_id, 2, dt.date(2024, 7, 31))  # Kesbangpol: overdue (open)
        b = _add(session, meeting_id, 2, dt.date(2024, 9, 30))  # Kesbangpol: open, not due
        c = _add(session, meeting_id, 2, dt.date(2024, 8, 31))  # Kesbangpol: done on time
        d = _add(session, meeting_id, 1, dt.date(2024, 7, 20))  # UNHCR: done late
        e = _add(session, meeting_id, 1, dt.date(2024, 8, 1))  # UNHCR: dropped
    with db.session_scope(url) as session:
        update_action(
            session,
            action_id=c,
            seen_version=1,
            status="done",
            comment=None,
            today=dt.date(2024, 8, 6),
            **OPERATOR,
        )  # 20 days after rakor
        update_action(
            session,
            action_id=d,
            seen_version=1,
            status="done",
            comment=None,
            today=dt.date(2024, 8, 16),
            **OPERATOR,
        )  # 30 days after rakor
        _update(session, e, 1, "dropped", drop_reason="Tidak relevan lagi")
    del a, b
    with db.session_scope(url) as session:
        summary = followups.agency_summary(session, filters=Filters(as_of=TODAY), scope=NATION)
    rows = {r.agency: r for r in summary.itertuples()}
    kes, unhcr = rows["Kesbangpol Kabupaten Brebes"], rows["UNHCR Indonesia"]
    assert (kes.open, kes.overdue, kes.done_on_time, kes.done_late, kes.dropped) == (2, 1, 1, 0, 0)
    assert (unhcr.open, unhcr.overdue, unhcr.done_on_time, unhcr.done_late, unhcr.dropped) == (
        0,
        0,
        0,
        1,
        1,
    )
    assert kes.median_days == 20 and unhcr.median_days == 30
    assert summary["agency"].iloc[0] == "Kesbangpol Kabupaten Brebes"  # overdue first


def test_tracker_lists_overdue_first_and_respects_scope(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        later = _add(session, meeting_id, 2, dt.date(2024, 9, 30), "Belum jatuh tempo")
        late = _add(session, meeting_id, 2, dt.date(2024, 8, 1), "Terlambat")
    with db.session_scope(url) as session:
        listed = followups.actions(session, filters=Filters(as_of=TODAY), scope=NATION)
        jakarta = followups.actions(session, filters=Filters(as_of=TODAY), scope=Scope.of(["31"]))
    assert listed["id"].tolist()[:2] == [late, later]
    assert listed["overdue"].tolist()[:2] == [True, False]
    assert jakarta.empty


def test_review_queue_is_the_previous_meetings_pending_decisions(rakor) -> None:
    """One definition of "the previous rakor": the last meeting held by the reference date;
    the review page and the actions slide both list its decisions still pending."""
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        pending = _add(session, meeting_id, 2, dt.date(2024, 8, 1))
        closed = _add(session, meeting_id, 2, dt.date(2024, 8, 1))
        _update(session, closed, 1, "done")
        nxt = create_meeting(
            session,
            level="kabkota",
            office_agency_id=3,
            held_on=dt.date(2024, 10, 17),
            region_code="33.29",
            title="Rakor berikutnya",
            venue=None,
            agenda=None,
            minutes=None,
            attendee_ids=[],
            username="operator",
        )
        new_here = _add(session, nxt.id, 2, dt.date(2024, 11, 1))
        before = followups.previous_meeting(
            session, filters=Filters(), scope=NATION, today=dt.date(2024, 10, 16)
        )
        after = followups.previous_meeting(
            session, filters=Filters(), scope=NATION, today=dt.date(2024, 10, 17)
        )
        assert before is not None and int(before["id"]) == meeting_id
        assert after is not None and int(after["id"]) == nxt.id
        assert followups.review_queue(session, meeting_id=meeting_id, scope=NATION) == [pending]
        assert followups.review_queue(session, meeting_id=nxt.id, scope=NATION) == [new_here]


def test_writes_outside_the_scope_are_refused(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 8, 17))
    jakarta = Scope.of(["31"])
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        _update(session, action_id, 1, "done", scope=jakarta)
    assert err.value.key == "action.not_yours"
    with pytest.raises(FollowupError), db.session_scope(url) as session:
        add_action(
            session,
            meeting_id=meeting_id,
            description="x",
            owner_agency_id=2,
            person_in_charge=None,
            due_date=RAKOR,
            username="op",
            scope=jakarta,
        )
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        create_meeting(
            session,
            level="kabkota",
            office_agency_id=3,
            held_on=RAKOR,
            region_code="33.29",
            title="Rakor",
            venue=None,
            agenda=None,
            minutes=None,
            attendee_ids=[],
            username="op",
            scope=jakarta,
        )
    assert err.value.key == "meeting.out_of_scope"


def test_editing_a_meeting_moves_its_actions_and_keeps_due_dates_honest(rakor) -> None:
    url, meeting_id = rakor
    with db.session_scope(url) as session:
        action_id = _add(session, meeting_id, 2, dt.date(2024, 7, 31))
    edit = {
        "meeting_id": meeting_id,
        "title": "Rakor Timpora Brebes (ralat)",
        "venue": "Aula",
        "agenda": None,
        "minutes": "Notulen",
        "attendee_ids": [1, 2],
        "username": "operator",
    }
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        update_meeting(session, seen_version=1, held_on=dt.date(2024, 8, 1), **edit)
    assert err.value.key == "meeting.after_due"
    with db.session_scope(url) as session:
        update_meeting(session, seen_version=1, held_on=dt.date(2024, 7, 20), **edit)
    with db.session_scope(url) as session:
        assert session.get(Action, action_id).meeting_date == dt.date(2024, 7, 20)
    with pytest.raises(FollowupError) as err, db.session_scope(url) as session:
        update_meeting(session, seen_version=1, held_on=dt.date(2024, 7, 21), **edit)
    assert err.value.key == "meeting.conflict"  # someone saved version 2 meanwhile


def test_a_meeting_and_its_decisions_are_one_transaction(rakor) -> None:
    """The meeting form saves the meeting and its decision rows together: a refused row
    (here row 2, due before the meeting) writes neither the meeting nor any decision, and
    says which row; good rows are all written, blank rows left out."""
    url, _ = rakor
    meeting = {
        "level": "kabkota",
        "office_agency_id": 3,
        "held_on": dt.date(2024, 12, 5),
        "region_code": "33.29",
        "title": "Rakor Desember",
        "venue": None,
        "agenda": None,
        "minutes": None,
        "attendee_ids": [],
    }
    good = Decision("Pendataan ulang", 3, "Kasi Inteldakim", dt.date(2025, 1, 10))
    early = Decision("Sosialisasi", 3, None, dt.date(2024, 11, 1))
    blank = Decision("", None, None, None)

    def count(session) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        title = Meeting.title == "Rakor Desember"
        meetings = session.scalar(select(func.count()).select_from(Meeting).where(title))
        actions = session.scalar(
            select(func.count()).select_from(Action).join(Meeting).where(title)
        )
        return meetings, actions

    with pytest.raises(DecisionError) as refused:
        with db.session_scope(url) as session:
            create_meeting_with_decisions(
                session, decisions=[good, early], username="operator", **meeting
            )
    assert refused.value.row == 2 and refused.value.key == "action.due_before_meeting"
    with db.session_scope(url) as session:
        assert count(session) == (0, 0)

    with db.session_scope(url) as session:
        create_meeting_with_decisions(
            session, decisions=[good, blank, good], username="operator", **meeting
        )
    with db.session_scope(url) as session:
        assert count(session) == (1, 2)
