"""Regions layer: the region names and codes the demo uses, and picks of kecamatan and desa."""

from __future__ import annotations

import random
from collections import defaultdict

from sqlalchemy import select

from pora_dash.demo.base import Generator
from pora_dash.demo.tables import (
    ACEH_KABS,
    AREA_BY_KAB,
    AREAS,
    BOATS,
    KANIMS,
    KECAMATAN_TEAMS,
    OTHER_MEMBER_KABS,
    PROVINCE_LABEL,
    RUDENIM,
    SHELTERS,
    SPECIAL,
)
from pora_dash.store.models import Region


class Regions(Generator):
    """Loads the regions the demo needs (names, kecamatan per kab/kota, weighted desa)."""

    def load_regions(self) -> None:
        kabs = self.member_kabs()
        provinces = sorted({k[:2] for k in kabs})
        wanted_kec = set(KECAMATAN_TEAMS)
        for area in AREAS:
            wanted_kec.update(area.kec_codes())
        wanted_kec.update(code for _, _, code, _ in RUDENIM)
        wanted_kec.update(code for _, _, code, _ in SHELTERS)
        wanted_kec.update(b.kecamatan for b in BOATS)
        for special in SPECIAL:
            wanted_kec.update(code[:8] for _, code in special.places)
        codes = set(provinces) | set(kabs) | {k.region for k in KANIMS}
        rows = self.s.execute(
            select(Region.code, Region.name, Region.level, Region.parent_code).where(
                (Region.code.in_(sorted(codes)))
                | (Region.parent_code.in_(sorted(kabs)))
                | (Region.code.in_(sorted(wanted_kec)))
            )
        ).all()
        for code, name, level, parent in rows:
            self.names[code] = name.strip()
            if level == 3 and parent:
                self.kecamatan_of[parent].append(code)
        for kab in self.kecamatan_of:
            self.kecamatan_of[kab].sort()
        special_places = {code for s in SPECIAL for _, code in s.places}
        desa_rows = self.s.execute(
            select(Region.code, Region.parent_code)
            .where(Region.level == 4, Region.parent_code.in_(sorted(wanted_kec)))
            .order_by(Region.code)
        ).all()
        by_kec: dict[str, list[str]] = defaultdict(list)
        for code, parent in desa_rows:
            by_kec[str(parent)].append(code)
        missing = sorted((codes | wanted_kec) - set(self.names))
        missing += sorted(c for c in special_places if len(c) > 8 and c not in by_kec[c[:8]])
        if missing:
            raise RuntimeError(
                "regions table lacks codes the demo data needs (load the regions first): "
                + ", ".join(missing[:10])
            )
        for kec in sorted(by_kec):
            desa = sorted(by_kec[kec])  # in Python: the same order on every database
            rng = self.rng(f"desa:{kec}")
            weights = [1 / (i + 1) ** 0.9 for i in range(len(desa))]
            rng.shuffle(weights)
            self.desa[kec] = (desa, weights)

    @staticmethod
    def member_kabs() -> list[str]:
        kabs = {a.kabkota for a in AREAS} | set(ACEH_KABS) | set(OTHER_MEMBER_KABS)
        return sorted(kabs)

    def pick_desa(self, rng: random.Random, kec: str) -> str:
        desa, weights = self.desa.get(kec, ([], []))
        return rng.choices(desa, weights=weights)[0] if desa else kec

    def pick_kecamatan(self, rng: random.Random, kab: str) -> str:
        area = AREA_BY_KAB.get(kab)
        if area:
            return rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
        options = self.kecamatan_of.get(kab) or [kab]
        return rng.choice(options)

    def region_label(self, code: str) -> str:
        name = self.names.get(code, code)
        if len(code) == 2:
            return PROVINCE_LABEL.get(code, name)
        return name
