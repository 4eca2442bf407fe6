"""Incidents layer: protests, tensions, permit violations, emergencies and arrivals, with the
Jakarta Pusat encampment of 2019, the 2024 elections and the Rohingya boats in Aceh."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pora_dash.demo.helpers import date_between, pick_weighted, placed, table_of
from pora_dash.demo.people import People
from pora_dash.demo.tables import AREAS, BOATS, INCIDENT_TEXT, KANIM_OF_KAB
from pora_dash.store.models import Incident

D = dt.date


class Incidents(People):
    """Adds the incidents (and keeps a log of them for the minutes)."""

    def incident(
        self,
        rng: random.Random,
        day: dt.date,
        kind: str,
        region: str,
        severity: int,
        people: int | None,
        text: str,
        source: str,
    ) -> dict[str, Any]:
        lat, lng = self.point(rng, region)
        kab = region[:5]
        if source not in self.agency:
            source = KANIM_OF_KAB[kab].code if kab in KANIM_OF_KAB else "UNHCR"
        self.incident_log.append((day, kind, kab))
        return {
            "occurred_on": day,
            "kind": kind,
            "severity": severity,
            "people_involved": people,
            "description": text,
            "source_agency_id": self.agency[source],
            "lat": lat,
            "lng": lng,
            **placed(region),
        }

    def incident_rows(self) -> list[dict[str, Any]]:
        rng = self.rng("incidents")
        rows: list[dict[str, Any]] = []
        as_of = self.as_of
        area_weights = {a.kabkota: a.weight for a in AREAS}
        kebon_sirih = [
            d
            for d in self.desa.get("31.71.06", ([], []))[0]
            if self.names.get(d, "").startswith("Kebon Sirih")
        ]
        protest_spot = kebon_sirih[0] if kebon_sirih else "31.71.06"

        def text(kind: str, n: int | None = None) -> str:
            return rng.choice(INCIDENT_TEXT[kind]).format(n=n or "")

        def where(kab: str) -> str:
            kec = self.pick_kecamatan(rng, kab)
            return self.pick_desa(rng, kec) if rng.random() < 0.4 else kec

        def some_day(
            year: int, start: dt.date | None = None, end: dt.date | None = None
        ) -> dt.date:
            return date_between(rng, start or D(year, 1, 1), end or D(year, 12, 31))

        # The former UNHCR office area in Jakarta Pusat: the 2019 encampment, then protests.
        camp = D(2019, 7, 3)
        rows.append(
            self.incident(
                rng,
                camp,
                "protest",
                protest_spot,
                3,
                1100,
                "Ratusan pencari suaka dan pengungsi berkemah di trotoar Jl. Kebon Sirih menuntut "
                "kejelasan status; dipindahkan ke penampungan sementara di Kalideres.",
                "SATPOLPP-31.71",
            )
        )
        protests_jakpus = {2019: 6, 2020: 2, 2021: 8, 2022: 8, 2023: 6, 2024: 5, 2025: 4}
        protests_cities = {2019: 2, 2020: 1, 2021: 7, 2022: 8, 2023: 3, 2024: 2, 2025: 2}
        protest_cities = ("12.71", "73.71", "14.71", "21.71", "21.72", "53.71", "35.15")
        for year in range(2019, as_of.year + 1):
            for _ in range(protests_jakpus.get(year, 3)):
                spot = rng.choices(
                    [protest_spot, "31.71.06", "31.71.01", "31.71.07"], weights=[60, 15, 10, 15]
                )[0]
                n = rng.randint(20, 300)
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "protest",
                        spot,
                        3 if n > 200 else rng.choice((1, 2)),
                        n,
                        text("protest", n),
                        "POLRI-31.71",
                    )
                )
            for _ in range(protests_cities.get(year, 2)):
                kab = rng.choice(protest_cities)
                n = rng.randint(15, 250)
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "protest",
                        where(kab),
                        2 if n > 100 else 1,
                        n,
                        text("protest", n),
                        f"POLRI-{kab}",
                    )
                )
            kinds = {
                "tension": 10,
                "permit_violation": 15,
                "emergency": 5,
                "other": 4,
                "new_arrivals": 2,
            }
            for kind, count in kinds.items():
                for _ in range(count):
                    kab = pick_weighted(rng, area_weights)
                    n = rng.randint(1, 12) if kind != "other" else rng.randint(10, 120)
                    source = {
                        "tension": f"KESBANGPOL-{kab}",
                        "permit_violation": "",
                        "emergency": "IOM",
                        "other": "UNHCR",
                        "new_arrivals": f"POLRI-{kab}",
                    }[kind]
                    severity = (
                        rng.choice((1, 1, 2)) if kind != "emergency" else rng.choice((1, 2, 3))
                    )
                    rows.append(
                        self.incident(
                            rng,
                            some_day(year),
                            kind,
                            where(kab),
                            severity,
                            n,
                            text(kind, n),
                            source,
                        )
                    )
        # Elections: more tension reports, above all in Jakarta Timur during the 2024 campaign.
        pilkada = [("31.75", 8), ("31.73", 2), ("32.01", 2), ("12.71", 1), ("73.71", 1)]
        for kab, count in pilkada:
            for _ in range(count):
                rows.append(
                    self.incident(
                        rng,
                        some_day(2024, D(2024, 9, 25), D(2024, 11, 30)),
                        "tension",
                        where(kab),
                        rng.choice((1, 2, 2)),
                        rng.randint(3, 40),
                        rng.choice(INCIDENT_TEXT["tension"][3:]),
                        f"KESBANGPOL-{kab}",
                    )
                )
        for kab in ("31.75", "31.74", "32.01"):
            rows.append(
                self.incident(
                    rng,
                    some_day(2024, D(2024, 1, 10), D(2024, 2, 20)),
                    "tension",
                    where(kab),
                    1,
                    rng.randint(3, 20),
                    INCIDENT_TEXT["tension"][4],
                    f"KESBANGPOL-{kab}",
                )
            )
        # Rohingya boats in Aceh, and what followed.
        for boat in BOATS:
            rows.append(
                self.incident(
                    rng,
                    boat.landed_on,
                    "new_arrivals",
                    boat.kecamatan,
                    3 if boat.people >= 150 else 2,
                    boat.people,
                    f"Kapal membawa {boat.people} pengungsi Rohingya mendarat di {boat.place}; "
                    "sebagian besar perempuan dan anak-anak. Ditampung sementara bersama UNHCR, IOM "
                    "dan Pemda.",
                    f"POLRI-{boat.kecamatan[:5]}",
                )
            )
        rows.append(
            self.incident(
                rng,
                D(2023, 11, 17),
                "tension",
                "11.07.12",
                2,
                250,
                "Sebagian warga menolak pendaratan pengungsi Rohingya; pengungsi sempat diminta "
                "kembali ke kapal sebelum ditampung sementara.",
                "POLRI-11.07",
            )
        )
        rows.append(
            self.incident(
                rng,
                D(2023, 12, 27),
                "tension",
                "11.71.02",
                3,
                137,
                "Sekelompok mahasiswa mendatangi penampungan di Balai Meuseuraya Aceh dan menuntut "
                "pemindahan pengungsi Rohingya; pengungsi dievakuasi aparat.",
                "POLRI-11.71",
            )
        )
        rows.append(
            self.incident(
                rng,
                D(2024, 3, 21),
                "emergency",
                "11.05.01",
                3,
                75,
                "Kapal pengungsi Rohingya terbalik di perairan Aceh Barat; penyelamatan oleh Basarnas "
                "dan nelayan.",
                "POLRI-11.05",
            )
        )
        for year in (2024, 2025):
            for _ in range(6):
                shelter = self.sites[rng.choice(("SH-PIDIE", "SH-LSM", "SH-ABES", "SH-ATIM"))]
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "permit_violation",
                        shelter.region,
                        2,
                        rng.randint(5, 60),
                        "Sejumlah pengungsi Rohingya meninggalkan penampungan tanpa izin; diduga "
                        "hendak menyeberang ke Malaysia.",
                        KANIM_OF_KAB[shelter.kabkota].code,
                    )
                )
        rows = [r for r in rows if r["occurred_on"] <= as_of]
        self.incident_log = [e for e in self.incident_log if e[0] <= as_of]
        rows.sort(key=lambda r: (r["occurred_on"], r["region_code"], r["kind"]))
        for row in rows:
            row["id"] = self.new_id(table_of(Incident))
        return rows
