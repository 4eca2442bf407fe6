"""A file's header mapped to a kind's columns, and one row validated with the kind's model;
problems come back by row and column, in the file's column order."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from pora_dash.importing.kinds import COLUMNS, MODELS
from pora_dash.importing.problems import Problem
from pora_dash.importing.rows import (
    Row,
    _blank,
    norm,
)


def header_map(kind: str, header: list[str]) -> tuple[dict[str, int], list[str]]:
    """field -> index of its column in the file, and the headers that fit no field.

    >>> header_map("sites", ["KODE LOKASI", "Nama", "x"])[0]
    {'code': 0, 'name': 1}
    """
    names: dict[str, str] = {}
    for col in COLUMNS[kind]:
        for alias in (col.header, col.field, *col.aliases):
            names.setdefault(norm(alias), col.field)
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        field = names.get(norm(text))
        if field and field not in found:
            found[field] = index
        elif text.strip():
            unknown.append(text)
    return found, unknown


def validate_row(
    kind: str, values: dict[str, Any], row: int, headers: dict[str, str]
) -> tuple[Row | None, list[Problem]]:
    """One row through its model: the parsed row, or the problems, each with its column.

    Every empty required value is named at once, besides the values that cannot be read (the
    model's own check stops at the first one), so a row is fixed in one go."""
    model = MODELS[kind]
    missing = [name for name in model.required_fields if _blank(values.get(name)) is None]
    problems = [
        Problem(
            row, headers.get(name, name), "import.row.missing", {"column": headers.get(name, name)}
        )
        for name in missing
    ]
    try:
        parsed = model.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors(include_url=False, include_input=False):
            ctx = dict(err.get("ctx") or {})
            field = str(err["loc"][0]) if err["loc"] else str(ctx.pop("field", ""))
            ctx.pop("field", None)
            key = err["type"] if err["type"].startswith("import.") else "import.row.bad_value"
            if key == "import.row.missing" and field in missing:
                continue
            column = headers.get(field, field) or None
            problems.append(Problem(row, column, key, {"column": column or "", **ctx}))
        return None, _in_column_order(kind, problems, headers)
    if problems:
        return None, problems
    return parsed, []


def _in_column_order(kind: str, problems: list[Problem], headers: dict[str, str]) -> list[Problem]:
    order = {headers.get(c.field, c.header): i for i, c in enumerate(COLUMNS[kind])}
    return sorted(problems, key=lambda p: order.get(p.column or "", len(order)))
