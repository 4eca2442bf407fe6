"""person_counts by birth year: the age filter, the pyramid and age tables read the summary

The summary of 0005 had no age, so every read with an age filter, and the origins page's
pyramid, counted the persons row by row (4.1 s for the first origins page after a write at
demo scale 100). This revision adds `birth_year` to the summary's key: the age filter is a
birth-year range that depends on the reference date, so the exact birth year serves it for
any date, where a stored age band would be wrong the next January.

The table is rebuilt (its key changes) and refilled from `persons`; the triggers are those of
0005 with the wider key (SQLite: row triggers; PostgreSQL: statement triggers on transition
tables under an advisory lock). The downgrade rebuilds 0005's table and triggers.

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

KEY_0005 = ("kecamatan_code", "site_id", "nationality", "unhcr_status", "accommodation", "sex")
KEY_0008 = (*KEY_0005, "birth_year")
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


def _sqlite_triggers(key: tuple[str, ...]) -> list[str]:
    keys, columns = ", ".join(key), _columns(key)
    upsert = (
        f"INSERT INTO person_counts ({columns}, n) VALUES ({_values('NEW', key)}, 1) "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = n + 1;"
    )
    leave = f"UPDATE person_counts SET n = n - 1 WHERE {_match('OLD', key)};"
    return [
        f"CREATE TRIGGER person_counts_insert AFTER INSERT ON persons "
        f"WHEN NEW.lifecycle = 'active' BEGIN {upsert} END",
        f"CREATE TRIGGER person_counts_delete AFTER DELETE ON persons "
        f"WHEN OLD.lifecycle = 'active' BEGIN {leave} END",
        # two triggers for an update: the old row leaves its group, the new one joins its own
        f"CREATE TRIGGER person_counts_update_old AFTER UPDATE OF lifecycle, {keys} ON persons "
        f"WHEN OLD.lifecycle = 'active' BEGIN {leave} END",
        f"CREATE TRIGGER person_counts_update_new AFTER UPDATE OF lifecycle, {keys} ON persons "
        f"WHEN NEW.lifecycle = 'active' BEGIN {upsert} END",
    ]


def _pg_function(name: str, sources: list[tuple[str, str]], key: tuple[str, ...]) -> str:
    keys, columns = ", ".join(key), _columns(key)
    rows = " UNION ALL ".join(
        f"SELECT {_values('r', key)}, {sign}1 AS n FROM {source} r WHERE r.lifecycle = 'active'"
        for source, sign in sources
    )
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('person_counts'));
  INSERT INTO person_counts ({columns}, n)
  SELECT {columns}, sum(n) FROM (
    SELECT r.* FROM ({rows}) AS r({columns}, n)
  ) AS d
  GROUP BY {columns}
  HAVING sum(n) <> 0
  ORDER BY {keys}
  ON CONFLICT ({keys}) DO UPDATE SET n = person_counts.n + EXCLUDED.n;
  RETURN NULL;
END $$"""


def _pg_statements(key: tuple[str, ...]) -> list[str]:
    return [
        _pg_function("person_counts_on_insert", [("new_rows", "")], key),
        _pg_function("person_counts_on_delete", [("old_rows", "-")], key),
        _pg_function("person_counts_on_update", [("old_rows", "-"), ("new_rows", "")], key),
        # TRUNCATE fires no INSERT/DELETE triggers: its own empties the summary
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


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update_old", "update_new"):
            op.execute(f"DROP TRIGGER IF EXISTS person_counts_{name}")
    else:
        for name in ("insert", "delete", "update", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS person_counts_{name} ON persons")
            op.execute(f"DROP FUNCTION IF EXISTS person_counts_on_{name}()")


def _rebuild(key: tuple[str, ...]) -> None:
    """Drop the summary and its triggers, create them with `key`, count the persons into it.

    On PostgreSQL the whole migration is one transaction: no write sees the summary half-built.
    On SQLite it holds the write lock from the first statement on."""
    _drop_triggers()
    op.drop_table("person_counts")
    op.create_table(
        "person_counts",
        *(sa.Column(c, _type(c), nullable=False) for c in key),
        sa.Column("province_code", sa.String(length=13), nullable=False),
        sa.Column("kabkota_code", sa.String(length=13), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_person_counts")),
    )
    columns = _columns(key)
    op.execute(
        f"INSERT INTO person_counts ({columns}, n) SELECT {_values('p', key)}, count(*) "
        f"FROM persons p WHERE p.lifecycle = 'active' GROUP BY {_values('p', key)}"
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for sql in _sqlite_triggers(key) if sqlite else _pg_statements(key):
        op.execute(sql)


def upgrade() -> None:
    _rebuild(KEY_0008)


def downgrade() -> None:
    _rebuild(KEY_0005)
