"""Actions layer: the follow-ups decided at a meeting, their course, owner and history."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Sequence
from typing import Any

from pora_dash.demo.helpers import fmt_date_id, random_days, table_of, time_on
from pora_dash.demo.operations import Operations
from pora_dash.demo.records import ActionTemplate
from pora_dash.demo.tables import (
    ACTION_TEMPLATES,
    DONE_COMMENTS,
    DROP_REASONS,
    KANIM_OF_KAB,
    OFFICIAL_FAMILY,
    OFFICIAL_GIVEN,
    PIC_TITLES,
    PROGRESS_COMMENTS,
)
from pora_dash.store.models import Action, ActionUpdate


class Actions(Operations):
    """Adds the follow-up actions of a meeting and their status updates."""

    def action_history(
        self, rng: random.Random, held: dt.date, due: dt.date
    ) -> list[tuple[dt.date, str, str]]:
        """The planned course of a routine action, before cutting at the reference date.

        Some actions stall (never finished); the older the meeting, the rarer that is, since
        forgotten follow-ups get reviewed at later rakor and closed or dropped.
        """
        span = max(1, (due - held).days)
        events = []
        stall = 0.25 * math.exp(-max(0, (self.as_of - held).days) / 250)
        r = rng.random()
        outcome = "stalled" if r < stall else ("dropped" if r < stall + 0.07 else "done")
        started = None
        if rng.random() < 0.8:
            started = held + random_days(rng, 1, max(2, span // 2))
            events.append((started, "in_progress", rng.choice(PROGRESS_COMMENTS)))
        after = started or held
        if outcome == "done":
            finish = max(
                after + dt.timedelta(days=1),
                held + dt.timedelta(days=round(span * rng.uniform(0.35, 1.45))),
            )
            events.append((finish, "done", rng.choice(DONE_COMMENTS)))
        elif outcome == "dropped":
            drop = max(after + dt.timedelta(days=1), held + random_days(rng, 10, span + 60))
            events.append((drop, "dropped", rng.choice(DROP_REASONS)))
        return events

    def owner_for(
        self, rng: random.Random, template: ActionTemplate, attendees: Sequence[str], office: str
    ) -> str:
        for kind in template.owners:
            options = [a for a in attendees if self.agency_kind[a] == kind]
            if options:
                return rng.choice(options)
        return office

    def pic(self, rng: random.Random, owner: str) -> str:
        titles = PIC_TITLES.get(self.agency_kind[owner], PIC_TITLES["other"])
        return f"{rng.choice(OFFICIAL_GIVEN)} {rng.choice(OFFICIAL_FAMILY)} ({rng.choice(titles)})"

    def routine_actions(
        self, rng: random.Random, plan: dict[str, Any], attendees: list[str], themes: set[str]
    ) -> list[tuple[str, str, dt.date, list[Any], Any]]:
        held: dt.date = plan["held_on"]
        region: str = plan["region"]
        candidates = [t for t in ACTION_TEMPLATES if themes & set(t.themes)]
        if plan["level"] in ("pusat", "provinsi"):
            candidates = [t for t in candidates if "{kec}" not in t.text]
        high = 4 if plan["level"] == "kecamatan" else 6
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(2, high)))
        specs = []
        for template in chosen:
            owner = self.owner_for(rng, template, attendees, plan["office"])
            kab = region[:5] if len(region) >= 5 else region
            kec = region if len(region) == 8 else self.pick_kecamatan(rng, kab)
            text = template.text.format(kec=self.names.get(kec, kec), kab=self.region_label(kab))
            due = held + random_days(rng, 14, 120)
            history = self.action_history(rng, held, due)
            specs.append((text, owner, due, history, template.operation))
        return specs

    def add_action(
        self,
        rng: random.Random,
        plan: dict[str, Any],
        mid: int,
        description: str,
        owner: str,
        due: dt.date,
        history: list[tuple[dt.date, str, str]],
        op_kind: str | None,
        attendees: list[str],
        actions: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        ops: dict[str, list[dict[str, Any]]],
    ) -> None:
        held: dt.date = plan["held_on"]
        aid = self.new_id(table_of(Action))
        office_user = self.agency_user[plan["office"]]
        owner_user = self.agency_user[owner]
        happened = [e for e in history if e[0] <= self.as_of]
        status = happened[-1][1] if happened else "open"
        completed = next((d for d, st, _ in happened if st == "done"), None)
        reason = next((c for _, st, c in happened if st == "dropped"), None)
        operation_id = None
        evidence = None
        if completed:
            evidence = f"Laporan pelaksanaan tanggal {fmt_date_id(completed)}."
            region = plan["region"]
            if op_kind and len(region) >= 5 and region[:5] in self.kecamatan_of:
                kab = region[:5]
                kanim = KANIM_OF_KAB.get(kab)
                lead = owner if self.agency_kind[owner] == "imigrasi" or not kanim else kanim.code
                members = [
                    a
                    for a in attendees
                    if self.agency_kind[a]
                    in (
                        "polri",
                        "tni",
                        "satpolpp",
                        "dukcapil",
                        "kesbangpol",
                        "unhcr",
                        "iom",
                        "pemda",
                    )
                ]
                kec = region if len(region) == 8 else None
                operation_id = self.operation(
                    rng,
                    completed,
                    op_kind,
                    kab,
                    lead,
                    [owner, *rng.sample(members, min(3, len(members)))],
                    ops,
                    kec,
                )
                evidence = f"Berita acara kegiatan tanggal {fmt_date_id(completed)}."
        actions.append(
            {
                "id": aid,
                "meeting_id": mid,
                "meeting_date": held,
                "description": description,
                "owner_agency_id": self.agency[owner],
                "person_in_charge": self.pic(rng, owner),
                "due_date": due,
                "status": status,
                "completed_on": completed,
                "drop_reason": reason,
                "evidence_text": evidence,
                "evidence_url": None,
                "operation_id": operation_id,
            }
        )
        stamp = time_on(held, rng, 13, 17)
        updates.append(
            {
                "id": self.new_id(table_of(ActionUpdate)),
                "action_id": aid,
                "changed_at": stamp,
                "username": office_user,
                "old_status": None,
                "new_status": "open",
                "changes": json.dumps(
                    {"status": [None, "open"], "due_date": [None, due.isoformat()]}
                ),
                "comment": "Dicatat dari notulen rapat.",
            }
        )
        old = "open"
        for day, new, comment in happened:
            stamp = max(stamp + dt.timedelta(minutes=5), time_on(day, rng))
            changes: dict[str, Any] = {"status": [old, new]}
            if new == "done":
                changes["completed_on"] = [None, day.isoformat()]
            if new == "dropped":
                changes["drop_reason"] = [None, comment]
            updates.append(
                {
                    "id": self.new_id(table_of(ActionUpdate)),
                    "action_id": aid,
                    "changed_at": stamp,
                    "username": owner_user,
                    "old_status": old,
                    "new_status": new,
                    "changes": json.dumps(changes),
                    "comment": comment,
                }
            )
            old = new
