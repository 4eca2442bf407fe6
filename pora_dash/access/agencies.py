"""The member agencies of Tim PORA (Kantor Imigrasi, Kesbangpol, POLRI, UNHCR, IOM, …): added
and listed by an administrator, on the users page or with `python -m pora_dash agency`.
Every addition is audited. A new installation starts with none; imports name them by code.

The contact e-mail is where the daily reminder digest goes (`python -m pora_dash remind`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.store.models import AGENCY_KINDS, Agency, Region

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,39}$")
_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class AgencyError(ValueError):
    """Refused input; `key` and `values` make the message (i18n)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    kind: str
    region_code: str | None


def add_agency(
    session: Session,
    *,
    code: str,
    name: str,
    kind: str,
    region_code: str | None,
    actor: str,
    contact_email: str | None = None,
) -> Agency:
    """Add one agency. The short code is what import files write (e.g. KESBANGPOL-33.29)."""
    code = code.strip().upper()
    name = " ".join(name.split())
    kind = kind.strip().lower()
    region_code = (region_code or "").strip() or None
    if not _CODE.match(code):
        raise AgencyError("agency.bad_code", code=code)
    if not name or len(name) > 160:
        raise AgencyError("agency.bad_name")
    if kind not in AGENCY_KINDS:
        raise AgencyError("agency.bad_kind", kind=kind, kinds=", ".join(AGENCY_KINDS))
    if region_code is not None and session.get(Region, region_code) is None:
        raise AgencyError("agency.bad_region", code=region_code)
    contact_email = (contact_email or "").strip() or None
    if contact_email is not None and (len(contact_email) > 200 or not _EMAIL.match(contact_email)):
        raise AgencyError("agency.bad_email", email=contact_email)
    if session.scalar(select(Agency.id).where(func.upper(Agency.code) == code)):
        raise AgencyError("agency.exists", code=code)
    # the id is chosen here, not by PostgreSQL's sequence: agencies loaded with their ids (a
    # restore, a seed) leave the sequence behind; additions are rare and by administrators
    next_id = int(session.scalar(select(func.coalesce(func.max(Agency.id), 0))) or 0) + 1
    agency = Agency(
        id=next_id,
        code=code,
        name=name,
        kind=kind,
        region_code=region_code,
        contact_email=contact_email,
    )
    session.add(agency)
    session.flush()
    auth.audit(
        session,
        "agency_created",
        username=actor,
        target=code,
        name=name,
        kind=kind,
        region=region_code,
        email=contact_email,
    )
    return agency


def list_agencies(session: Session) -> list[AgencyRow]:
    rows = session.execute(
        select(Agency.code, Agency.name, Agency.kind, Agency.region_code).order_by(Agency.code)
    )
    return [AgencyRow(*row) for row in rows]


def agency_names(session: Session) -> dict[int, str]:
    """Every agency's name by id, in name order (the users page's picker)."""
    return {a.id: a.name for a in session.scalars(select(Agency).order_by(Agency.name))}
