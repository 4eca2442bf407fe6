"""The generator's foundation: its random streams, explicit ids, chunked inserts, and the
records it keeps while it runs (sites, stays, households, presence per month)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from pora_dash.demo.tables import REFERENCE_END

CHUNK = 5000  # rows per INSERT, and persons generated before they are written


@dataclass
class SiteInfo:
    """A site as the generator knows it: id, code, kind, where, and its pull among its kind."""

    id: int
    code: str
    kind: str
    kabkota: str
    region: str
    weight: float = 1.0


@dataclass
class Stay:
    """Where a household lives from `start` on (a site, or independently), and why it moved."""

    start: dt.date
    region: str
    site: SiteInfo | None
    accommodation: str
    note: str


@dataclass
class Household:
    """A drawn household: members, arrival, stays, status, source agency, and how it left."""

    nationality: str
    members: list[tuple[str, dt.date]]  # (sex, birth date), head first
    arrival: dt.date
    stays: list[Stay]
    status: str
    registered: dt.date | None
    source: str  # agency code
    departure: dt.date | None = None
    lifecycle: str = "active"


@dataclass
class Presence:
    """Arrivals and departures per month per kecamatan, for the figures quoted in minutes."""

    start_year: int
    months: int
    arrivals: dict[str, list[int]] = field(default_factory=dict)
    departures: dict[str, list[int]] = field(default_factory=dict)
    present: dict[str, list[int]] = field(default_factory=dict)

    def index(self, day: dt.date) -> int:
        return min(self.months - 1, max(0, (day.year - self.start_year) * 12 + day.month - 1))

    def add(self, kecamatan: str, arrival: dt.date, departure: dt.date | None) -> None:
        if kecamatan not in self.arrivals:
            self.arrivals[kecamatan] = [0] * self.months
            self.departures[kecamatan] = [0] * self.months
        self.arrivals[kecamatan][self.index(arrival)] += 1
        if departure is not None:
            self.departures[kecamatan][self.index(departure)] += 1

    def active(self, prefix: str, day: dt.date) -> int:
        """People present at the end of `day`'s month in regions under `prefix` ("" = all)."""
        if len(self.present) != len(self.arrivals):
            self.present = {
                kec: list(accumulate(a - d for a, d in zip(arr, self.departures[kec], strict=True)))
                for kec, arr in self.arrivals.items()
            }
        last = self.index(day)
        return sum(counts[last] for kec, counts in self.present.items() if kec.startswith(prefix))


class Generator:
    """State of one run: the session, scale, seed and reference date, and what each layer
    has inserted so far (names, agencies, sites, occupancy, presence, incidents)."""

    def __init__(self, session: Session, *, scale: int, seed: int, as_of: dt.date) -> None:
        self.s = session
        self.scale = scale
        self.seed = seed
        self.as_of = as_of
        self.horizon = max(as_of, REFERENCE_END)
        self.names: dict[str, str] = {}
        self.kecamatan_of: dict[str, list[str]] = defaultdict(list)  # kab -> kecamatan codes
        self.desa: dict[str, tuple[list[str], list[float]]] = {}
        self.agency: dict[str, int] = {}
        self.agency_kind: dict[str, str] = {}
        self.agency_user: dict[str, str] = {}
        self.sites: dict[str, SiteInfo] = {}
        self.ch_sites: dict[str, list[SiteInfo]] = defaultdict(list)
        self.occupancy: Counter[int] = Counter()
        self.presence = Presence(2010, (self.horizon.year - 2010 + 1) * 12)
        self.case_serial: Counter[int] = Counter()
        self.next_id: dict[str, int] = {}
        self.tables: dict[str, Table] = {}
        self.incident_log: list[tuple[dt.date, str, str]] = []  # (day, kind, kabkota)

    def rng(self, name: str) -> random.Random:
        return random.Random(f"pora-demo:{self.seed}:{name}")

    def new_id(self, table: Table) -> int:
        key = table.name
        self.tables[key] = table
        if key not in self.next_id:
            self.next_id[key] = int(self.s.scalar(select(func.max(table.c.id))) or 0) + 1
        value = self.next_id[key]
        self.next_id[key] = value + 1
        return value

    def sync_sequences(self) -> None:
        """On PostgreSQL, move the id sequences past the explicit ids inserted here."""
        if self.s.get_bind().dialect.name != "postgresql":
            return
        for name in sorted(self.tables):
            table = self.tables[name]
            last = select(func.max(table.c.id)).scalar_subquery()
            self.s.execute(select(func.setval(func.pg_get_serial_sequence(name, "id"), last)))

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), CHUNK):
            self.s.execute(insert(table), rows[start : start + CHUNK])
