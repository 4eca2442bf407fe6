"""Sites layer: Rudenim, Rohingya shelters and IOM community houses, and their capacities."""

from __future__ import annotations

import math
import random
from typing import Any

from sqlalchemy import bindparam, select, update

from pora_dash.demo.agencies import Agencies
from pora_dash.demo.base import SiteInfo
from pora_dash.demo.helpers import placed, short_name, table_of
from pora_dash.demo.tables import AREAS, CH_NAMES, KEC_POINTS, MAIN_ACTIVE, RUDENIM, SHELTERS
from pora_dash.store.models import Site


class Sites(Agencies):
    """Inserts the accommodation sites, and sets their capacity once the people are in."""

    def point(self, rng: random.Random, code: str, spread: float = 0.008) -> tuple[Any, Any]:
        base = KEC_POINTS.get(code[:8])
        if base is None:
            return None, None
        lat = round(base[0] + rng.uniform(-spread, spread), 5)
        lng = round(base[1] + rng.uniform(-spread, spread), 5)
        return lat, lng

    def insert_sites(self) -> None:
        rng = self.rng("sites")
        table = table_of(Site)
        rows: list[dict[str, Any]] = []
        existing = {code: sid for code, sid in self.s.execute(select(Site.code, Site.id))}

        def add(
            code: str,
            name: str,
            kind: str,
            region: str,
            capacity: int | None,
            operator: str,
            is_open: bool = True,
            weight: float = 1.0,
        ) -> SiteInfo:
            lat, lng = self.point(rng, region)
            sid = existing.get(code) or self.new_id(table)
            info = SiteInfo(sid, code, kind, region[:5], region, weight)
            self.sites[code] = info
            if code not in existing:
                rows.append(
                    {
                        "id": sid,
                        "code": code,
                        "name": name,
                        "kind": kind,
                        "capacity": capacity,
                        "operator_agency_id": self.agency[operator],
                        "lat": lat,
                        "lng": lng,
                        "is_open": is_open,
                        **placed(region),
                    }
                )
            return info

        for code, name, kec, capacity in RUDENIM:
            add(code, name, "rudenim", kec, capacity * self.scale, code)
        for code, name, kec, is_open in SHELTERS:
            add(code, name, "shelter", kec, None, "UNHCR", is_open)
        total_weight = sum(a.weight for a in AREAS)
        for area in AREAS:
            expected = area.weight / total_weight * MAIN_ACTIVE * area.ch_share
            if expected < 1:
                continue
            count = max(1, round(expected / 110))
            city = short_name(self.names[area.kabkota])
            for i, label in enumerate(rng.sample(CH_NAMES, count), start=1):
                kec = rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
                region = self.pick_desa(rng, kec) if rng.random() < 0.7 else kec
                info = add(
                    f"CH-{area.kabkota}-{i:02d}",
                    f"Community House {label} {city}",
                    "community_housing",
                    region,
                    None,
                    "IOM",
                    weight=rng.uniform(0.5, 1.5),
                )
                self.ch_sites[area.kabkota].append(info)
        self.insert(table, rows)

    def update_capacities(self) -> None:
        """Capacities from the active occupancy: mostly below it, a couple of houses full."""
        rng = self.rng("capacity")
        rows = []
        fillable = [
            s
            for s in self.sites.values()
            if s.kind == "community_housing" and self.occupancy[s.id] >= 20 * self.scale
        ]
        full = {s.id for s in rng.sample(fillable, min(2, len(fillable)))}
        for site in sorted(self.sites.values(), key=lambda s: s.id):
            if site.kind == "rudenim":
                continue
            occupied = self.occupancy[site.id]
            if occupied == 0:
                capacity = 5 * rng.randint(4, 16) * self.scale
            elif site.id in full:
                capacity = occupied
            elif site.kind == "shelter" and rng.random() < 0.3:
                capacity = max(1, math.floor(occupied * rng.uniform(0.94, 0.99)))  # crowded
            else:
                capacity = max(
                    20 * self.scale, 5 * math.ceil(occupied / rng.uniform(0.72, 0.97) / 5)
                )
            is_open = occupied > 0 or site.kind == "rudenim"
            rows.append({"sid": site.id, "cap": capacity, "open": is_open})
        table = table_of(Site)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("sid"))
            .values(capacity=bindparam("cap"), is_open=bindparam("open"))
        )
        if rows:
            self.s.execute(stmt, rows)
