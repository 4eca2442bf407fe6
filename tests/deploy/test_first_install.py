"""Set-up from nothing (issue 18): the template's example row imports for whoever downloads
it; an empty database gets an agency and users by CLI and imports a first list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pora_dash.access import auth
from pora_dash.access.scope import Scope
from pora_dash.importing import Actor, prepare, render
from pora_dash.importing.templates import examples_for, template_csv, template_xlsx
from pora_dash.store import db
from pora_dash.store.models import Agency, AuditEntry, User
from tests.apptest import app_as, metric_values
from tests.conftest import sqlite_url
from tests.pages.test_overview import ACTIVE

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-panjang-2026"


def _actor(url: str, username: str) -> Actor:
    with db.session_scope(url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return Actor.of(auth._signed_in(session, user))


@pytest.mark.parametrize("username", ["operator.pemalang", "kesbangpol.brebes", "admin"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_templates_example_row_imports_for_its_user(
    demo_copy: str, use_db, username: str, fmt: str
) -> None:
    use_db(demo_copy)
    actor = _actor(demo_copy, username)
    examples = examples_for(actor.scope)
    data = (
        template_csv("persons", examples)
        if fmt == "csv"
        else template_xlsx("persons", "id", examples)
    )
    with db.session_scope(demo_copy) as session:
        plan = prepare(session, data, kind="persons", file_name=f"t.{fmt}", actor=actor)
    assert [render(p, "id") for p in plan.problems] == []
    assert plan.ok and plan.rows_total == 1


def test_a_scope_without_brebes_gets_an_example_of_its_own(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    actor = Actor("operator.pemalang", Scope.of(["33.27"]))  # Pemalang only
    examples = examples_for(actor.scope)
    assert examples["region_code"].startswith("33.27.")
    assert examples["kabkota"] == "Kabupaten Pemalang"
    with db.session_scope(demo_copy) as session:
        plan = prepare(
            session,
            template_csv("persons", examples),
            kind="persons",
            file_name="t.csv",
            actor=actor,
        )
    assert [render(p, "id") for p in plan.problems] == [] and plan.added == 1


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def nothing(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """No database at all (SQLite) or an empty one without schema (PostgreSQL)."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "neu.db")
    return request.getfixturevalue("pg_url")


def pora(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORA_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "pora_dash", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ok(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    return run.stdout


def test_from_an_empty_database_to_the_first_list(nothing: str, use_db, tmp_path: Path) -> None:
    url = nothing
    assert "0 orang demo" in ok(pora(url, "init-db"))  # no --demo
    assert "Belum ada instansi" in ok(pora(url, "agency", "list"))

    # the first list, before any agency exists: the message says how to add one
    first = tmp_path / "daftar-pertama.csv"
    first.write_bytes(template_csv("persons", examples_for(Scope.of(["33.27"]))))
    refused = pora(url, "import", str(first), "--kind", "persons")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "belum ada instansi terdaftar" in refused.stderr
    assert "mis. UNHCR" not in refused.stderr

    # agencies, then users: a national administrator and leader, a scoped operator
    assert "Instansi UNHCR ditambahkan." in ok(
        pora(
            url, "agency", "add", "--code", "unhcr", "--name", "UNHCR Indonesia", "--kind", "unhcr"
        )
    )
    ok(
        pora(
            url,
            "agency",
            "add",
            "--code",
            "KANIM-PEMALANG",
            "--kind",
            "imigrasi",
            "--name",
            "Kantor Imigrasi Pemalang",
            "--region",
            "33.27",
            "--email",
            "kanim.pemalang@imigrasi.example",
        )
    )
    bad_mail = pora(
        url, "agency", "add", "--code", "IOM", "--name", "IOM", "--kind", "iom", "--email", "iom@"
    )
    assert bad_mail.returncode == 2 and "tidak valid" in bad_mail.stderr
    with db.session_scope(url) as session:
        emails = dict(session.execute(select(Agency.code, Agency.contact_email)).all())
    assert emails == {"UNHCR": None, "KANIM-PEMALANG": "kanim.pemalang@imigrasi.example"}
    dup = pora(url, "agency", "add", "--code", "UNHCR", "--name", "x", "--kind", "unhcr")
    assert dup.returncode == 2 and "sudah ada" in dup.stderr
    listed = ok(pora(url, "agency", "list"))
    assert "KANIM-PEMALANG\timigrasi\t33.27\tKantor Imigrasi Pemalang" in listed
    admin = ok(
        pora(
            url,
            "create-user",
            "--username",
            "admin.pusat",
            "--role",
            "admin",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    )
    assert "Masuk:" in admin and "admin.pusat" in admin
    ok(
        pora(
            url,
            "create-user",
            "--username",
            "pimpinan.nasional",
            "--role",
            "leadership",
            "--national",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    )
    ok(
        pora(
            url,
            "create-user",
            "--username",
            "op.pemalang",
            "--role",
            "operator",
            "--region",
            "33.27",
            "--agency",
            "KANIM-PEMALANG",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    )
    wrong = pora(
        url,
        "create-user",
        "--username",
        "x",
        "--role",
        "agency",
        "--region",
        "33.27",
        "--agency",
        "POLRI-9",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert wrong.returncode == 2 and "instansi yang ada: KANIM-PEMALANG, UNHCR" in wrong.stderr

    with db.session_scope(url) as session:
        national = session.scalar(select(User).where(User.username == "pimpinan.nasional"))
        assert national is not None and auth.scope_of(session, national).is_national
        operator = session.scalar(select(User).where(User.username == "op.pemalang"))
        assert operator is not None and auth.scope_of(session, operator) == Scope.of(["33.27"])
        created = session.scalars(
            select(AuditEntry.target).where(AuditEntry.event == "agency_created")
        ).all()
        assert sorted(created) == ["KANIM-PEMALANG", "UNHCR"]

    # the operator imports the template's first list (its example row, in Pemalang)
    done = ok(pora(url, "import", str(first), "--kind", "persons", "--as", "op.pemalang"))
    assert "Impor selesai: 1 baris; ditambah 1" in done

    # and the overview shows it, to the national administrator (exact figures)
    use_db(url)
    at = app_as(url, "admin.pusat")
    assert not at.exception
    assert metric_values(at)[ACTIVE] == "1"
    pemalang = app_as(url, "admin.pusat", params={"wilayah": "33.27"})
    assert metric_values(pemalang)[ACTIVE] == "1"
    brebes = app_as(url, "admin.pusat", params={"wilayah": "33.29"})
    assert metric_values(brebes)[ACTIVE] == "0"
    assert "Instalasi baru: tiga langkah pertama" not in [s.value for s in at.subheader]


def test_agencies_and_a_national_user_on_the_users_page(any_db: str, use_db) -> None:
    from tests import fixtures

    use_db(any_db)
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        auth.create_user(
            session, username="admin.pusat", password=PASSWORD, role="admin", regions=[]
        )
    at = app_as(any_db, "admin.pusat", page="app_pages/users.py")
    assert not at.exception

    at.selectbox(key="agency_kind").set_value("satpolpp")
    at.text_input(key="agency_code").input("satpolpp-33.29")
    at.text_input(key="agency_name").input("Satpol PP Kab. Brebes")
    at.selectbox(key="agency_region").set_value("33.29")
    next(b for b in at.button if b.label == "Tambah instansi").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Instansi SATPOLPP-33.29 ditambahkan." in s.value for s in at.success)
    # the same code again is refused with a message
    at.selectbox(key="agency_kind").set_value("satpolpp")
    at.text_input(key="agency_code").input("SATPOLPP-33.29")
    at.text_input(key="agency_name").input("Lagi")
    next(b for b in at.button if b.label == "Tambah instansi").click()
    at.run()
    assert any("sudah ada" in e.value for e in at.error)

    # a national leader through the new-user form
    at = app_as(any_db, "admin.pusat", page="app_pages/users.py")
    new = at.text_input
    new[0].input("pimpinan.nasional")
    next(t for t in new if t.label == "Kata sandi").input(PASSWORD)
    at.selectbox[0].set_value("leadership")
    at.checkbox(key="new_national").check()
    next(b for b in at.button if b.label == "Buat pengguna").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]

    with db.session_scope(any_db) as session:
        agency = session.scalar(select(Agency).where(Agency.code == "SATPOLPP-33.29"))
        assert agency is not None and (agency.kind, agency.region_code) == ("satpolpp", "33.29")
        audited = session.scalar(
            select(AuditEntry.username).where(AuditEntry.event == "agency_created")
        )
        assert audited == "admin.pusat"
        leader = session.scalar(select(User).where(User.username == "pimpinan.nasional"))
        assert leader is not None and leader.role == "leadership"
        assert auth.scope_of(session, leader).is_national


def test_the_first_run_screen_shows_the_three_steps_until_the_first_list(
    sqlite_db: str, use_db
) -> None:
    from tests import fixtures

    use_db(sqlite_db)
    with db.session_scope(sqlite_db) as session:
        fixtures.load_regions(session)
        for name, role, regions in (("admin.pusat", "admin", []), ("tamu", "viewer", ["33"])):
            auth.create_user(session, username=name, password=PASSWORD, role=role, regions=regions)
    at = app_as(sqlite_db, "admin.pusat")
    assert not at.exception
    assert "Instalasi baru: tiga langkah pertama" in [s.value for s in at.subheader]
    links = [(p.proto.label, p.proto.page) for p in at.get("page_link")]
    assert [label[:2] for label, _ in links] == ["✓ ", "✓ ", "3."]  # fixtures: agencies, a user
    assert [page.rsplit("/", 1)[-1] for _, page in links] == ["pengguna", "pengguna", "impor"]
    # not for other roles
    viewer = app_as(sqlite_db, "tamu")
    assert "Instalasi baru: tiga langkah pertama" not in [s.value for s in viewer.subheader]
