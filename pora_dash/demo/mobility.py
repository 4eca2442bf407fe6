"""Mobility layer: the recent moves of households already placed, as the field reports them.

Secondary movement out of the Aceh shelters toward Medan, Pekanbaru and Jakarta; moves between
community houses of one city; IOM relocations from around Jakarta to community houses in
other cities; placements in a Rudenim and transfers out of it to community
housing; changes of address around Jakarta. Drawn with a random stream of their own, after
every household is made, so the rest of the demo data stays as it was.
"""

from __future__ import annotations

import datetime as dt
import random

from pora_dash.demo.base import Household, SiteInfo, Stay
from pora_dash.demo.helpers import date_between, short_name
from pora_dash.demo.households import Households
from pora_dash.demo.tables import AREA_BY_KAB, JABODETABEK, JAKARTA_START_AREAS

SECONDARY = "Pergerakan sekunder dari penampungan Aceh"
BETWEEN_HOUSES = "Pemindahan antarpenampungan"
TO_RUDENIM = "Ditempatkan di Rudenim"
OUT_OF_RUDENIM = "Dipindahkan dari Rudenim ke community house IOM"
NEW_ADDRESS = "Pindah domisili"
RELOCATION = "Relokasi oleh IOM ke"
WINDOW = 900  # days before the end of the history in which these moves happen
SHELTER_ONWARD = {"12.71": 0.45, "14.71": 0.30, "31.74": 0.25}  # Medan, Pekanbaru, Jakarta Sel.


class Mobility(Households):
    def recent_moves(self, rng: random.Random, households: list[Household]) -> None:
        """Add the moves of the module docstring to the drawn households (in place)."""
        rudenim_of = {s.kabkota: s for s in self.sites.values() if s.kind == "rudenim"}
        for hh in households:
            if not hh.stays:
                continue
            last = hh.stays[-1]
            if hh.departure is not None:
                # those who left the Aceh shelters without notice mostly went on first
                if last.accommodation == "shelter" and last.region.startswith("11."):
                    self._onward(rng, hh, last, hh.departure)
                continue
            first_day = max(last.start + dt.timedelta(days=45), self.as_of - dt.timedelta(WINDOW))
            last_day = self.as_of - dt.timedelta(days=2)
            if first_day > last_day:
                continue
            day = date_between(rng, first_day, last_day)
            stay = self._next_stay(rng, hh, last, day, rudenim_of)
            if stay is not None and (stay.region, stay.site) != (last.region, last.site):
                hh.stays.append(stay)

    def _onward(self, rng: random.Random, hh: Household, last: Stay, departure: dt.date) -> None:
        """A secondary move out of an Aceh shelter, some weeks before the household left the
        records (the shelters' "unknown" departures: smuggled on toward Medan, Pekanbaru or
        Jakarta)."""
        first_day, last_day = last.start + dt.timedelta(days=20), departure - dt.timedelta(days=7)
        if first_day > last_day or hh.lifecycle not in ("unknown", "moved") or rng.random() >= 0.6:
            return
        onward = rng.choices(list(SHELTER_ONWARD), weights=list(SHELTER_ONWARD.values()))[0]
        day = date_between(rng, first_day, last_day)
        houses = self.ch_sites.get(onward, [])
        if houses and rng.random() < 0.5:
            hh.stays.append(self.site_stay(rng.choice(houses), day, SECONDARY))
        else:
            hh.stays.append(self.independent_stay(rng, AREA_BY_KAB[onward], day, SECONDARY))

    def _next_stay(
        self,
        rng: random.Random,
        hh: Household,
        last: Stay,
        day: dt.date,
        rudenim_of: dict[str, SiteInfo],
    ) -> Stay | None:
        kab = last.region[:5]
        r = rng.random()
        if last.accommodation == "community_housing":
            others = [s for s in self.ch_sites.get(kab, []) if s is not last.site]
            if others and r < 0.06:
                return self.site_stay(rng.choice(others), day, BETWEEN_HOUSES)
            return None
        if last.accommodation == "rudenim":
            houses = self.ch_sites.get(kab, [])
            if hh.status in ("refugee", "asylum_seeker") and houses and r < 0.3:
                return self.site_stay(rng.choice(houses), day, OUT_OF_RUDENIM)
            return None
        if hh.status in ("not_registered", "rejected") and kab in rudenim_of and r < 0.25:
            return self.site_stay(rudenim_of[kab], day, TO_RUDENIM)
        if kab in JABODETABEK and hh.status == "refugee" and r < 0.08:
            cities = [k for k, houses in self.ch_sites.items() if houses and k not in JABODETABEK]
            if cities:
                city = rng.choice(sorted(cities))
                note = f"{RELOCATION} {short_name(self.names[city])}"
                return self.site_stay(rng.choice(self.ch_sites[city]), day, note)
        if kab in JABODETABEK and r < 0.13:
            other = AREA_BY_KAB[rng.choice(JAKARTA_START_AREAS)]
            return self.independent_stay(rng, other, day, NEW_ADDRESS)
        return None
