"""Single records typed into a form go through exactly the importer's path: the form's values
become a one-row table with the template's headers, so the same row models, region and
nationality matching, scope check, duplicate/update logic and one-transaction write apply,
and the entry is logged like an import (file name "formulir")."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pora_dash.i18n import t
from pora_dash.importing.core import Actor, Outcome, import_file
from pora_dash.importing.kinds import COLUMNS
from pora_dash.importing.problems import Problem
from pora_dash.importing.reading import Table

FORM_FILE = "formulir"
ENTRY_KINDS = ("persons", "incidents", "sites")
REGION_FIELDS = ("region_code", "province", "kabkota", "kecamatan", "desa")
# the form's label (i18n key) of each field; the region is one kecamatan choice
LABELS: dict[str, dict[str, str]] = {
    "persons": {
        "source_agency": "import.entry.source_agency",
        "source_ref": "import.entry.source_ref",
        "full_name": "import.entry.full_name",
        "document_number": "import.entry.document",
        "case_number": "import.entry.case",
        "nationality": "import.entry.nationality",
        "unhcr_status": "import.entry.status",
        "sex": "import.entry.sex",
        "birth_year": "import.entry.birth_year",
        "arrival_date": "import.entry.arrival",
        "registered_on": "import.entry.registered",
        "last_verified_on": "import.entry.verified",
        "site_code": "import.entry.site",
        "accommodation": "import.entry.accommodation",
        "region_code": "import.entry.kecamatan",
    },
    "incidents": {
        "occurred_on": "import.entry.occurred",
        "kind": "import.entry.incident_kind",
        "severity": "import.entry.severity",
        "people_involved": "import.entry.people",
        "description": "import.entry.description",
        "source_agency": "import.entry.source_agency",
        "region_code": "import.entry.kecamatan",
    },
    "sites": {
        "code": "import.entry.site_code",
        "name": "import.entry.site_name",
        "kind": "import.entry.site_kind",
        "capacity": "import.entry.capacity",
        "operator_agency": "import.entry.operator",
        "lat": "import.entry.lat",
        "lng": "import.entry.lng",
        "region_code": "import.entry.kecamatan",
    },
}


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


def in_form_terms(kind: str, problems: list[Problem], lang: str) -> list[Problem]:
    """The problems named by the form's labels, in the reader's language, instead of the
    template's column headers (the form has one kecamatan choice, not four region columns).

    >>> in_form_terms("persons", [Problem(2, "Kabupaten/Kota", "import.region.missing")], "en")[0].column
    'Kecamatan'
    """
    fields = {c.header: c.field for c in COLUMNS[kind]}
    named = []
    for problem in problems:
        field = fields.get(problem.column or "", "")
        key = LABELS[kind].get("region_code" if field in REGION_FIELDS else field)
        if key is not None:
            label = t(key, lang)
            values = (
                {**problem.values, "column": label}
                if "column" in problem.values
                else problem.values
            )
            problem = Problem(problem.row, label, problem.key, values)
        named.append(problem)
    return named
