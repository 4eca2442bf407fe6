"""The write API's work: a CSV or XLSX body through the importer's public API
(`pora_dash.importing`), with the same checks, matching, all-or-nothing transaction,
idempotent re-import, scope and limits as the import page and the CLI; answered as JSON with
the same counts and the same problems by row and column, in the caller's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pora_dash import importing
from pora_dash.importing import Actor, ImportInputError, Plan, Problem
from pora_dash.store import db

SHOWN_PROBLEMS = 500  # a file with more says how many were left out
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Request:
    kind: str
    data: bytes
    actor: Actor
    lang: str
    dry_run: bool
    confirm_matches: bool
    sheet: str | None
    agency: str | None
    name: str | None


def file_name(request: Request) -> str:
    """The name recorded in the imports table: the caller's, or one saying where it came from."""
    if request.name:
        return request.name[:200]
    return f"api-{request.kind}.{'xlsx' if request.data.startswith(XLSX_MAGIC) else 'csv'}"


def problems_json(problems: list[Problem], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "row": p.row,
            "column": p.column,
            "key": p.key,
            "message": p.message(lang),
            "text": importing.render(p, lang),
        }
        for p in problems[:SHOWN_PROBLEMS]
    ]


def _plan_json(plan: Plan, lang: str) -> dict[str, Any]:
    return {
        "rows": plan.rows_total,
        "added": plan.added,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "movements": plan.movements,
        "refused_rows": plan.refused_rows,
        "ignored_columns": plan.ignored_columns,
        "matches": [
            {
                "written": m.written,
                "code": m.code,
                "label": m.label,
                "method": m.method,
                "rows": n,
                "to_confirm": m.needs_confirmation,
            }
            for m, n in plan.region_matches()
        ],
        "problems": problems_json(plan.problems, lang),
        "problems_total": len(plan.problems),
    }


def check(request: Request) -> tuple[bool, dict[str, Any]]:
    """`dry_run`: the whole file checked against the database, nothing written (`prepare`)."""
    with db.session_scope() as session:
        plan = importing.prepare(
            session,
            request.data,
            kind=request.kind,
            file_name=file_name(request),
            actor=request.actor,
            sheet=request.sheet,
            default_agency=request.agency,
        )
        ok = plan.ok and (request.confirm_matches or not plan.needs_confirmation)
        return ok, {"status": "checked" if ok else "refused", **_plan_json(plan, request.lang)}


def run(request: Request) -> tuple[bool, dict[str, Any]]:
    """The import (`import_file`): everything in one transaction, or nothing."""
    try:
        outcome = importing.import_file(
            request.data,
            kind=request.kind,
            file_name=file_name(request),
            actor=request.actor,
            sheet=request.sheet,
            default_agency=request.agency,
            confirm_matches=request.confirm_matches,
        )
    except ImportInputError as exc:
        return False, {
            "status": "refused",
            "problems": problems_json(exc.problems, request.lang),
            "problems_total": len(exc.problems),
        }
    return True, {
        "status": "imported",
        "import_id": outcome.import_id,
        "rows": outcome.rows_total,
        "added": outcome.added,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "movements": outcome.movements,
    }


def handle(request: Request) -> tuple[bool, dict[str, Any]]:
    """Check or import; a file that cannot be read at all is refused with its problems."""
    try:
        return check(request) if request.dry_run else run(request)
    except ImportInputError as exc:  # prepare: unreadable file, unknown columns
        return False, {
            "status": "refused",
            "problems": problems_json(exc.problems, request.lang),
            "problems_total": len(exc.problems),
        }
