"""A tiny, documented world for unit tests: two provinces, three kab/kota, four kecamatan,
two agencies, and persons placed by hand so every expected figure can be counted on paper."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pora_dash.store.models import Agency, Person, Region

REGIONS = [
    ("31", "DKI Jakarta", 1, None, 10_000_000),
    ("31.71", "Kota Adm. Jakarta Pusat", 2, "31", 1_000_000),
    ("31.71.06", "Menteng", 3, "31.71", None),
    ("31.75", "Kota Adm. Jakarta Timur", 2, "31", 3_000_000),
    ("31.75.04", "Kramat Jati", 3, "31.75", None),
    ("33", "Jawa Tengah", 1, None, 37_000_000),
    ("33.29", "Kabupaten Brebes", 2, "33", 2_000_000),
    ("33.29.05", "Sirampog", 3, "33.29", None),
    ("33.29.05.2001", "Mendala", 4, "33.29.05", None),
    ("33.29.06", "Tonjong", 3, "33.29", None),
]


def load_regions(session: Session) -> None:
    session.execute(
        insert(Region),
        [
            dict(code=c, name=n, level=lv, parent_code=p, population=pop)
            for c, n, lv, p, pop in REGIONS
        ],
    )
    session.add_all(
        [
            Agency(id=1, code="UNHCR", name="UNHCR Indonesia", kind="unhcr"),
            Agency(
                id=2,
                code="KESBANGPOL-33.29",
                name="Kesbangpol Kabupaten Brebes",
                kind="kesbangpol",
                region_code="33.29",
            ),
        ]
    )
    session.flush()


def person(
    ref: str,
    region: str,
    *,
    nationality: str = "AFG",
    status: str = "refugee",
    sex: str = "M",
    birth_year: int = 1990,
    arrival: dt.date = dt.date(2020, 1, 1),
    lifecycle: str = "active",
    left: dt.date | None = None,
    accommodation: str = "independent",
    name: str | None = None,
) -> Person:
    p = Person(
        source_agency_id=1,
        source_ref=ref,
        nationality=nationality,
        unhcr_status=status,
        sex=sex,
        birth_year=birth_year,
        arrival_date=arrival,
        accommodation=accommodation,
        lifecycle=lifecycle,
        lifecycle_date=left,
        full_name=name,
    )
    p.place(region)
    return p
