"""person_age_counts: the summary by birth year, for the age filter, the pyramid and age tables

The summary of 0005 has no age, so every read with an age filter, and the origins page's
pyramid, counted the persons row by row (4.1 s for the first origins page after a write at
demo scale 100). This revision adds a second summary, `person_age_counts`: the key of
`person_counts` plus `birth_year`. The exact birth year, not an age band: the age filter is a
birth-year range that moves with the reference date, so the year serves it on any date, where
a stored band would be wrong the next January.

Why a second table, not a wider `person_counts`: the birth year multiplies the rows (demo
scale 10: 11,003 rows without it, 60,289 with it, for 120,927 active persons), and the reads
without age (headline, areas, map, nationalities: most of them) became 4-7 times slower on
the wider table. Each read takes the smaller table that can answer it.

Triggers as in 0005 (SQLite: row triggers; PostgreSQL: statement triggers on transition
tables, under the same advisory lock as person_counts, so one lock still orders all summary
writers). The downgrade drops the table and its triggers; person_counts is not touched.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

# ruff: noqa: S608  (SQL built from this file's own constants, no input)
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "person_age_counts"
KEY = (
    "kecamatan_code",
    "site_id",
    "nationality",
    "unhcr_status",
    "accommodation",
    "sex",
    "birth_year",
)
_STRINGS = {
    "kecamatan_code": 13,
    "nationality": 3,
    "unhcr_status": 20,
    "accommodation": 20,
    "sex": 1,
}


def _type(column: str) -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.String(length=_STRINGS[column]) if column in _STRINGS else sa.Integer()


def _columns(key: tuple[str, ...]) -> str:
    return ", ".join(("province_code", "kabkota_code", *key))


def _value(row: str, column: str) -> str:
    return f"coalesce({row}.site_id, 0)" if column == "site_id" else f"{row}.{column}"


def _values(row: str, key: tuple[str, ...]) -> str:
    return ", ".join(_value(row, c) for c in ("province_code", "kabkota_code", *key))


def _match(row: str, key: tuple[str, ...]) -> str:
    return " AND ".join(f"{c} = {_value(row, c)}" for c in key)


def _sqlite_triggers() -> list[str]:
    keys, columns = ", ".join(KEY), _columns(KEY)
    upsert = (
        f"INSERT INTO {TABLE} ({columns}, n) VALUES ({_values('NEW', KEY)}, 1) "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = n + 1;"
    )
    leave = f"UPDATE {TABLE} SET n = n - 1 WHERE {_match('OLD', KEY)};"
    return [
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON persons "
        f"WHEN NEW.lifecycle = 'active' BEGIN {upsert} END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON persons "
        f"WHEN OLD.lifecycle = 'active' BEGIN {leave} END",
        # two triggers for an update: the old row leaves its group, the new one joins its own
        f"CREATE TRIGGER {TABLE}_update_old AFTER UPDATE OF lifecycle, {keys} ON persons "
        f"WHEN OLD.lifecycle = 'active' BEGIN {leave} END",
        f"CREATE TRIGGER {TABLE}_update_new AFTER UPDATE OF lifecycle, {keys} ON persons "
        f"WHEN NEW.lifecycle = 'active' BEGIN {upsert} END",
    ]


def _pg_function(name: str, sources: list[tuple[str, str]]) -> str:
    keys, columns = ", ".join(KEY), _columns(KEY)
    rows = " UNION ALL ".join(
        f"SELECT {_values('r', KEY)}, {sign}1 AS n FROM {source} r WHERE r.lifecycle = 'active'"
        for source, sign in sources
    )
    # the lock of person_counts (0005): one lock orders every writer of either summary
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('person_counts'));
  INSERT INTO {TABLE} ({columns}, n)
  SELECT {columns}, sum(n) FROM (
    SELECT r.* FROM ({rows}) AS r({columns}, n)
  ) AS d
  GROUP BY {columns}
  HAVING sum(n) <> 0
  ORDER BY {keys}
  ON CONFLICT ({keys}) DO UPDATE SET n = {TABLE}.n + EXCLUDED.n;
  RETURN NULL;
END $$"""


def _pg_statements() -> list[str]:
    return [
        _pg_function(f"{TABLE}_on_insert", [("new_rows", "")]),
        _pg_function(f"{TABLE}_on_delete", [("old_rows", "-")]),
        _pg_function(f"{TABLE}_on_update", [("old_rows", "-"), ("new_rows", "")]),
        # TRUNCATE fires no INSERT/DELETE triggers: its own empties the summary
        f"CREATE FUNCTION {TABLE}_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN DELETE FROM {TABLE}; RETURN NULL; END $$",
        f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON persons "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_on_truncate()",
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON persons "
        f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {TABLE}_on_insert()",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON persons "
        f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {TABLE}_on_delete()",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON persons "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {TABLE}_on_update()",
    ]


def upgrade() -> None:
    op.create_table(
        TABLE,
        *(sa.Column(c, _type(c), nullable=False) for c in KEY),
        sa.Column("province_code", sa.String(length=13), nullable=False),
        sa.Column("kabkota_code", sa.String(length=13), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY, name=op.f(f"pk_{TABLE}")),
    )
    for column in ("province_code", "kabkota_code"):  # views of a province or kab/kota
        op.create_index(f"ix_{TABLE}_{column}", TABLE, [column])
    # On PostgreSQL the migration is one transaction: no write slips between fill and triggers.
    op.execute(
        f"INSERT INTO {TABLE} ({_columns(KEY)}, n) SELECT {_values('p', KEY)}, count(*) "
        f"FROM persons p WHERE p.lifecycle = 'active' GROUP BY {_values('p', KEY)}"
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for sql in _sqlite_triggers() if sqlite else _pg_statements():
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update_old", "update_new"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    else:
        for name in ("insert", "delete", "update", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON persons")
            op.execute(f"DROP FUNCTION IF EXISTS {TABLE}_on_{name}()")
    op.drop_table(TABLE)
