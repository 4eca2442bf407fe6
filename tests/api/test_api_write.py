"""POST /api/v1/imports/{kind}: the importer's rules through HTTP. A file with one bad row
writes nothing and names the row; the same file twice changes nothing the second time;
dry_run writes nothing; a read-only token, a row outside the scope, a file over the size
limit and an unknown kind are refused as JSON; an .xlsx body imports like its CSV, and a zip
bomb or a broken workbook is refused with its reason and changes nothing."""

from __future__ import annotations

import io
import uuid

import httpx
from sqlalchemy import func, select

from pora_dash.store import db
from pora_dash.store.models import ImportRecord, Person
from tests import hostile
from tests.api.conftest import Api
from tests.import_world import PERSON_HEADER, csv_bytes


def persons(prefix: str, *, bad_row: bool = False, region: tuple[str, str] | None = None) -> bytes:
    kab, kec = region or ("Kab. Brebes", "Sirampog")
    rows = [
        [
            "UNHCR",
            f"{prefix}-{i}",
            f"Nama Uji {i}",
            "",
            "Afganistan",
            "Pengungsi",
            "L",
            "1990",
            "17/07/2024",
            kab,
            kec,
            "Mandiri",
        ]
        for i in range(3)
    ]
    if bad_row:
        rows[1][8] = "31/02/2024"  # no such date: spreadsheet row 3
    return csv_bytes(rows, PERSON_HEADER)


def count_persons(url: str, prefix: str) -> int:
    with db.session_scope(url) as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.source_ref.like(f"{prefix}-%"))
            )
            or 0
        )


def post(client: httpx.Client, data: bytes, kind: str = "persons", **params: str) -> httpx.Response:
    return client.post(
        f"/imports/{kind}", params=params, content=data, headers={"Content-Type": "text/csv"}
    )


def test_one_bad_row_writes_nothing_and_is_named(api: Api) -> None:
    prefix = f"API-{uuid.uuid4().hex[:8]}"
    with api.client(api.token("operator.pemalang", write=True)) as client:
        response = post(client, persons(prefix, bad_row=True), lang="en")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "refused"
    assert [(p["row"], p["column"]) for p in body["problems"]] == [(3, "Tanggal tiba")]
    assert body["problems"][0]["text"].startswith("Row 3, column Tanggal tiba:")
    assert count_persons(api.url, prefix) == 0


def test_the_same_file_twice_changes_nothing_the_second_time(api: Api) -> None:
    prefix = f"API-{uuid.uuid4().hex[:8]}"
    data = persons(prefix)
    with api.client(api.token("operator.pemalang", write=True)) as client:
        checked = post(client, data, dry_run="1")
        assert checked.status_code == 200, checked.text
        assert checked.json()["status"] == "checked" and checked.json()["added"] == 3
        assert count_persons(api.url, prefix) == 0  # a dry run writes nothing
        first = post(client, data)
        second = post(client, data)
    assert first.status_code == second.status_code == 200, first.text
    assert (first.json()["added"], first.json()["unchanged"]) == (3, 0)
    assert (second.json()["added"], second.json()["updated"], second.json()["unchanged"]) == (
        0,
        0,
        3,
    )
    assert count_persons(api.url, prefix) == 3
    with db.session_scope(api.url) as s:
        record = s.get(ImportRecord, first.json()["import_id"])
        assert record is not None and record.username == "operator.pemalang"


def test_a_row_outside_the_scope_is_refused(api: Api) -> None:
    prefix = f"API-{uuid.uuid4().hex[:8]}"
    jakarta = ("Kota Adm. Jakarta Pusat", "Menteng")
    with api.client(api.token("operator.pemalang", write=True)) as client:
        response = post(client, persons(prefix, region=jakarta))
    assert response.status_code == 422
    assert response.json()["problems"]
    assert count_persons(api.url, prefix) == 0


def test_a_write_needs_a_write_token_a_known_kind_and_a_small_file(api: Api) -> None:
    data = persons(f"API-{uuid.uuid4().hex[:8]}")
    with api.client(api.token("operator.pemalang", write=False)) as client:
        assert post(client, data).status_code == 403
    with api.client(api.token("analis")) as client:
        assert post(client, data).status_code == 403
    with api.client(None) as client:
        assert post(client, data).status_code == 401
    with api.client(api.token("operator.pemalang", write=True)) as client:
        unknown = post(client, data, kind="orang")
        assert unknown.status_code == 404 and "persons" in unknown.json()["message"]
        assert post(client, data, bogus="1").status_code == 400
        big = io.BytesIO(b"x" * (20 * 1024 * 1024 + 1))  # PORA_MAX_UPLOAD_MB is 20 by default
        too_large = client.post("/imports/persons", content=big.getvalue())
        assert too_large.status_code == 413 and too_large.json()["error"] == "too_large"


def xlsx_of(csv_data: bytes) -> bytes:
    """The same rows as an Excel workbook (what an office's register exports)."""
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in csv.reader(io.StringIO(csv_data.decode()), delimiter=";"):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_body_imports_like_its_csv_and_a_hostile_one_changes_nothing(api: Api) -> None:
    prefix = f"API-{uuid.uuid4().hex[:8]}"
    workbook = xlsx_of(persons(prefix))
    assert workbook.startswith(b"PK\x03\x04")
    with api.client(api.token("operator.pemalang", write=True)) as client:
        done = client.post("/imports/persons", content=workbook)  # no Content-Type needed
        assert done.status_code == 200, done.text
        assert (done.json()["added"], done.json()["status"]) == (3, "imported")
        for hostile_body, says in (
            (hostile.xlsx_bomb(300), "more than 200 MB"),  # 300 MiB unpacked
            (b"PK\x03\x04" + b"\x00" * 2000, "xlsx"),
        ):
            refused = client.post("/imports/persons", params={"lang": "en"}, content=hostile_body)
            assert refused.status_code == 422, refused.text[:300]
            text = " ".join(p["text"] for p in refused.json()["problems"])
            assert says in text and "Traceback" not in refused.text
        assert client.get("/headline").status_code == 200  # the server still answers
    assert count_persons(api.url, prefix) == 3
    with db.session_scope(api.url) as s:
        recorded = s.execute(
            select(ImportRecord.status, ImportRecord.added)
            .where(ImportRecord.file_name == "api-persons.xlsx")
            .order_by(ImportRecord.id)
        ).all()
    # the refused files are recorded as refused, with nothing added
    assert [tuple(r) for r in recorded] == [("committed", 3), ("refused", 0), ("refused", 0)]
