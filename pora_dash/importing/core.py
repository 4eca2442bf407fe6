"""The importer: a file -> a checked plan -> one all-or-nothing transaction.

`prepare` reads and validates the whole file and compares it with the database without
writing anything: every problem by row and column, the region matches to confirm, and how
many records would be added, updated or left unchanged. `import_file` runs the same checks
and then writes everything in one transaction (or nothing), records the import in the
`imports` table and the audit log, and bumps the data version.

Matching records: persons by (source agency, source reference), sites by their code,
incidents by (date, kind, region, source agency, description), meetings by (office, date,
title) and their actions by description. So the same file imported twice changes nothing the
second time, and an updated list updates what changed (a person's change of region or site
is recorded as a movement). A column absent from the file leaves that field as it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.config import settings
from pora_dash.importing.kinds import COLUMNS, KINDS, MODELS
from pora_dash.importing.plan import Actor, Context, OutOfScope, Plan, Progress
from pora_dash.importing.problems import ImportInputError, Problem
from pora_dash.importing.reading import Table, read_table
from pora_dash.importing.validation import header_map, validate_row
from pora_dash.store import db
from pora_dash.store.models import (
    IMPORT_KINDS,
    ImportRecord,
)

# ------------------------------------------------------------------------------- lookups


# --------------------------------------------------------------------------------- prepare


def prepare(
    session: Session,
    data: bytes,
    *,
    kind: str,
    file_name: str,
    actor: Actor,
    sheet: str | None = None,
    default_agency: str | None = None,
    limit_mb: int | None = None,
    table: Table | None = None,
) -> Plan:
    """Read and check a file against the database without writing anything.

    Raises `ImportInputError` when the file cannot be read at all; row problems are in
    `plan.problems`."""
    if kind not in IMPORT_KINDS:
        raise ImportInputError([Problem(None, None, "import.bad_kind", {"kind": kind})])
    if table is None:
        table = read_table(
            data, file_name, sheet=sheet, limit_mb=limit_mb or settings().max_upload_mb
        )
    plan = Plan(kind, file_name, hashlib.sha256(data).hexdigest(), table)
    found, plan.ignored_columns = header_map(kind, table.header)
    headers = {c.field: c.header for c in COLUMNS[kind]}
    if not found:  # not this kind's file at all: say what was read and what was expected
        unknown = [h for h in table.header if h.strip()]
        required = [headers[name] for name in MODELS[kind].required_fields]
        raise ImportInputError(
            [
                Problem(
                    1,
                    None,
                    "import.file.no_known_columns",
                    {
                        "unknown": "; ".join(unknown[:30]) + (" …" if len(unknown) > 30 else ""),
                        "missing": "; ".join(required),
                        "template": ";".join(c.header for c in COLUMNS[kind]),
                    },
                )
            ]
        )
    headers.update({f: table.header[i] for f, i in found.items()})
    missing = [
        headers[name]
        for name in MODELS[kind].required_fields
        if name not in found and not (name == "source_agency" and default_agency)
    ]
    region_present = any(f in found for f in ("region_code", "kabkota", "kecamatan", "province"))
    if not region_present and not (kind == "persons" and "site_code" in found):
        missing.append(headers["kabkota"])
    for column in missing:
        plan.problems.append(Problem(1, column, "import.file.missing_column", {"column": column}))
    if missing:
        return plan
    plan.covered = set(found)
    kind_of = KINDS[kind]
    context = Context(session, plan, actor, headers, default_agency, min_level=kind_of.min_level)
    for number, cells in table.rows:
        values = {f: (cells[i] if i < len(cells) else None) for f, i in found.items()}
        row, problems = validate_row(kind, values, number, headers)
        if row is None:
            plan.problems.extend(problems)
            continue
        kind_of.resolve(context, number, row)
    if not plan.problems:
        try:
            kind_of.diff(session, plan, actor)
        except OutOfScope as exc:
            plan.problems.extend(exc.problems)
    return plan


# ----------------------------------------------------------------------------------- write


# ------------------------------------------------------------------------------ the import


@dataclass(frozen=True)
class Outcome:
    import_id: int
    rows_total: int
    added: int
    updated: int
    unchanged: int
    movements: int


def _record(session: Session, plan: Plan, actor: Actor, status: str) -> ImportRecord:
    committed = status == "committed"
    entry = ImportRecord(
        username=actor.username,
        kind=plan.kind,
        file_name=plan.file_name[:255],
        sha256=plan.sha256,
        status=status,
        rows_total=plan.rows_total,
        added=plan.added if committed else 0,
        updated=plan.updated if committed else 0,
        unchanged=plan.unchanged if committed else 0,
        refused=0 if committed else max(plan.refused_rows, 1 if plan.problems else 0),
        movements=plan.movements if committed else 0,
    )
    session.add(entry)
    session.flush()
    auth.audit(
        session,
        "import" if committed else "import_refused",
        username=actor.username,
        target=f"import:{entry.id}",
        kind=plan.kind,
        file=plan.file_name,
        sha256=plan.sha256,
        rows=plan.rows_total,
        added=entry.added,
        updated=entry.updated,
        unchanged=entry.unchanged,
        refused=entry.refused,
    )
    return entry


def _log_refusal(
    url: str | None,
    plan: Plan | None,
    actor: Actor,
    *,
    kind: str,
    file_name: str,
    data: bytes,
    problems: list[Problem],
) -> None:
    """Log a refused import in its own small transaction (nothing of the file is written)."""
    if plan is None:
        plan = Plan(kind, file_name, hashlib.sha256(data).hexdigest(), Table([], []))
    plan.problems = list(problems)
    if kind not in IMPORT_KINDS:
        return
    with db.session_scope(url) as session:
        _record(session, plan, actor, "refused")


def touched_provinces(plan: Plan) -> set[str] | None:
    """The provinces a file changed: where its new and changed rows are and, for a changed
    row, where it was before (a person or a site that moved). None (any province, to be safe)
    for meetings, whose actions are placed through their meeting, and for a row without a
    place."""
    if plan.kind not in ("persons", "incidents", "sites"):
        return None
    touched: set[str] = set()
    for record in plan.records:
        if "id" in record.extra and not record.extra.get("changes"):
            continue  # unchanged
        places = [
            record.values.get("region_code"),
            record.extra.get("old_region"),  # incidents, sites (plan.diff_simple)
            getattr(record.extra.get("old"), "region_code", None),  # persons
        ]
        if not any(places):
            return None  # not known here: any province
        touched.update(str(code)[:2] for code in places if code)
    return touched


def import_file(
    data: bytes,
    *,
    kind: str,
    file_name: str,
    actor: Actor,
    url: str | None = None,
    sheet: str | None = None,
    default_agency: str | None = None,
    confirm_matches: bool = False,
    progress: Progress | None = None,
    on_transaction: Callable[[], None] | None = None,
    table: Table | None = None,
) -> Outcome:
    """Check and write a file in one transaction; `ImportInputError` when refused (nothing
    written, the refusal logged). Similar-spelling region matches need `confirm_matches`."""
    plan: Plan | None = None
    try:
        with db.session_scope(url) as session:
            plan = prepare(
                session,
                data,
                kind=kind,
                file_name=file_name,
                actor=actor,
                sheet=sheet,
                default_agency=default_agency,
                table=table,
            )
            if plan.ok and plan.needs_confirmation and not confirm_matches:
                similar = [m for m, _ in plan.region_matches() if m.needs_confirmation]
                listed = "; ".join(f"{m.written} → {m.label} ({m.code})" for m in similar[:20])
                plan.problems.append(
                    Problem(None, None, "import.confirm_matches", {"matches": listed})
                )
            if not plan.ok:
                raise ImportInputError(plan.problems)
            if on_transaction:
                on_transaction()
            try:
                KINDS[kind].diff(session, plan, actor)  # again, inside the writing transaction
            except OutOfScope as exc:
                raise ImportInputError(exc.problems) from None
            KINDS[kind].write(session, plan, actor, progress)
            entry = _record(session, plan, actor, "committed")
            if plan.added or plan.updated:
                db.bump_data_version(session, touched_provinces(plan))
            outcome = Outcome(
                entry.id, plan.rows_total, plan.added, plan.updated, plan.unchanged, plan.movements
            )
        if plan.added + plan.updated >= db.BULK_ROWS:
            db.refresh_statistics(url)  # committed: the next read is planned on the new sizes
        return outcome
    except ImportInputError as exc:
        _log_refusal(
            url, plan, actor, kind=kind, file_name=file_name, data=data, problems=exc.problems
        )
        raise
    except IntegrityError as exc:
        problem = Problem(None, None, "import.db_refused", {"detail": str(exc.orig)[:200]})
        _log_refusal(
            url, plan, actor, kind=kind, file_name=file_name, data=data, problems=[problem]
        )
        raise ImportInputError([problem]) from None
