"""The kinds of row in the demo's literal tables, each with how it is read from its JSON object
(dates as ISO strings, tuples as arrays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

D = dt.date


@dataclass(frozen=True)
class Area:
    """A hosting kab/kota: its share of the active population, the share of households in IOM
    community housing, where in it people live (kecamatan suffix -> weight), its Rudenim."""

    kabkota: str
    weight: float
    ch_share: float
    kecamatan: dict[str, float]
    rudenim: str | None

    def kec_codes(self) -> list[str]:
        return [f"{self.kabkota}.{s}" for s in self.kecamatan]

    def kec_weights(self) -> list[float]:
        return list(self.kecamatan.values())

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Area:
        return cls(raw["kabkota"], raw["weight"], raw["ch_share"], raw["kecamatan"], raw["rudenim"])


@dataclass(frozen=True)
class Boat:
    """A Rohingya boat landing: how many landed, how many remain, where they were sheltered."""

    landed_on: dt.date
    kecamatan: str
    people: int
    remain: int
    shelter: str
    transfer: tuple[dt.date, str] | None = None  # everyone moved to another shelter then
    place: str = ""

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Boat:
        transfer = raw["transfer"]
        return cls(
            D.fromisoformat(raw["landed_on"]),
            raw["kecamatan"],
            raw["people"],
            raw["remain"],
            raw["shelter"],
            (D.fromisoformat(transfer[0]), transfer[1]) if transfer else None,
            raw["place"],
        )


@dataclass(frozen=True)
class SpecialHousehold:
    """A household of the exact cohort in the former Karesidenan Pekalongan."""

    nationality: str
    # (sex, birth year) per member, head first
    members: tuple[tuple[str, int], ...]
    arrival: dt.date
    registered: dt.date
    # places: (from date, region code); the first from the arrival date
    places: tuple[tuple[dt.date, str], ...]

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SpecialHousehold:
        return cls(
            raw["nationality"],
            tuple((sex, year) for sex, year in raw["members"]),
            D.fromisoformat(raw["arrival"]),
            D.fromisoformat(raw["registered"]),
            tuple((D.fromisoformat(start), code) for start, code in raw["places"]),
        )


@dataclass(frozen=True)
class Kanim:
    """A Kantor Imigrasi: the office that leads the Tim PORA of the kab/kota it covers."""

    region: str
    name: str
    slug: str
    covers: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"IMIGRASI-{self.region}"

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Kanim:
        return cls(raw["region"], raw["name"], raw["slug"], tuple(raw["covers"]))


@dataclass(frozen=True)
class PlannedAction:
    """An action of a named meeting: what, who, when due, and how it went (days after the
    meeting: (day, status, comment)); cut at the reference date like everything else."""

    description: str
    owner: str
    due_days: int
    history: tuple[tuple[int, str, str], ...]
    operation: str | None = None  # kind of the field operation that carried it out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> PlannedAction:
        return cls(
            raw["description"],
            raw["owner"],
            raw["due_days"],
            tuple((day, status, comment) for day, status, comment in raw["history"]),
            raw["operation"],
        )


@dataclass(frozen=True)
class NamedMeeting:
    """A meeting from the meeting reports: its minutes may hold `{count_sentence}` and
    `{incident_sentence}`, filled from the generated data."""

    held_on: dt.date
    level: str
    office: str
    region: str
    venue: str
    title: str
    agenda: str
    minutes: str
    attendees: tuple[str, ...]
    actions: tuple[PlannedAction, ...]

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> NamedMeeting:
        return cls(
            D.fromisoformat(raw["held_on"]),
            raw["level"],
            raw["office"],
            raw["region"],
            raw["venue"],
            raw["title"],
            raw["agenda"],
            raw["minutes"],
            tuple(raw["attendees"]),
            tuple(PlannedAction.from_json(a) for a in raw["actions"]),
        )


@dataclass(frozen=True)
class ActionTemplate:
    """A routine follow-up: text ({kec}, {kab}), owner kinds in order of preference, the kind
    of field operation that carries it out (if any), and the themes it belongs to."""

    text: str
    owners: tuple[str, ...]
    operation: str | None
    themes: tuple[str, ...]

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ActionTemplate:
        return cls(raw["text"], tuple(raw["owners"]), raw["operation"], tuple(raw["themes"]))
