"""A small world for import tests: the real regions of a few kab/kota (Brebes, Tegal, Kota
Tegal, Jakarta Pusat, Jakarta Timur, Bogor) with every kecamatan and desa, the agencies the
templates name, one IOM community house in Sirampog, and users with and without scope."""

from __future__ import annotations

import csv
import io

import pandas as pd
from sqlalchemy import insert
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.geo import reference
from pora_dash.store import db
from pora_dash.store.models import Agency, Region, Site

KABS = ("33.28", "33.29", "33.76", "31.71", "31.75", "32.01")
AGENCIES = (
    ("UNHCR", "UNHCR Indonesia", "unhcr", None),
    ("IOM", "IOM Indonesia", "iom", None),
    ("IMIGRASI-33.27", "Kantor Imigrasi Kelas I Non TPI Pemalang", "imigrasi", "33.27"),
    (
        "KESBANGPOL-33.29",
        "Badan Kesatuan Bangsa dan Politik Kabupaten Brebes",
        "kesbangpol",
        "33.29",
    ),
    ("POLRI-33.29", "Polres Brebes", "polri", "33.29"),
    ("SIMKIM", "Kantor Imigrasi (SIMKIM)", "imigrasi", None),
)
PASSWORD = "kata-sandi-uji-123"


def region_rows() -> list[dict]:
    frame = reference.regions()
    keep = frame["code"].isin(["31", "32", "33", "33.27"]) | frame["code"].str.match(
        r"^(" + "|".join(k.replace(".", r"\.") for k in KABS) + r")(\.|$)"
    )
    rows = frame[keep]
    return [
        {"code": c, "name": n, "level": int(lv), "parent_code": None if pd.isna(p) else str(p)}
        for c, n, lv, p in zip(
            rows["code"], rows["name"], rows["level"], rows["parent_code"], strict=True
        )
    ]


def build(url: str) -> None:
    with db.session_scope(url) as session:
        load(session)


def load(session: Session) -> None:
    rows = sorted(region_rows(), key=lambda r: r["level"])
    for start in range(0, len(rows), 5000):
        session.execute(insert(Region), rows[start : start + 5000])
    for code, name, kind, region in AGENCIES:
        session.add(Agency(code=code, name=name, kind=kind, region_code=region))
    session.flush()
    iom = session.query(Agency).filter_by(code="IOM").one()
    site = Site(code="CH-SIRAMPOG-01", name="Community House Sirampog", kind="community_housing")
    site.operator_agency_id = iom.id
    site.place("33.29.05")
    session.add(site)
    auth.create_user(
        session, username="op.brebes", password=PASSWORD, role="operator", regions=["33.29"]
    )
    auth.create_user(session, username="admin.uji", password=PASSWORD, role="admin", regions=[])
    auth.create_user(session, username="pemirsa", password=PASSWORD, role="viewer", regions=["33"])


PERSON_HEADER = [
    "Instansi sumber",
    "No. referensi",
    "Nama lengkap",
    "No. kasus",
    "Kewarganegaraan",
    "Status UNHCR",
    "Jenis kelamin",
    "Tahun lahir",
    "Tanggal tiba",
    "Kabupaten/Kota",
    "Kecamatan",
    "Akomodasi",
]

PERSONS = [
    [
        "UNHCR",
        "UNHCR-IDN-1",
        "Ahmad Hassan",
        "354-19C00001",
        "Palestina",
        "Pengungsi",
        "L",
        "1985",
        "17/07/2019",
        "Kab. Brebes",
        "Sirampog",
        "Mandiri",
    ],
    [
        "UNHCR",
        "UNHCR-IDN-2",
        "Fatima Hassan",
        "354-19C00001",
        "PSE",
        "refugee",
        "P",
        "1990",
        "2019-07-17",
        "Kabupaten Brebes",
        "SIRAMPOG",
        "mandiri",
    ],
    [
        "UNHCR",
        "UNHCR-IDN-3",
        "Ali Rezaei",
        "",
        "Afganistan",
        "Pencari suaka",
        "Laki-laki",
        "2001",
        "3 Maret 2023",
        "Kota Adm. Jakarta Timur",
        "Kramat Jati",
        "Rumah komunitas",
    ],
]


def csv_bytes(
    rows: list[list[str]],
    header: list[str] | None = None,
    *,
    sep: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header or PERSON_HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def many_persons(n: int, *, prefix: str = "BIG", updated: bool = False) -> bytes:
    """`n` valid persons across the kecamatan of Brebes and Jakarta Timur.

    `updated=True` is the same list a month later: every person's UNHCR status changed, and
    every fifth person moved to the next kecamatan (a movement each)."""
    kec = [
        ("Kab. Brebes", "Sirampog"),
        ("Kab. Brebes", "Tonjong"),
        ("Jakarta Timur", "Kramat Jati"),
    ]
    nations = ["AFG", "Somalia", "Myanmar", "Irak", "YE", "Sudan", "Sri Lanka", "Pakistan"]
    rows = []
    for i in range(n):
        kab, kc = kec[(i + (updated and i % 5 == 0)) % len(kec)]
        refugee = (i % 10 < 7) != updated
        rows.append(
            [
                "UNHCR",
                f"{prefix}-{i:07d}",
                f"Nama Uji {i}",
                f"354-20C{i // 4:05d}",
                nations[i % len(nations)],
                "Pengungsi" if refugee else "Pencari suaka",
                "L" if i % 3 else "P",
                str(1960 + i % 50),
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/2020",
                kab,
                kc,
                "Mandiri",
            ]
        )
    return csv_bytes(rows)
