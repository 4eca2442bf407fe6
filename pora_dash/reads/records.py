"""Person records, one page at a time (roles with record access only; the page audits
every view)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    func,
    select,
)
from sqlalchemy.orm import Session

from pora_dash.access.permissions import pseudonym
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.population import (
    active_total,
)
from pora_dash.reads.sql import (
    active_conditions,
    to_frame,
)
from pora_dash.store.models import (
    Person,
)

RECORD_PAGE = 100


def person_records(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    named: bool,
    secret: str,
    page: int = 0,
    extra: Sequence[ColumnElement[bool]] = (),
) -> tuple[pd.DataFrame, int]:
    """One page of active person records in scope, and how many there are in all.

    `named=False` (analysts) returns no name, document, registration or case number, and an
    HMAC pseudonym instead of the id: the columns are never read from the database.
    """
    conds = [*active_conditions(filters, scope), *extra]  # extra: a data-quality link's condition
    if extra:
        total = int(session.scalar(select(func.count()).select_from(Person).where(*conds)) or 0)
    else:
        total = active_total(session, filters=filters, scope=scope)
    common = [
        Person.nationality,
        Person.unhcr_status,
        Person.sex,
        Person.birth_year,
        Person.arrival_date,
        Person.kecamatan_code,
        Person.accommodation,
        Person.last_verified_on,
    ]
    personal = [Person.full_name, Person.document_number, Person.source_ref, Person.case_number]
    stmt = (
        select(Person.id, *(personal if named else []), *common)
        .where(*conds)
        .order_by(Person.kecamatan_code, Person.id)
        .limit(RECORD_PAGE)
        .offset(page * RECORD_PAGE)
    )
    names = ["id", *([c.key for c in personal] if named else []), *(c.key for c in common)]
    frame = to_frame(session, stmt, names)
    if not named:
        frame.insert(0, "pseudonym", [pseudonym(int(i), secret) for i in frame["id"]])
        frame = frame.drop(columns=["id"])
    return frame, total
