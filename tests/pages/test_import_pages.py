"""The import and data-quality pages under AppTest, on a private copy of the demo data:
who gets them, what they show, and that a quality link opens the right records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from pora_dash.access.scope import Scope
from pora_dash.reads import quality
from pora_dash.store import db
from pora_dash.store.models import Person
from tests.apptest import app_as


def test_import_page_is_routed_only_for_importing_roles(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/imports.py")
    assert not at.exception
    assert at.title[0].value == "Impor data"
    assert [b.label for b in at.get("download_button")][:2] == ["Templat CSV", "Templat Excel"]
    for username in ("analis", "pimpinan", "pemirsa.jakarta"):
        other = app_as(demo_copy, username, page="app_pages/imports.py")
        assert other.title[0].value != "Impor data"


def test_quality_page_shows_scope_limited_figures(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/quality.py")
    assert not at.exception, at.exception
    brebes = Scope.of(["33.27", "33.28", "33.29", "33.76"])
    with db.session_scope(demo_copy) as session:
        active = session.scalar(
            select(func.count())
            .select_from(Person)
            .where(Person.lifecycle == "active", Person.kabkota_code.in_(brebes.codes or []))
        )
        stale = quality.not_verified(session, scope=brebes)
    texts = [m.value for m in at.markdown]
    assert any(f"{active} orang aktif di cakupan ini." in t for t in texts), texts
    # tabs are lazy: only the open tab's checks ran
    assert not any("belum diverifikasi" in t for t in texts), texts
    at.session_state["quality_tab"] = "Verifikasi"
    at.run()
    texts = [m.value for m in at.markdown]
    assert any(f"{int(stale['count'].sum())} orang aktif belum diverifikasi" in t for t in texts)
    assert (
        app_as(demo_copy, "pimpinan", page="app_pages/quality.py").title[0].value != "Kualitas data"
    )


def test_a_quality_link_opens_only_the_records_of_the_problem(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    with db.session_scope(demo_copy) as session:
        ids = list(
            session.scalars(select(Person.id).where(Person.kabkota_code == "33.29").limit(2))
        )
    at = app_as(
        demo_copy,
        "operator.pemalang",
        page="app_pages/records.py",
        params={"id": ",".join(map(str, ids))},
    )
    table = at.dataframe[0].value
    assert sorted(int(i) for i in table["ID"]) == sorted(ids)
    outside = app_as(
        demo_copy, "operator.pemalang", page="app_pages/records.py", params={"id": "1"}
    )
    with db.session_scope(demo_copy) as session:
        first = session.get(Person, 1)
    if first is not None and first.kabkota_code not in ("33.27", "33.28", "33.29", "33.76"):
        assert not outside.dataframe  # another region's record stays hidden


def test_single_record_entry_names_every_missing_value_then_saves(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page="app_pages/imports.py")
    assert not at.exception, at.exception
    # the entry form is there before any file was uploaded
    assert "No. referensi" in [t.label for t in at.text_input]

    def persons() -> int:
        with db.session_scope(demo_copy) as session:
            return int(session.scalar(select(func.count()).select_from(Person)) or 0)

    before = persons()
    save = next(b for b in at.button if b.label == "Simpan")
    at = save.click().run()
    assert "Data tidak disimpan:" in [e.value for e in at.error]
    problems = at.dataframe[-1].value
    assert list(problems.columns) == ["Kolom", "Masalah"]
    assert list(problems["Kolom"]) == [
        "No. referensi",
        "Kewarganegaraan",
        "Tahun lahir",
        "Tanggal tiba",
    ]
    assert set(problems["Masalah"]) == {"wajib diisi."}
    assert persons() == before

    at.selectbox(key="e_p_agency").set_value("UNHCR")
    at.text_input(key="e_p_ref").input("UJI-FORMULIR-1")
    at.text_input(key="e_p_nat").input("Afganistan")
    at.number_input(key="e_p_year").set_value(1990)
    at.date_input(key="e_p_arr").set_value(dt.date(2024, 5, 1))
    at = next(b for b in at.button if b.label == "Simpan").click().run()
    problems = at.dataframe[-1].value  # named as the form names them
    assert list(problems["Kolom"]) == ["Kecamatan", "Akomodasi"]
    assert persons() == before

    at.selectbox(key="e_p_kec").set_value("33.29.05")
    at.selectbox(key="e_p_acc").set_value("independent")
    at = next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        "Data tersimpan: 1 ditambah, 0 diperbarui, 0 tetap, 0 perpindahan dicatat."
    ]
    with db.session_scope(demo_copy) as session:
        saved = session.scalars(select(Person).where(Person.source_ref == "UJI-FORMULIR-1")).one()
        assert (saved.nationality, saved.kecamatan_code, saved.accommodation) == (
            "AFG",
            "33.29.05",
            "independent",
        )
    assert persons() == before + 1
