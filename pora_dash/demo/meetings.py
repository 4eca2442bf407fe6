"""Meetings layer: which rakor are held when, by whom, with whom, and their insertion with
their actions (the named meetings from the reports, and routine ones)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from pora_dash.demo.helpers import placed, table_of
from pora_dash.demo.minutes import Minutes
from pora_dash.demo.records import NamedMeeting
from pora_dash.demo.tables import (
    ACEH_KABS,
    AREA_BY_KAB,
    AREAS,
    EX_PEKALONGAN,
    KANIM_OF_KAB,
    KANIMS,
    KECAMATAN_TEAMS,
    NAMED_MEETINGS,
    SIRAMPOG,
)
from pora_dash.store.models import (
    Action,
    ActionUpdate,
    Meeting,
    MeetingAgency,
    Operation,
    OperationAgency,
    OperationFinding,
)

D = dt.date


class Meetings(Minutes):
    """Plans the meetings, picks their attendees and themes, and inserts them with their actions."""

    def meeting_plan(self) -> list[dict[str, Any]]:
        """Every meeting: the named ones and routine rakor, ~quarterly per office, 2022 on."""
        rng = self.rng("meetings")
        limit = self.as_of + dt.timedelta(days=30)  # a few planned meetings ahead
        plan: list[dict[str, Any]] = []
        named_quarters = set()
        for named in NAMED_MEETINGS:
            if named.held_on <= self.as_of:
                plan.append(
                    {
                        "named": named,
                        "held_on": named.held_on,
                        "level": named.level,
                        "office": named.office,
                        "region": named.region,
                    }
                )
                named_quarters.add(
                    (named.office, named.held_on.year, (named.held_on.month - 1) // 3)
                )
        quarters = [(y, q) for y in range(2022, limit.year + 1) for q in range(4)]

        def day_in(year: int, months: Sequence[int]) -> dt.date:
            month = rng.choice(months)
            return D(year, month, rng.randint(3, 26))

        for kanim in KANIMS:
            kabs = [
                k
                for k in kanim.covers
                if k in AREA_BY_KAB or k in ACEH_KABS or k in EX_PEKALONGAN or k == "73.72"
            ]
            if not kabs:
                continue
            weight = sum(AREA_BY_KAB[k].weight for k in kabs if k in AREA_BY_KAB)
            if weight >= 150 or kabs[0] in ACEH_KABS:
                per_year = 4
            elif weight >= 30 or kabs[0] in EX_PEKALONGAN:
                per_year = 2
            else:
                per_year = 1
            for i, (year, q) in enumerate(quarters):
                if per_year == 2 and q % 2 == 1 or per_year == 1 and q != 1:
                    continue
                if (kanim.code, year, q) in named_quarters:
                    continue
                kab = kabs[i % len(kabs)]
                plan.append(
                    {
                        "held_on": day_in(year, range(3 * q + 1, 3 * q + 4)),
                        "level": "kabkota",
                        "office": kanim.code,
                        "region": kab,
                    }
                )
        for kec in KECAMATAN_TEAMS:
            kanim = KANIM_OF_KAB[kec[:5]]
            for year in range(2022, limit.year + 1):
                for months in ((3, 4, 5), (9, 10, 11)):
                    day = day_in(year, months)
                    if kec == SIRAMPOG and day < D(2024, 10, 20):
                        continue  # the kecamatan team was formed after the Brebes rakor
                    if kec[:2] == "11" and day < D(2024, 1, 1):
                        continue
                    plan.append(
                        {"held_on": day, "level": "kecamatan", "office": kanim.code, "region": kec}
                    )
        provinces = sorted({a.kabkota[:2] for a in AREAS if a.weight >= 150} | {"11", "33"})
        for prov in provinces:
            for year in range(2022, limit.year + 1):
                for half in ((2, 3, 4), (8, 9, 10)):
                    plan.append(
                        {
                            "held_on": day_in(year, half),
                            "level": "provinsi",
                            "office": f"KANWIL-IMIGRASI-{prov}",
                            "region": prov,
                        }
                    )
        for year in range(2022, limit.year + 1):
            for office, period in (("KEMENKOPOLHUKAM", (3, 4)), ("DITJENIM", (10, 11))):
                plan.append(
                    {
                        "held_on": day_in(year, period),
                        "level": "pusat",
                        "office": office,
                        "region": "31.71",
                    }
                )
        plan = [m for m in plan if m["held_on"] <= limit]
        plan.sort(key=lambda m: (m["held_on"], m["level"], m["region"], m["office"]))
        return plan

    def attendees(self, rng: random.Random, meeting: dict[str, Any]) -> list[str]:
        level, region, office = meeting["level"], meeting["region"], meeting["office"]
        codes = [office]
        if level == "pusat":
            codes += [
                "DITJENIM",
                "KEMENKOPOLHUKAM",
                "SATGAS-PPLN",
                "UNHCR",
                "IOM",
                "DITJEN-DUKCAPIL",
                "DITJEN-POLPUM",
            ]
            codes += rng.sample(
                ["BAHARKAM", "BAIS-TNI", "KEMENLU", "BIN", "KEMENSOS", "KEJAGUNG", "DITWASDAKIM"], 4
            )
        elif level == "provinsi":
            codes += [f"{k}-{region}" for k in ("KESBANGPOL", "POLRI", "TNI", "DUKCAPIL", "PEMDA")]
            codes += [k.code for k in KANIMS if k.region[:2] == region]
            codes += ["UNHCR", "IOM"]
        elif level == "kabkota":
            codes += self.agencies_in(
                region, ("kesbangpol", "polri", "tni", "satpolpp", "dukcapil", "kejaksaan")
            )
            codes += rng.sample(
                self.agencies_in(region, ("dinsos", "disnaker", "beacukai", "pemda")), 2
            )
            if rng.random() < 0.4:
                codes.append(f"KANWIL-IMIGRASI-{region[:2]}")
            if rng.random() < 0.5 or region[:2] == "11":
                codes.append("UNHCR")
            if self.ch_sites.get(region) or region[:2] == "11":
                codes.append("IOM")
            codes += [f"CAMAT-{k}" for k in KECAMATAN_TEAMS if k.startswith(region)]
        else:
            kab = region[:5]
            codes += [f"CAMAT-{region}"]
            codes += self.agencies_in(kab, ("kesbangpol", "polri", "tni", "satpolpp"))
            if rng.random() < 0.5:
                codes.append(f"DUKCAPIL-{kab}")
        return [c for c in dict.fromkeys(codes) if c in self.agency]

    def themes(self, meeting: dict[str, Any]) -> set[str]:
        day, region = meeting["held_on"], meeting["region"]
        themes = {"umum"}
        kab = region[:5]
        if (
            self.ch_sites.get(kab)
            or meeting["level"] != "kecamatan"
            and region[:2] in ("12", "14", "21", "73")
        ):
            themes.add("hunian")
        if region[:2] == "11" and day >= D(2023, 11, 14):
            themes = {"rohingya", "keamanan"}
        if region[:2] in ("11", "21", "53", "73"):
            themes.add("pesisir")
        if kab == "31.71":
            themes.add("berkumpul")
        if D(2024, 6, 1) <= day <= D(2024, 11, 27):
            themes.add("pilkada")
        if day >= D(2025, 1, 1):
            themes.add("data")
        return themes

    def insert_meetings(self, ops: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng("actions")
        meetings: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        actions: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for plan in self.meeting_plan():
            mid = self.new_id(table_of(Meeting))
            held: dt.date = plan["held_on"]
            named: NamedMeeting | None = plan.get("named")
            themes = self.themes(plan)
            if named:
                attendees = [a for a in named.attendees if a in self.agency]
                year_protests = sum(
                    1
                    for day, kind, kab in self.incident_log
                    if kab == "31.71"
                    and kind == "protest"
                    and day.year == held.year
                    and day <= held
                )
                minutes = named.minutes.format(
                    count_sentence=self.count_sentence(named.region, held),
                    incident_sentence=f"Sepanjang {held.year} hingga rapat ini tercatat "
                    f"{year_protests} kejadian unjuk rasa dan berkumpulnya "
                    "pencari suaka di Jakarta Pusat.",
                )
                title, venue, agenda = named.title, named.venue, named.agenda
            else:
                attendees = self.attendees(rng, plan)
                title, venue, agenda, minutes_or_none = self.routine_texts(rng, plan, themes)
                minutes = minutes_or_none or ""
            meetings.append(
                {
                    "id": mid,
                    "level": plan["level"],
                    "office_agency_id": self.agency[plan["office"]],
                    "held_on": held,
                    "venue": venue,
                    "title": title,
                    "agenda": agenda,
                    "minutes": minutes or None,
                    **placed(plan["region"]),
                }
            )
            links += [{"meeting_id": mid, "agency_id": self.agency[a]} for a in attendees]
            if held > self.as_of:
                continue  # a planned meeting: no decisions yet
            if named:
                specs = [
                    (
                        a.description,
                        a.owner,
                        held + dt.timedelta(days=a.due_days),
                        [(held + dt.timedelta(days=d), st, c) for d, st, c in a.history],
                        a.operation,
                    )
                    for a in named.actions
                ]
            else:
                specs = self.routine_actions(rng, plan, attendees, themes)
            for description, owner, due, history, op_kind in specs:
                self.add_action(
                    rng,
                    plan,
                    mid,
                    description,
                    owner,
                    due,
                    history,
                    op_kind,
                    attendees,
                    actions,
                    updates,
                    ops,
                )
        self.insert(table_of(Meeting), meetings)
        self.insert(table_of(MeetingAgency), links)
        self.insert(table_of(Operation), ops["operations"])
        self.insert(table_of(OperationAgency), ops["agencies"])
        self.insert(table_of(OperationFinding), ops["findings"])
        self.insert(table_of(Action), actions)
        self.insert(table_of(ActionUpdate), updates)
