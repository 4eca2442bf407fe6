"""Single records typed into a form go through exactly the importer's path: the form's values
become a one-row table with the template's headers, so the same row models, region and
nationality matching, scope check, duplicate/update logic and one-transaction write apply,
and the entry is logged like an import (file name "formulir")."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pora_dash.importing.core import Actor, Outcome, import_file
from pora_dash.importing.reading import Table
from pora_dash.importing.rows import COLUMNS

FORM_FILE = "formulir"
ENTRY_KINDS = ("persons", "incidents", "sites")


def as_table(kind: str, values: dict[str, Any]) -> Table:
    """The form's values (by field name) as a one-row table; blank values stay blank."""
    columns = [c for c in COLUMNS[kind] if c.field in values]
    cells: list[str | dt.date | None] = []
    for column in columns:
        value = values[column.field]
        if value is None or isinstance(value, dt.date):
            cells.append(value)
        else:
            cells.append(str(value).strip() or None)
    return Table([c.header for c in columns], [(2, cells)])


def save(kind: str, values: dict[str, Any], *, actor: Actor, url: str | None = None) -> Outcome:
    """Validate and write one record; `ImportInputError` with the problems when refused."""
    table = as_table(kind, values)
    data = json.dumps(values, default=str, sort_keys=True).encode()
    return import_file(
        data,
        kind=kind,
        file_name=FORM_FILE,
        actor=actor,
        url=url,
        table=table,
        confirm_matches=True,
    )
