"""Make a database ready: schema at head, reference regions loaded, demo data when asked."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.geo.reference import DATA_DIR
from pora_dash.store import db
from pora_dash.store.models import Agency, Person, Region, User


def _region_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return [
            {
                "code": r["code"],
                "name": r["name"],
                "level": int(r["level"]),
                "parent_code": r["parent_code"] or None,
                "population": int(r["population"]) if r["population"] else None,
                "area_km2": float(r["area_km2"]) if r["area_km2"] else None,
            }
            for r in csv.DictReader(fh)
        ]


def load_regions(session: Session, path: Path | None = None) -> int:
    """Insert the shipped regions when the table is empty; returns how many were inserted."""
    if session.scalar(select(func.count()).select_from(Region)):
        return 0
    rows = _region_rows(path or DATA_DIR / "regions.csv.gz")
    rows.sort(key=lambda r: r["level"])  # parents before children, for the foreign key
    for start in range(0, len(rows), 5000):
        session.execute(insert(Region), rows[start : start + 5000])
    return len(rows)


def ensure_database(
    url: str | None = None, *, demo: bool = False, scale: int = 1, seed: int = 42
) -> dict[str, int]:
    """Upgrade the schema, load regions if missing, and seed demo data into an empty database."""
    db.upgrade(url)
    report = {"regions": 0, "persons": 0}
    with db.session_scope(url) as session:
        report["regions"] = load_regions(session)
        if demo and not session.scalar(select(func.count()).select_from(Person)):
            from pora_dash import demo as demo_data  # the generator loads for `make run` only

            report["persons"] = demo_data.seed_demo(session, scale=scale, seed=seed)
            report["users"] = create_demo_users(session)
        db.bump_data_version(session)
    return report


# Demo accounts for `make run` only; `python -m pora_dash check` refuses them in production.
DEMO_PASSWORD = "demo-pora-2024"
DEMO_USERS: tuple[tuple[str, str, list[str], tuple[str, str] | None, str], ...] = (
    # username, role, regions, agency (kind, region) or None, display name
    ("admin", "admin", [], None, "Administrator Sistem"),
    ("pimpinan", "leadership", [], None, "Kepala Kanwil (demo)"),
    ("analis", "analyst", [], None, "Analis Data (demo)"),
    (
        "operator.pemalang",
        "operator",
        ["33.29", "33.27", "33.28", "33.76"],
        ("imigrasi", "33.27"),
        "Operator Kanim Pemalang (demo)",
    ),
    (
        "kesbangpol.brebes",
        "agency",
        ["33.29"],
        ("kesbangpol", "33.29"),
        "Kesbangpol Kab. Brebes (demo)",
    ),
    ("pemirsa.jakarta", "viewer", ["31"], None, "Pemirsa DKI Jakarta (demo)"),
)


def create_demo_users(session: Session) -> int:
    """The demo accounts (password DEMO_PASSWORD), when no user exists yet."""

    if session.scalar(select(func.count()).select_from(User)):
        return 0
    for username, role, regions, agency, name in DEMO_USERS:
        agency_id = None
        if agency:
            kind, region = agency
            agency_id = session.scalar(
                select(Agency.id)
                .where(Agency.kind == kind, Agency.region_code == region)
                .order_by(Agency.id)
                .limit(1)
            )
        if role != "admin" and not regions:
            regions = _province_codes(session)  # the whole country
        auth.create_user(
            session,
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            regions=regions,
            display_name=name,
            agency_id=agency_id,
            actor="demo",
        )
    return len(DEMO_USERS)


def _province_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Region.code).where(Region.level == 1).order_by(Region.code)))
