"""Operations layer: field operations of the Kantor Imigrasi teams and what they found."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from pora_dash.demo.helpers import date_between, pick_weighted, placed, table_of
from pora_dash.demo.incidents import Incidents
from pora_dash.demo.tables import (
    ACEH_KABS,
    AREA_BY_KAB,
    EX_PEKALONGAN,
    FINDINGS,
    KANIMS,
    OPERATION_TEXT,
    SIRAMPOG,
)
from pora_dash.store.models import Operation

D = dt.date


class Operations(Incidents):
    """Adds field operations: routine ones, and those that carried out an action."""

    def operation(
        self,
        rng: random.Random,
        day: dt.date,
        kind: str,
        kab: str,
        lead: str,
        members: Sequence[str],
        ops: dict[str, list[dict[str, Any]]],
        kecamatan: str | None = None,
    ) -> int:
        kec = kecamatan or self.pick_kecamatan(rng, kab)
        region = self.pick_desa(rng, kec) if rng.random() < 0.3 else kec
        oid = self.new_id(table_of(Operation))
        text = OPERATION_TEXT[kind].format(
            kec=self.names.get(kec, kec), kab=self.names.get(kab, kab)
        )
        ops["operations"].append(
            {
                "id": oid,
                "held_on": day,
                "kind": kind,
                "lead_agency_id": self.agency[lead],
                "description": text,
                **placed(region),
            }
        )
        agencies = list(dict.fromkeys([lead, *members]))
        ops["agencies"] += [{"operation_id": oid, "agency_id": self.agency[a]} for a in agencies]
        presence = max(5, self.presence.active(kec, day) // self.scale)
        findings = FINDINGS[kind]
        for finding in rng.sample(findings, rng.randint(2, len(findings))):
            if finding == "terdata_ulang":
                count = rng.randint(max(1, presence // 3), presence)
            elif finding == "kelahiran_baru":
                count = rng.randint(0, max(1, presence // 50))
            else:
                count = rng.randint(0, max(2, presence // 25))
            ops["findings"].append({"operation_id": oid, "finding": finding, "count": count})
        return oid

    def routine_operations(self, ops: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng("operations")
        for kanim in KANIMS:
            kabs = [
                k for k in kanim.covers if k in AREA_BY_KAB or k in ACEH_KABS or k in EX_PEKALONGAN
            ]
            if not kabs:
                continue
            big = any(AREA_BY_KAB[k].weight >= 150 for k in kabs if k in AREA_BY_KAB)
            for year in range(2022, self.as_of.year + 1):
                for _ in range(5 if big else 2):
                    kab = rng.choice(kabs)
                    start = D(year, 1, 1)
                    if kab in ACEH_KABS:
                        start = max(start, D(2023, 11, 20))
                    end = min(D(year, 12, 31), self.as_of)
                    if start > end:
                        continue
                    day = date_between(rng, start, end)
                    kind = str(
                        pick_weighted(
                            rng, {"operasi_gabungan": 0.4, "pendataan": 0.35, "monitoring": 0.25}
                        )
                    )
                    pool = self.agencies_in(
                        kab, ("polri", "tni", "satpolpp", "kesbangpol", "dukcapil", "disnaker")
                    )
                    members = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
                    if kind == "pendataan":
                        members.append("UNHCR")
                    if kab in ACEH_KABS:
                        members.append("IOM")
                    kec = None
                    if kab in ACEH_KABS:
                        kec = rng.choice(
                            [
                                s.region[:8]
                                for s in self.sites.values()
                                if s.kind == "shelter" and s.kabkota == kab
                            ]
                            or [self.pick_kecamatan(rng, kab)]
                        )
                    elif kab in EX_PEKALONGAN:
                        kec = SIRAMPOG if kab == "33.29" else None
                    self.operation(rng, day, kind, kab, kanim.code, members, ops, kec)
