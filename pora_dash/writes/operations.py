"""Field operations with their agencies and findings (counts by type, never a list of persons), audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.reads.followups import FollowupError
from pora_dash.store import db
from pora_dash.store.models import (
    OPERATION_KINDS,
    Agency,
    Operation,
    OperationFinding,
)


def add_operation(
    session: Session,
    *,
    held_on: dt.date | None,
    kind: str,
    region_code: str | None,
    lead_agency_id: int | None,
    agency_ids: list[int],
    findings: dict[str, int],
    description: str | None,
    scope: Scope,
    username: str,
    today: dt.date,
) -> int:
    """Record a field operation with its agencies and findings (counts by type, never a list
    of persons). Refused with followups.FollowupError (an i18n key), nothing written, when
    the kind or date is wrong, the region unknown or outside the scope, or a count negative."""

    if kind not in OPERATION_KINDS:
        raise FollowupError("operation.bad_kind")
    if held_on is None or held_on > today:
        raise FollowupError("operation.bad_date")
    if not region_code or not reference.is_valid_code(region_code):
        raise FollowupError("operation.needs_region")
    if not scope.allows(region_code):
        raise FollowupError("meeting.out_of_scope", code=region_code)
    if any(not isinstance(n, int) or n < 0 for n in findings.values()):
        raise FollowupError("operation.bad_count")
    wanted = set(agency_ids) | ({lead_agency_id} if lead_agency_id else set())
    known = {a.id: a for a in session.scalars(select(Agency).where(Agency.id.in_(wanted)))}
    if wanted - set(known):
        raise FollowupError("operation.bad_agency")
    operation = Operation(
        held_on=held_on,
        kind=kind,
        lead_agency_id=lead_agency_id,
        description=(description or "").strip() or None,
    )
    operation.place(region_code)
    operation.agencies = [known[i] for i in sorted(wanted)]
    operation.findings = [
        OperationFinding(finding=f, count=n) for f, n in sorted(findings.items()) if n
    ]
    session.add(operation)
    session.flush()
    auth.audit(
        session,
        "operation_added",
        username=username,
        target=f"operations/{operation.id}",
        region=region_code,
        findings=sum(findings.values()),
    )
    db.bump_data_version(session, [operation.province_code])
    return operation.id
