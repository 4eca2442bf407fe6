"""Agencies layer: the Tim PORA members, national, provincial, kab/kota and kecamatan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from pora_dash.demo.helpers import short_name, slugify, table_of
from pora_dash.demo.regions import Regions
from pora_dash.demo.tables import (
    KANIMS,
    KECAMATAN_TEAMS,
    KODAM,
    KODIM,
    NATIONAL_AGENCIES,
    POLDA,
    POLRES,
    RUDENIM,
)
from pora_dash.store.models import Agency


class Agencies(Regions):
    """Inserts the member agencies and keeps their ids, kinds and demo user names."""

    def agency_rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []

        def add(code: str, name: str, kind: str, region: str | None, user: str) -> None:
            # a made-up address under the reserved .example domain: the digests of a demo go nowhere
            email = f"{slugify(code)}@pora-demo.example"
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "region_code": region,
                    "contact_email": email,
                }
            )
            self.agency_kind[code] = kind
            self.agency_user[code] = user

        for code, name, kind in NATIONAL_AGENCIES:
            user = {"unhcr": "unhcr.indonesia", "iom": "iom.indonesia"}.get(
                kind, f"operator.{slugify(code)}"
            )
            add(code, name, kind, None, user)
        kabs = self.member_kabs()
        kodam_seen: set[str] = set()
        for prov in sorted({k[:2] for k in kabs}):
            label = self.region_label(prov)
            slug = slugify(label)
            add(
                f"KANWIL-IMIGRASI-{prov}",
                f"Kantor Wilayah Direktorat Jenderal Imigrasi {label}",
                "imigrasi",
                prov,
                f"operator.kanwil-{slug}",
            )
            add(
                f"KESBANGPOL-{prov}",
                f"Badan Kesatuan Bangsa dan Politik Provinsi {label}",
                "kesbangpol",
                prov,
                f"kesbangpol.{slug}",
            )
            add(f"POLRI-{prov}", POLDA.get(prov, f"Polda {label}"), "polri", prov, f"polri.{slug}")
            kodam = KODAM.get(prov)
            if kodam and kodam not in kodam_seen:
                kodam_seen.add(kodam)
                add(f"TNI-{prov}", kodam, "tni", prov, f"tni.{slug}")
            add(
                f"DUKCAPIL-{prov}",
                f"Dinas Kependudukan dan Pencatatan Sipil Provinsi {label}",
                "dukcapil",
                prov,
                f"dukcapil.{slug}",
            )
            add(f"PEMDA-{prov}", f"Pemerintah Provinsi {label}", "pemda", prov, f"pemda.{slug}")
        for kanim in KANIMS:
            add(kanim.code, kanim.name, "imigrasi", kanim.region, f"operator.{kanim.slug}")
        for code, name, kec, _ in RUDENIM:
            add(code, name, "imigrasi", kec[:5], f"operator.{slugify(code)}")
        shorts = Counter(short_name(self.names[k]) for k in kabs)
        for kab in kabs:
            full = self.names[kab]
            short = short_name(full)
            label = short if shorts[short] == 1 else full.replace("Kabupaten ", "Kab. ")
            slug = slugify(label.replace("Kab. ", "kab "))
            dki = kab.startswith("31.")
            sudin = "Suku Dinas " if dki else "Dinas "
            add(
                f"KESBANGPOL-{kab}",
                ("Suku Badan " if dki else "Badan ") + f"Kesatuan Bangsa dan Politik {full}",
                "kesbangpol",
                kab,
                f"kesbangpol.{slug}",
            )
            add(
                f"SATPOLPP-{kab}",
                f"Satuan Polisi Pamong Praja {full}",
                "satpolpp",
                kab,
                f"satpolpp.{slug}",
            )
            add(f"POLRI-{kab}", POLRES.get(kab, f"Polres {label}"), "polri", kab, f"polri.{slug}")
            if kab in KODIM:
                add(f"TNI-{kab}", KODIM[kab], "tni", kab, f"tni.{slug}")
            add(
                f"DUKCAPIL-{kab}",
                f"{sudin}Kependudukan dan Pencatatan Sipil {full}",
                "dukcapil",
                kab,
                f"dukcapil.{slug}",
            )
            add(
                f"KEJAKSAAN-{kab}",
                f"Kejaksaan Negeri {label}",
                "kejaksaan",
                kab,
                f"kejaksaan.{slug}",
            )
            add(f"DINSOS-{kab}", f"{sudin}Sosial {full}", "dinsos", kab, f"dinsos.{slug}")
            add(
                f"DISNAKER-{kab}",
                f"{sudin}Tenaga Kerja, Transmigrasi dan Energi {full}"
                if dki
                else f"Dinas Tenaga Kerja {full}",
                "disnaker",
                kab,
                f"disnaker.{slug}",
            )
            add(
                f"BEACUKAI-{kab}",
                f"Kantor Pengawasan dan Pelayanan Bea dan Cukai {label}",
                "beacukai",
                kab,
                f"beacukai.{slug}",
            )
            add(f"PEMDA-{kab}", f"Pemerintah {full}", "pemda", kab, f"pemda.{slug}")
        for kec in KECAMATAN_TEAMS:
            name = self.names[kec]
            add(f"CAMAT-{kec}", f"Kecamatan {name}", "pemda", kec, f"camat.{slugify(name)}")
        return rows

    def insert_agencies(self) -> None:
        rows = self.agency_rows()
        existing = {code: aid for code, aid in self.s.execute(select(Agency.code, Agency.id))}
        table = table_of(Agency)
        new_rows = []
        for row in rows:
            if row["code"] in existing:
                self.agency[row["code"]] = existing[row["code"]]
            else:
                row["id"] = self.new_id(table)
                self.agency[row["code"]] = row["id"]
                new_rows.append(row)
        self.insert(table, new_rows)

    def agencies_in(self, kab: str, kinds: Sequence[str]) -> list[str]:
        return [f"{k.upper()}-{kab}" for k in kinds if f"{k.upper()}-{kab}" in self.agency]
