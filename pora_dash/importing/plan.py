"""What every kind of import shares: who imports (Actor), a checked row (Record), the plan of a file (Plan), the per-file lookups and checks of a row (Context), and the generic steps of comparing with the database and writing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import cast, insert, select, update
from sqlalchemy import column as sa_column
from sqlalchemy import values as sa_values
from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.importing.matching import RegionMatch, match_region
from pora_dash.importing.problems import Problem
from pora_dash.importing.reading import Table
from pora_dash.importing.rows import norm
from pora_dash.store.models import (
    Agency,
    Site,
)

CHUNK = 2000


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Actor:
    """Who imports: their name for the log, and the scope their rows must fall in."""

    username: str
    scope: Scope = field(default_factory=Scope.national)

    @classmethod
    def of(cls, signed_in: auth.SignedIn) -> Actor:
        return cls(signed_in.username, signed_in.scope)


@dataclass
class Record:
    row: int
    key: tuple
    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    """What a file would do: problems, matches to confirm, records and the counts."""

    kind: str
    file_name: str
    sha256: str
    table: Table
    problems: list[Problem] = field(default_factory=list)
    matches: dict[tuple, tuple[RegionMatch, int]] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    covered: set[str] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    movements: int = 0

    @property
    def rows_total(self) -> int:
        return len(self.table.rows)

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems if p.row is not None and p.row > 1})

    @property
    def ok(self) -> bool:
        return not self.problems

    def region_matches(self) -> list[tuple[RegionMatch, int]]:
        """Distinct matches, the ones to confirm (similar spellings) first."""
        return sorted(
            self.matches.values(), key=lambda m: (not m[0].needs_confirmation, m[0].written)
        )

    @property
    def needs_confirmation(self) -> bool:
        return any(m.needs_confirmation for m, _ in self.matches.values())


def placed(code: str) -> dict[str, str | None]:
    parts = code.split(".")
    return {
        "region_code": code,
        "province_code": parts[0],
        "kabkota_code": ".".join(parts[:2]) if len(parts) >= 2 else None,
        "kecamatan_code": ".".join(parts[:3]) if len(parts) >= 3 else None,
    }


class Agencies:
    """Agencies by code or by name, written in any case."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        self.codes: list[str] = []  # for the message: examples that exist here
        for aid, code, name in session.execute(
            select(Agency.id, Agency.code, Agency.name).order_by(Agency.id)
        ):
            self.codes.append(code)
            self.by_key.setdefault(norm(code), aid)
            self.by_key.setdefault(norm(name), aid)

    def find(self, text: str | None) -> int | None:
        return self.by_key.get(norm(text)) if text else None


class Context:
    """Per-file lookups and the kind-specific checks of one validated row."""

    def __init__(
        self,
        session: Session,
        plan: Plan,
        actor: Actor,
        headers: dict[str, str],
        default_agency: str | None,
        *,
        min_level: int,
    ) -> None:
        self.min_level = min_level  # the coarsest region a row of this kind may name
        self.session = session
        self.plan = plan
        self.actor = actor
        self.headers = headers
        self.agencies = Agencies(session)
        self.default_agency = default_agency
        self.seen: dict[tuple, int] = {}
        self.meetings: dict[tuple, tuple[int, dict[str, Any]]] = {}
        self.sites: dict[str, tuple[int, str, str]] | None = None
        self.region_columns = tuple(
            headers[f] for f in ("region_code", "province", "kabkota", "kecamatan", "desa")
        )

    def problem(self, row: int, name: str, key: str, **values: object) -> None:
        column = self.headers.get(name, name)
        self.plan.problems.append(Problem(row, column, key, {"column": column, **values}))

    # ---------------------------------------------------------------- shared checks

    def region(self, number: int, row: Any, fallback: str | None = None) -> str | None:
        written = (row.region_code, row.province, row.kabkota, row.kecamatan, row.desa)
        if not any(written):
            if fallback:
                return fallback
            self.problem(number, "kabkota", "import.region.missing")
            return None
        match = match_region(
            code=row.region_code,
            province=row.province,
            kabkota=row.kabkota,
            kecamatan=row.kecamatan,
            desa=row.desa,
            columns=self.region_columns,
        )
        if match.problem is not None:
            p = match.problem
            self.plan.problems.append(Problem(number, p.column, p.key, {**p.values}))
            return None
        assert match.code is not None
        seen = self.plan.matches.get(written)
        self.plan.matches[written] = (match, (seen[1] if seen else 0) + 1)
        if (reference.region_level(match.code) or 0) < self.min_level:
            self.problem(
                number,
                "kecamatan" if self.min_level == 3 else "kabkota",
                "import.region.too_coarse",
                value=match.label,
            )
            return None
        if not self.actor.scope.allows(match.code):
            self.problem(number, "kabkota", "import.row.out_of_scope", value=match.label)
            return None
        return match.code

    def agency(self, number: int, name: str, text: str | None, *, required: bool) -> int | None:
        text = text or (self.default_agency if name == "source_agency" else None)
        if text is None:
            if required:
                self.problem(number, name, "import.row.missing")
            return None
        found = self.agencies.find(text)
        if found is None:
            if not self.agencies.codes:  # a new installation: say how to add one
                self.problem(number, name, "import.row.no_agencies", value=text)
            else:
                examples = ", ".join(self.agencies.codes[:3])
                self.problem(
                    number, name, "import.row.unknown_agency", value=text, examples=examples
                )
        return found

    def duplicate(self, number: int, key: tuple, name: str) -> bool:
        first = self.seen.setdefault(key, number)
        if first != number:
            self.problem(number, name, "import.row.duplicate", first=first)
            return True
        return False

    def site(self, code: str) -> tuple[int, str, str] | None:
        if self.sites is None:
            self.sites = {
                norm(c): (sid, kind, region)
                for sid, c, kind, region in self.session.execute(
                    select(Site.id, Site.code, Site.kind, Site.region_code)
                )
            }
        return self.sites.get(norm(code))

    # ---------------------------------------------------------------- per kind

    # ---------------------------------------------------------------- against the database


class OutOfScope(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


def chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def covered(plan: Plan, fields: dict[str, tuple[str, ...]]) -> list[str]:
    """The model fields an update may change: those whose columns are in the file."""
    return [name for name, columns in fields.items() if any(c in plan.covered for c in columns)]


def diff_simple(plan: Plan, actor: Actor, existing: dict, fields: list[str]) -> None:
    problems = []
    plan.added = plan.updated = plan.unchanged = 0
    for record in plan.records:
        old = existing.get(record.key[0] if len(record.key) == 1 else record.key)
        if old is None:
            plan.added += 1
            continue
        if not actor.scope.allows(old.region_code):
            problems.append(
                Problem(
                    record.row, None, "import.row.existing_out_of_scope", {"ref": record.key[0]}
                )
            )
            continue
        changes = {f: record.values[f] for f in fields if getattr(old, f) != record.values[f]}
        record.extra.update(id=old.id, changes=changes, old_region=old.region_code)
        if changes:
            plan.updated += 1
        else:
            plan.unchanged += 1
    if problems:
        raise OutOfScope(problems)


def update_by_id(session: Session, model: Any, records: list[Record], **always: Any) -> None:
    """Write the records' changes as bulk UPDATEs by primary key: one executemany per set of
    changed columns (rows changing the same fields share one statement), not one round trip
    per row. A changed region also rewrites the denormalized province/kab-kota/kecamatan."""
    batches: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record in records:
        changes = {**record.extra["changes"], **always}
        if "region_code" in changes:
            changes.update(placed(changes["region_code"]))
        batches.setdefault(tuple(sorted(changes)), []).append({"id": record.extra["id"], **changes})
    postgres = session.get_bind().dialect.name == "postgresql"
    for keys, params in batches.items():
        if postgres:
            update_from_values(session, model.__table__, keys, params)
        else:
            session.execute(update(model), params)


def update_from_values(
    session: Session, table: Any, keys: tuple[str, ...], params: list[dict[str, Any]]
) -> None:
    """PostgreSQL: one `UPDATE ... FROM (VALUES ...)` per slice instead of an executemany,
    which psycopg sends as one statement per row, so that the statement-level triggers that
    keep `person_counts` and `person_age_counts` (migrations 0005, 0008) run once per slice,
    not once per person."""
    columns = [sa_column("id", table.c.id.type), *(sa_column(k, table.c[k].type) for k in keys)]
    per_slice = max(1, 30_000 // len(columns))  # PostgreSQL takes at most 65,535 parameters
    for start in range(0, len(params), per_slice):
        rows = [tuple(p[c.name] for c in columns) for p in params[start : start + per_slice]]
        given = sa_values(*columns, name="changes").data(rows)
        session.execute(
            update(table)
            .where(table.c.id == given.c.id)
            .values({k: cast(given.c[k], table.c[k].type) for k in keys})
        )


def write_simple(model: Any, plan: Plan, session: Session, progress: Progress | None) -> None:
    new = [r.values for r in plan.records if "id" not in r.extra]
    for chunk in chunks(new, CHUNK):
        session.execute(insert(model), chunk)
        if progress:
            progress(len(chunk), len(plan.records))
    changed = [r for r in plan.records if r.extra.get("changes")]
    for chunk in chunks(changed, CHUNK):
        update_by_id(session, model, chunk)
