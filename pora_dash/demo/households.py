"""Households layer: who arrives when, with whom, with what status, and where they stay."""

from __future__ import annotations

import datetime as dt
import random

from pora_dash.demo.base import Household, SiteInfo, Stay
from pora_dash.demo.helpers import (
    date_between,
    largest_remainder,
    pick_weighted,
    random_days,
    short_name,
)
from pora_dash.demo.records import Area
from pora_dash.demo.sites import Sites
from pora_dash.demo.tables import (
    AREA_BY_KAB,
    AREAS,
    ARRIVAL_WEIGHTS,
    BOATS,
    DEPARTURE_KINDS,
    DEPARTURES_PER_YEAR,
    HOUSEHOLD_SIZES,
    JABODETABEK,
    JAKARTA_START_AREAS,
    KANIM_OF_KAB,
    MAIN_ACTIVE,
    NATIONALITIES,
    SHELTERS,
    SPECIAL,
    STEADY_DEPARTURES,
)

D = dt.date


class Households(Sites):
    """Draws the households: the main population, the Rohingya boats, the Pekalongan cohort."""

    def arrival_date(self, rng: random.Random, before_year: int | None = None) -> dt.date:
        last = self.horizon.year if before_year is None else before_year - 1
        years = [y for y in range(2010, last + 1)]
        if not years:
            years = [2010]
        weights = [ARRIVAL_WEIGHTS.get(y, 1.0) for y in years]
        year = rng.choices(years, weights=weights)[0]
        end = min(D(year, 12, 31), self.horizon)
        return date_between(rng, D(year, 1, 1), end)

    @staticmethod
    def status_for(rng: random.Random, arrival: dt.date) -> str:
        year = arrival.year
        if year <= 2015:
            weights = {
                "refugee": 0.83,
                "asylum_seeker": 0.13,
                "rejected": 0.02,
                "not_registered": 0.01,
                "registered_pending": 0.01,
            }
        elif year <= 2018:
            weights = {
                "refugee": 0.62,
                "asylum_seeker": 0.33,
                "rejected": 0.03,
                "not_registered": 0.01,
                "registered_pending": 0.01,
            }
        elif year <= 2022:
            weights = {
                "refugee": 0.35,
                "asylum_seeker": 0.54,
                "rejected": 0.03,
                "not_registered": 0.05,
                "registered_pending": 0.03,
            }
        else:
            weights = {
                "refugee": 0.10,
                "asylum_seeker": 0.50,
                "registered_pending": 0.20,
                "not_registered": 0.20,
            }
        return str(pick_weighted(rng, weights))

    @staticmethod
    def compose(
        rng: random.Random, size: int, arrival: dt.date, ref: dt.date, rohingya: bool = False
    ) -> list[tuple[str, dt.date]]:
        """Sex and birth date of each member, head first; ages reckoned at `ref`."""

        def born(age_at: int, at: dt.date) -> dt.date:
            year = at.year - age_at
            day = date_between(rng, D(year, 1, 1), D(year, 12, 31))
            return min(day, at)

        head_age = rng.randint(16, 40) if rohingya else rng.randint(18, 45)
        head_birth = born(head_age, arrival)
        if size == 1:
            r = rng.random()
            if rohingya and r < 0.2:
                return [(rng.choice("MF"), born(rng.randint(14, 17), arrival))]
            female = r < (0.45 if rohingya else 0.05)
            return [("F" if female else "M", head_birth)]
        r = rng.random()
        if size == 2:
            kind = "couple" if r < 0.4 else ("mother" if r < 0.65 else "father")
        else:
            kind = "couple" if r < (0.45 if rohingya else 0.85) else "mother"
        if rohingya and size == 2:
            kind = "mother" if r < 0.55 else "couple"
        members: list[tuple[str, dt.date]] = []
        if kind == "couple":
            members.append(("M", head_birth))
            members.append(("F", born(max(16, head_age - rng.randint(0, 8)), arrival)))
        else:
            members.append(("F" if kind == "mother" else "M", head_birth))
        parent_age_at_ref = ref.year - head_birth.year
        for _ in range(size - len(members)):
            oldest = max(0, min(21, parent_age_at_ref - 18))
            age = rng.randint(0, oldest)
            members.append((rng.choice("MF"), born(age, ref)))
        return members

    @staticmethod
    def household_size(rng: random.Random, rohingya: bool = False) -> int:
        if rohingya:
            return int(pick_weighted(rng, {1: 0.42, 2: 0.16, 3: 0.16, 4: 0.12, 5: 0.09, 6: 0.05}))
        return int(pick_weighted(rng, HOUSEHOLD_SIZES))

    def registration(
        self, rng: random.Random, status: str, arrival: dt.date, departure: dt.date | None
    ) -> dt.date | None:
        if status in ("not_registered", "registered_pending"):
            return None
        day = arrival + random_days(rng, 7, 400)
        if departure is not None and day >= departure:
            day = arrival + (departure - arrival) // 2
        return day

    def source_for(self, rng: random.Random, status: str, kab: str, site: SiteInfo | None) -> str:
        kanim = KANIM_OF_KAB.get(kab)
        if status == "not_registered" or (site is not None and site.kind == "rudenim"):
            return kanim.code if kanim else "DITJENIM"
        r = rng.random()
        if site is not None and site.kind == "community_housing" and r < 0.18:
            return "IOM"
        if r > 0.95 and f"DUKCAPIL-{kab}" in self.agency:
            return f"DUKCAPIL-{kab}"
        return "UNHCR"

    def independent_stay(self, rng: random.Random, area: Area, start: dt.date, note: str) -> Stay:
        kec = rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
        region = self.pick_desa(rng, kec) if rng.random() < 0.4 else kec
        return Stay(start, region, None, "independent", note)

    def site_stay(self, site: SiteInfo, start: dt.date, note: str) -> Stay:
        return Stay(start, site.region, site, site.kind, note)

    def pick_area(self, rng: random.Random, nationality: str) -> Area:
        weights = []
        for area in AREAS:
            w = area.weight
            if area.kabkota == "32.01":  # Puncak: mostly Afghan (Hazara) households
                w *= 1.5 if nationality == "AFG" else 0.45
            weights.append(w)
        return rng.choices(AREAS, weights=weights)[0]

    def main_household(
        self,
        rng: random.Random,
        nationality: str,
        size: int,
        arrival: dt.date,
        departure: dt.date | None,
        lifecycle: str,
    ) -> Household:
        area = self.pick_area(rng, nationality)
        status = "refugee" if lifecycle == "resettled" else self.status_for(rng, arrival)
        end = departure or self.horizon
        first = "Kedatangan dan pendaftaran pertama"
        stays: list[Stay]
        rudenim = self.sites.get(area.rudenim or "")
        ch = self.ch_sites.get(area.kabkota, [])
        r = rng.random()
        if status in ("not_registered", "rejected") and rudenim and r < 0.12:
            stays = [self.site_stay(rudenim, arrival, "Ditempatkan di Rudenim")]
        elif ch and r < area.ch_share:
            site = rng.choices(ch, weights=[s.weight for s in ch])[0]
            roll = rng.random()
            if arrival.year <= 2018 and rudenim and roll < 0.2:
                stays = [
                    self.site_stay(rudenim, arrival, "Ditempatkan di Rudenim"),
                    self.site_stay(
                        site,
                        arrival + random_days(rng, 120, 900),
                        "Dipindahkan dari Rudenim ke community house IOM",
                    ),
                ]
            elif area.kabkota not in JABODETABEK and arrival.year <= 2019 and roll < 0.32:
                origin = AREA_BY_KAB[rng.choice(JAKARTA_START_AREAS)]
                stays = [
                    self.independent_stay(rng, origin, arrival, first),
                    self.site_stay(
                        site,
                        arrival + random_days(rng, 180, 1100),
                        f"Relokasi oleh IOM ke {short_name(self.names[area.kabkota])}",
                    ),
                ]
            else:
                stays = [self.site_stay(site, arrival, first)]
        else:
            stays = [self.independent_stay(rng, area, arrival, first)]
            if rng.random() < 0.07 and area.kabkota in JABODETABEK:
                other = AREA_BY_KAB[rng.choice(JAKARTA_START_AREAS)]
                moved = self.independent_stay(
                    rng, other, arrival + random_days(rng, 200, 3000), "Pindah domisili"
                )
                if moved.region != stays[0].region:
                    stays.append(moved)
        stays = [s for s in stays if s.start < end] or stays[:1]
        ref = departure or self.horizon
        members = self.compose(rng, size, arrival, ref)
        registered = self.registration(rng, status, arrival, departure)
        last_site = stays[-1].site
        return Household(
            nationality,
            members,
            arrival,
            stays,
            status,
            registered,
            self.source_for(rng, status, area.kabkota, last_site),
            departure,
            lifecycle if departure else "active",
        )

    def main_households(self, rng: random.Random) -> list[Household]:
        specs: list[tuple[str, int, dt.date, dt.date | None, str]] = []
        isos = [iso for iso, _, _ in NATIONALITIES]
        weights = [w for _, _, w in NATIONALITIES]
        for iso, target in zip(isos, largest_remainder(weights, MAIN_ACTIVE), strict=True):
            left = target
            while left > 0:
                size = min(self.household_size(rng), left)
                left -= size
                specs.append((iso, size, self.arrival_date(rng), None, "active"))
        for year in range(2012, self.horizon.year + 1):
            left = DEPARTURES_PER_YEAR.get(year, STEADY_DEPARTURES)
            while left > 0:
                size = min(self.household_size(rng), left)
                left -= size
                departure = date_between(rng, D(year, 1, 1), min(D(year, 12, 31), self.horizon))
                arrival = self.arrival_date(rng, before_year=year)
                if arrival >= departure - dt.timedelta(days=60):
                    arrival = departure - random_days(rng, 60, 400)
                iso = rng.choices(isos, weights=weights)[0]
                specs.append(
                    (iso, size, arrival, departure, str(pick_weighted(rng, DEPARTURE_KINDS)))
                )
        return [self.main_household(rng, *spec) for spec in specs]

    def rohingya_households(self, rng: random.Random) -> list[Household]:
        households = []
        open_shelters = [self.sites[c] for c, _, _, is_open in SHELTERS if is_open]
        for boat in BOATS:
            shelter = self.sites[boat.shelter]
            for active, count in ((True, boat.remain), (False, boat.people - boat.remain)):
                left = count
                while left > 0:
                    size = min(self.household_size(rng, rohingya=True), left)
                    left -= size
                    departure = None
                    lifecycle = "active"
                    if not active:
                        departure = min(boat.landed_on + random_days(rng, 15, 700), D(2025, 12, 31))
                        lifecycle = str(
                            pick_weighted(rng, {"unknown": 0.85, "moved": 0.10, "deceased": 0.05})
                        )
                    stays = [
                        self.site_stay(shelter, boat.landed_on, f"Pendaratan kapal di {boat.place}")
                    ]
                    if boat.transfer:
                        day, code = boat.transfer
                        stays.append(
                            self.site_stay(self.sites[code], day, "Pemindahan antarpenampungan")
                        )
                    elif active and rng.random() < 0.08:
                        other = rng.choice([s for s in open_shelters if s is not shelter])
                        day = date_between(
                            rng,
                            max(boat.landed_on, D(2024, 1, 1)) + dt.timedelta(days=30),
                            D(2025, 12, 31),
                        )
                        stays.append(self.site_stay(other, day, "Pemindahan antarpenampungan"))
                    status = str(
                        pick_weighted(
                            rng,
                            {"refugee": 0.55, "asylum_seeker": 0.35, "registered_pending": 0.10},
                        )
                    )
                    registered = None
                    if status != "registered_pending":
                        registered = boat.landed_on + random_days(rng, 20, 120)
                        if departure is not None and registered >= departure:
                            registered = None
                            status = "registered_pending"
                    # ages at landing: the children in the data arrived on the boats
                    members = self.compose(rng, size, boat.landed_on, boat.landed_on, rohingya=True)
                    kab = stays[-1].region[:5]
                    source = "UNHCR"
                    if rng.random() < 0.2 and kab in KANIM_OF_KAB:
                        source = KANIM_OF_KAB[kab].code
                    households.append(
                        Household(
                            "MMR",
                            members,
                            boat.landed_on,
                            stays,
                            status,
                            registered,
                            source,
                            departure,
                            lifecycle,
                        )
                    )
        return households

    def special_households(self, rng: random.Random) -> list[Household]:
        households = []
        for special in SPECIAL:
            members = []
            for sex, year in special.members:
                birth = date_between(rng, D(year, 1, 1), D(year, 12, 31))
                members.append((sex, birth))
            stays = []
            for i, (start, code) in enumerate(special.places):
                note = "Kedatangan dan pendaftaran pertama" if i == 0 else "Pindah domisili"
                stays.append(Stay(start, code, None, "independent", note))
            households.append(
                Household(
                    special.nationality,
                    members,
                    special.arrival,
                    stays,
                    "refugee",
                    special.registered,
                    "UNHCR",
                )
            )
        return households
