"""Person records: named for operators, pseudonymized for analysts, scope-limited, audited."""

from __future__ import annotations

from sqlalchemy import select, text

from pora_dash.store import db
from pora_dash.store.models import AuditEntry
from tests.apptest import app_as


def _names_in(url: str, where: str = "") -> set[str]:
    with db.session_scope(url) as session:
        query = f"SELECT full_name FROM persons WHERE full_name IS NOT NULL {where}"  # noqa: S608
        rows = session.execute(text(query))
        return {r[0] for r in rows}


def _last_audit(url: str, event: str) -> AuditEntry:
    with db.session_scope(url) as session:
        return session.scalars(
            select(AuditEntry).where(AuditEntry.event == event).order_by(AuditEntry.id.desc())
        ).first()


def test_analyst_sees_pseudonyms_and_no_personal_data(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "analis", page="app_pages/records.py", params={"wilayah": "33.29.05"})
    assert not at.exception
    table = at.dataframe[0].value
    assert "Nama" not in table.columns and "Nomor dokumen UNHCR" not in table.columns
    assert len(table) == 3
    assert all(p.startswith("P-") for p in table["Pseudonim"])
    text_of_page = table.to_string()
    assert not any(
        name in text_of_page for name in _names_in(demo_db, "AND kecamatan_code = '33.29.05'")
    )
    entry = _last_audit(demo_db, "records_view")
    assert entry.username == "analis" and '"named": false' in entry.detail


def test_operator_sees_names_only_in_scope(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "operator.pemalang", page="app_pages/records.py", params={"wilayah": "31"})
    assert any("di luar cakupan" in i.value for i in at.info)
    table = at.dataframe[0].value
    assert "Nama" in table.columns and len(table) > 0
    ids = ",".join(str(int(i)) for i in table["ID"])
    with db.session_scope(demo_db) as session:
        places = set(session.scalars(text(f"SELECT kabkota_code FROM persons WHERE id IN ({ids})")))  # noqa: S608
    assert places <= {"33.27", "33.28", "33.29", "33.76"}
    assert _last_audit(demo_db, "records_view").username == "operator.pemalang"


def test_leadership_has_no_records_page(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", page="app_pages/records.py")
    assert at.title[0].value.startswith("Ringkasan")
    assert not any("Pseudonim" in str(df.value.columns) for df in at.dataframe)
