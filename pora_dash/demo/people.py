"""People layer: the persons and their movements, inserted in chunks one scale unit at a
time."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pora_dash.demo.base import CHUNK, Household, Stay
from pora_dash.demo.helpers import placed, random_days, table_of, time_on
from pora_dash.demo.mobility import Mobility
from pora_dash.demo.tables import GROUP_OF, NAMES
from pora_dash.store.models import Movement, Person

# Prefix of a person's reference in the source agency's records, by agency kind.
_SOURCE_PREFIX = {"unhcr": "UNHCR-IDN", "iom": "IOM-CH", "imigrasi": "SIMKIM", "dukcapil": "SIAK"}


class People(Mobility):
    """Adds the persons and their movements from the households, one scale unit at a time."""

    def case_number(self, registered: dt.date) -> str:
        yy = registered.year % 100
        self.case_serial[yy] += 1
        return f"354-{yy:02d}C{self.case_serial[yy]:05d}"

    def last_verified(
        self, rng: random.Random, arrival: dt.date, departure: dt.date | None
    ) -> dt.date | None:
        if departure is not None:
            if rng.random() < 0.1:
                return None
            return max(arrival, departure - random_days(rng, 0, 300))
        r = rng.random()
        if r < 0.05:
            return None
        if r < 0.67:
            ago = rng.randint(0, 180)
        elif r < 0.92:
            ago = rng.randint(181, 365)
        else:
            ago = rng.randint(366, 1000)
        return max(arrival, self.as_of - dt.timedelta(days=ago))

    def emit(
        self,
        rng: random.Random,
        hh: Household,
        persons: list[dict[str, Any]],
        moves: list[dict[str, Any]],
    ) -> None:
        as_of = self.as_of
        if hh.arrival > as_of:
            return
        departed = hh.departure is not None and hh.departure <= as_of
        end = hh.departure if departed and hh.departure else as_of
        registered = hh.registered if hh.registered and hh.registered <= end else None
        case = self.case_number(registered) if registered else None
        _male, _female, families = NAMES[GROUP_OF[hh.nationality]]
        family = rng.choice(families)
        person_table = table_of(Person)
        move_table = table_of(Movement)
        for index, (sex, birth) in enumerate(hh.members):
            arrival = max(hh.arrival, birth)
            if arrival > end:
                continue
            status = hh.status
            reg = None
            if registered:
                reg = registered if arrival <= registered else arrival + random_days(rng, 20, 300)
                if reg > end:
                    reg = None
                    status = "registered_pending"
            elif status in ("refugee", "asylum_seeker", "rejected"):
                status = "registered_pending"
            document = None
            if reg and status in ("refugee", "asylum_seeker", "rejected") and case:
                document = f"{case}-{index + 1:02d}"
            pid = self.new_id(person_table)
            # where the member was at arrival, then every later move up to the end
            current = max(i for i, stay in enumerate(hh.stays) if stay.start <= arrival)
            previous: Stay | None = None
            born_here = birth > hh.arrival
            for stay in [hh.stays[current]] + [
                s for s in hh.stays[current + 1 :] if arrival < s.start <= end
            ]:
                moves.append(
                    {
                        "id": self.new_id(move_table),
                        "person_id": pid,
                        "moved_on": arrival if previous is None else stay.start,
                        "from_region_code": previous.region if previous else None,
                        "to_region_code": stay.region,
                        "to_kecamatan_code": stay.region[:8],
                        "from_site_id": previous.site.id if previous and previous.site else None,
                        "to_site_id": stay.site.id if stay.site else None,
                        "note": "Lahir di Indonesia"
                        if previous is None and born_here
                        else stay.note,
                    }
                )
                previous = stay
            assert previous is not None
            last_move = moves[-1]["moved_on"]
            given = NAMES[GROUP_OF[hh.nationality]][0 if sex == "M" else 1]
            verified = self.last_verified(rng, arrival, hh.departure if departed else None)
            stamps = [
                d
                for d in (arrival, last_move, reg, verified, hh.departure if departed else None)
                if d
            ]
            if not departed and previous.site is not None:
                self.occupancy[previous.site.id] += 1
            self.presence.add(previous.region[:8], arrival, hh.departure if departed else None)
            persons.append(
                {
                    "id": pid,
                    "source_agency_id": self.agency[hh.source],
                    "source_ref": f"{_SOURCE_PREFIX.get(self.agency_kind[hh.source], 'REF')}-"
                    f"{pid:08d}",
                    "full_name": f"{rng.choice(given)} {family}",
                    "document_number": document,
                    "case_number": case,
                    "nationality": hh.nationality,
                    "unhcr_status": status,
                    "sex": sex,
                    "birth_year": birth.year,
                    "arrival_date": arrival,
                    "registered_on": reg,
                    "site_id": previous.site.id if previous.site else None,
                    "accommodation": previous.accommodation,
                    "lifecycle": hh.lifecycle if departed else "active",
                    "lifecycle_date": hh.departure if departed else None,
                    "last_verified_on": verified,
                    "updated_at": time_on(max(stamps), rng),
                    **placed(previous.region),
                }
            )

    def flush(self, persons: list[dict[str, Any]], moves: list[dict[str, Any]]) -> None:
        self.insert(table_of(Person), persons)
        self.insert(table_of(Movement), moves)
        persons.clear()
        moves.clear()

    def insert_people(self) -> int:
        count = 0
        for unit in range(self.scale):
            rng = self.rng(f"people:{unit}")
            households = self.main_households(rng) + self.rohingya_households(rng)
            self.recent_moves(self.rng(f"moves:{unit}"), households)
            households += self.special_households(rng)
            order = sorted(range(len(households)), key=lambda i: (households[i].arrival, i))
            persons: list[dict[str, Any]] = []
            moves: list[dict[str, Any]] = []
            for i in order:
                self.emit(rng, households[i], persons, moves)
                if len(persons) >= CHUNK:
                    count += len(persons)
                    self.flush(persons, moves)
            count += len(persons)
            self.flush(persons, moves)
        return count
