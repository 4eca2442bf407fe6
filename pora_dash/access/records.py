"""Person records are opened, never just read: one page of records and the audit entry of
that view are one transaction (who, which filter, which page, how many rows, named or not)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from pora_dash.access.auth import audit
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads.records import person_records


def open_records(
    session: Session,
    *,
    filters: Filters,
    scope: Scope,
    named: bool,
    secret: str,
    page: int,
    extra: Sequence[ColumnElement[bool]],
    username: str,
    filter_line: str,
) -> tuple[pd.DataFrame, int]:
    """One page of records (see reads.records.person_records), audited as `records_view`."""
    frame, total = person_records(
        session,
        filters=filters,
        scope=scope,
        named=named,
        secret=secret,
        page=page,
        extra=extra,
    )
    audit(
        session,
        "records_view",
        username=username,
        target=filter_line,
        page=page,
        rows=len(frame),
        named=named,
    )
    return frame, total
