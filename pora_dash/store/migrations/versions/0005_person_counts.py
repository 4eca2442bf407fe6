"""person_counts: active persons by place and filter attributes, kept by triggers

The national figures (headline, by area, by nationality, the map, site occupancy) counted
2.5 million persons row by row at demo scale 100: 1.6–2.7 s per read, 12 s for the first
national overview after any write. This summary has one row per combination present
(about 30,000 there) and is kept exact by the database on every write to `persons`, so no
write path of the app (imports, forms, record edits, demo seeding, a restore) can forget it.

SQLite: row triggers (one upsert per changed person). PostgreSQL: statement triggers with
transition tables (one grouped upsert per statement, so a bulk import costs one statement
more, not one per row), serialized by a transaction-level advisory lock so that two
concurrent writers cannot deadlock on the same summary rows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

# ruff: noqa: S608  (SQL built from this file's own constants, no input)
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "kecamatan_code, site_id, nationality, unhcr_status, accommodation, sex"
COLUMNS = f"province_code, kabkota_code, {KEY}"


def _values(row: str) -> str:
    return (
        f"{row}.province_code, {row}.kabkota_code, {row}.kecamatan_code, "
        f"coalesce({row}.site_id, 0), {row}.nationality, {row}.unhcr_status, "
        f"{row}.accommodation, {row}.sex"
    )


def _match(row: str) -> str:
    return " AND ".join(
        f"{c} = {row}.{c}" if c != "site_id" else f"site_id = coalesce({row}.site_id, 0)"
        for c in KEY.split(", ")
    )


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER person_counts_insert AFTER INSERT ON persons
    WHEN NEW.lifecycle = 'active' BEGIN
      INSERT INTO person_counts ({COLUMNS}, n) VALUES ({_values("NEW")}, 1)
      ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
    END""",
    f"""CREATE TRIGGER person_counts_delete AFTER DELETE ON persons
    WHEN OLD.lifecycle = 'active' BEGIN
      UPDATE person_counts SET n = n - 1 WHERE {_match("OLD")};
    END""",
    # two triggers for an update: the old row leaves its group, the new one joins its own
    f"""CREATE TRIGGER person_counts_update_old
    AFTER UPDATE OF lifecycle, {KEY} ON persons
    WHEN OLD.lifecycle = 'active' BEGIN
      UPDATE person_counts SET n = n - 1 WHERE {_match("OLD")};
    END""",
    f"""CREATE TRIGGER person_counts_update_new
    AFTER UPDATE OF lifecycle, {KEY} ON persons
    WHEN NEW.lifecycle = 'active' BEGIN
      INSERT INTO person_counts ({COLUMNS}, n) VALUES ({_values("NEW")}, 1)
      ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
    END""",
]


def _pg_grouped(source: str, sign: str) -> str:
    return f"SELECT {_values('r')}, {sign}1 AS n FROM {source} r WHERE r.lifecycle = 'active'"


def _pg_function(name: str, parts: list[str]) -> str:
    rows = " UNION ALL ".join(parts)
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('person_counts'));
  INSERT INTO person_counts ({COLUMNS}, n)
  SELECT {COLUMNS}, sum(n) FROM (
    SELECT r.* FROM ({rows}) AS r(province_code, kabkota_code, {KEY}, n)
  ) AS d
  GROUP BY {COLUMNS}
  HAVING sum(n) <> 0
  ORDER BY {KEY}
  ON CONFLICT ({KEY}) DO UPDATE SET n = person_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$"""


PG_STATEMENTS = [
    _pg_function("person_counts_on_insert", [_pg_grouped("new_rows", "")]),
    _pg_function("person_counts_on_delete", [_pg_grouped("old_rows", "-")]),
    _pg_function(
        "person_counts_on_update", [_pg_grouped("old_rows", "-"), _pg_grouped("new_rows", "")]
    ),
    # TRUNCATE fires no row or statement-level INSERT/DELETE triggers: its own empties the summary
    "CREATE FUNCTION person_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM person_counts; RETURN NULL; END $$",
    "CREATE TRIGGER person_counts_truncate AFTER TRUNCATE ON persons "
    "FOR EACH STATEMENT EXECUTE FUNCTION person_counts_on_truncate()",
    "CREATE TRIGGER person_counts_insert AFTER INSERT ON persons "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION person_counts_on_insert()",
    "CREATE TRIGGER person_counts_delete AFTER DELETE ON persons "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION person_counts_on_delete()",
    "CREATE TRIGGER person_counts_update AFTER UPDATE ON persons "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION person_counts_on_update()",
]


def upgrade() -> None:
    op.create_table(
        "person_counts",
        sa.Column("kecamatan_code", sa.String(length=13), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("unhcr_status", sa.String(length=20), nullable=False),
        sa.Column("accommodation", sa.String(length=20), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("province_code", sa.String(length=13), nullable=False),
        sa.Column("kabkota_code", sa.String(length=13), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kecamatan_code",
            "site_id",
            "nationality",
            "unhcr_status",
            "accommodation",
            "sex",
            name=op.f("pk_person_counts"),
        ),
    )
    # not in batch mode: a batch that recreates `persons` on SQLite would drop its triggers
    op.create_index("ix_persons_lifecycle_date", "persons", ["lifecycle_date"], unique=False)
    op.execute(
        f"INSERT INTO person_counts ({COLUMNS}, n) "
        f"SELECT province_code, kabkota_code, kecamatan_code, coalesce(site_id, 0), "
        f"nationality, unhcr_status, accommodation, sex, count(*) FROM persons "
        f"WHERE lifecycle = 'active' GROUP BY {COLUMNS.replace('site_id', 'coalesce(site_id, 0)')}"
    )
    statements = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else PG_STATEMENTS
    for sql in statements:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update_old", "update_new"):
            op.execute(f"DROP TRIGGER IF EXISTS person_counts_{name}")
    else:
        for name in ("insert", "delete", "update", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS person_counts_{name} ON persons")
            op.execute(f"DROP FUNCTION IF EXISTS person_counts_on_{name}()")
    op.drop_index("ix_persons_lifecycle_date", table_name="persons")
    op.drop_table("person_counts")
