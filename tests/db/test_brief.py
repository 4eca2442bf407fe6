"""The rakor brief: its PDF read back with pypdf, its workbook with openpyxl, the CLI, and the
brief page through AppTest, against the queries and the overview page on the demo data."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from pora_dash import brief, cli
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import fmt_int, t
from pora_dash.present.disclosure import Policy, publish
from pora_dash.reads import followups, overview, population, stability
from pora_dash.store import db
from pora_dash.store.models import Action, AuditEntry, Movement, Person
from tests import fixtures
from tests.apptest import app_as, metric_values
from tests.conftest import DEMO_AS_OF

SECTIONS = [
    "1 Angka utama",
    "2 Sebaran per wilayah",
    "3 Asal dan status UNHCR",
    "4 Tren bulanan",
    "5 Insiden dalam periode",
    "6 Tindak lanjut rakor",
    "7 Catatan: sumber data dan kerahasiaan",
]
SHEETS = [
    "Angka utama",
    "Per kabupaten-kota",
    "Kewarganegaraan",
    "Status UNHCR",
    "Tren bulanan",
    "Insiden dalam periode",
    "Tindak lanjut rakor",
    "Ketepatan waktu per instansi",
]


def build(url: str, region: str | None, period: str, *, scope: Scope | None = None, lang="id"):  # type: ignore[no-untyped-def]
    scope = scope or Scope.national()
    with db.session_scope(url) as session:
        content = brief.gather(
            session,
            region=brief.check_region(region, scope),
            period=brief.parse_period(period, today=DEMO_AS_OF),
            scope=scope,
            lang=lang,
            today=DEMO_AS_OF,
        )
    return content, brief.render_pdf(content), brief.render_workbook(content)


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (a label may wrap onto two lines)."""
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def workbook_strings(xlsx: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


@pytest.fixture(scope="module")
def jakarta(demo_db: str):  # type: ignore[no-untyped-def]
    return build(demo_db, "31", "2024-11")


@pytest.fixture(scope="module")
def brebes(demo_db: str):  # type: ignore[no-untyped-def]
    return build(demo_db, "33.29", "2024-07")


@pytest.fixture(scope="module")
def nation(demo_db: str):  # type: ignore[no-untyped-def]
    return build(demo_db, None, "2024")


# --- the period and the region ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "as_of"),
    [
        ("2024-07", "2024-07-01", "2024-07-31", "2024-07-31"),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-02-29"),
        ("2024", "2024-01-01", "2024-12-31", "2024-12-31"),
        (" 2024-07-01..2024-09-30 ", "2024-07-01", "2024-09-30", "2024-09-30"),
        ("2026-11", "2026-11-01", "2026-11-30", "2026-11-22"),  # not over: today's data
    ],
)
def test_a_period_means_its_days_and_ends_on_its_last_one(text, start, end, as_of) -> None:
    period = brief.parse_period(text, today=DEMO_AS_OF)
    assert (period.start, period.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert period.reference_date(DEMO_AS_OF) == dt.date.fromisoformat(as_of)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "brief.period.empty"),
        ("juli", "brief.period.bad"),
        ("2024-13", "brief.period.bad"),
        ("07-2024", "brief.period.bad"),
        ("2024-02-30..2024-03-31", "brief.period.bad_date"),  # names the bad date
        ("2024-09-30..2024-07-01", "brief.period.reversed"),
        ("2027", "brief.period.future"),
        ("1999-12", "brief.period.too_early"),
        ("2019-01-01..2025-12-31", "brief.period.too_long"),
    ],
)
def test_a_bad_period_is_refused_with_its_own_message(text: str, key: str) -> None:
    with pytest.raises(brief.BriefError) as refused:
        brief.parse_period(text, today=DEMO_AS_OF)
    assert refused.value.key == key
    assert text.strip().split("..")[0][:10] in refused.value.message("id")


@pytest.mark.parametrize(
    ("code", "scope", "key"),
    [
        ("99.99", Scope.national(), "brief.region.unknown"),
        ("brebes", Scope.national(), "brief.region.unknown"),
        ("33.29.05.2001", Scope.national(), "brief.region.too_low"),
        ("31", Scope.of(["33.29"]), "brief.region.out_of_scope"),
        ("33", Scope.of(["33.29"]), "brief.region.out_of_scope"),
        (None, Scope.of(["33.29", "33.27"]), "brief.region.needed"),
    ],
)
def test_a_bad_region_is_refused(code, scope, key) -> None:
    with pytest.raises(brief.BriefError) as refused:
        brief.check_region(code, scope)
    assert refused.value.key == key


@pytest.mark.parametrize(
    ("code", "office"),
    [
        (None, "Tim PORA Pusat"),
        ("33", "Tim PORA Provinsi Jawa Tengah"),
        ("33.29", "Tim PORA Kabupaten Brebes"),
        ("31.75", "Tim PORA Kota Administrasi Jakarta Timur"),
        ("33.29.05", "Tim PORA Kecamatan Sirampog"),
    ],
)
def test_the_office_is_the_tim_pora_of_the_region(code, office) -> None:
    assert brief.office_name(code, "id") == office


# --- the PDF ---------------------------------------------------------------------------------


def test_the_pdf_opens_with_cover_sections_and_page_numbers(jakarta) -> None:
    _, pdf, _ = jakarta
    text = pages(pdf)
    cover = text[0]
    for part in ("Tim PORA Provinsi Daerah Khusus Ibukota Jakarta", "Bahan Rapat Koordinasi",
                 "November 2024", "DATA PER 30 November 2024", "DIBUAT 22 November 2026"):  # fmt: skip
        assert part in cover
    whole = " ".join(text)
    positions = [whole.find(heading) for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    for n, page in enumerate(text, start=1):
        assert f"Halaman {n} dari {len(text)}" in page
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Bahan Rapat Koordinasi")


@pytest.mark.parametrize(
    ("region", "period"), [("31", "2024-11"), ("33.29", "2024-07"), (None, "2024")]
)
def test_headline_figures_equal_the_queries(demo_db: str, region, period) -> None:
    content, pdf, _ = build(demo_db, region, period)
    end = brief.parse_period(period, today=DEMO_AS_OF).end
    filters = Filters(wilayah=region, as_of=end)
    show = Policy(exact=False)
    with db.session_scope(demo_db) as session:
        head = overview.headline(session, filters=filters, scope=Scope.national())
        flows = overview.arrivals(session, filters=filters, scope=Scope.national())
        actions = followups.action_counts(session, filters=filters, scope=Scope.national())
    # the share is the published refugees and asylum seekers over the published total
    parts, whole = (publish(head.refugees), publish(head.asylum_seekers)), publish(head.active)
    share = (
        f"{100 * (parts[0] + parts[1]) / whole:.1f}%".replace(".", ",")
        if None not in parts and whole and whole >= 20
        else "–"
    )
    expected = {
        "Orang asing perhatian aktif": show.count(head.active),
        "Pengungsi": show.count(head.refugees),
        "Pencari suaka": show.count(head.asylum_seekers),
        "Memiliki dokumen UNHCR": share,
        "Kedatangan baru 30 hari": show.count(flows.last_30),
        "Kedatangan baru 90 hari": show.count(flows.last_90),
        "Kecamatan dengan pengungsi": fmt_int(head.kecamatan_hosting),  # places, not people
        "Tindak lanjut terbuka": fmt_int(actions.open),  # actions are not people
    }
    assert {f.label: f.value for f in content.figures} == expected
    cover = pages(pdf)[0]
    for label, value in expected.items():
        assert f"{label} {value}" in cover


@pytest.mark.parametrize(
    ("region", "period", "tanggal"),
    [("31", "2024-11", "2024-11-30"), ("33.29", "2024-07", "2024-07-31")],
)
def test_headline_figures_equal_the_slides(demo_db: str, use_db, region, period, tanggal) -> None:
    use_db(demo_db)
    content, pdf, _ = build(demo_db, region, period)
    # the slides are protected like the brief, whoever presents them
    overview = metric_values(
        app_as(
            demo_db,
            "pimpinan",
            page="app_pages/presentation.py",
            params={"wilayah": region, "tanggal": tanggal},
        )
    )
    assert {f.label: f.value for f in content.figures} == overview
    cover = pages(pdf)[0]
    assert all(f"{label} {value}" in cover for label, value in overview.items())


def test_three_people_are_not_broken_down_in_a_protected_pdf(brebes) -> None:
    content, pdf, _ = brebes
    assert content.head.active == 3  # the three Palestinians of Sirampog in the demo data
    text = " ".join(pages(pdf))
    assert "Orang asing perhatian aktif <5" in text
    assert "Palestina PSE" not in text and not re.search(r"Sirampog 33\.29\.05", text)
    assert text.count("Terlalu sedikit untuk dirinci") >= 4  # areas, nationality, status, trend
    assert all("Angka orang dibulatkan ke kelipatan 5" in page for page in pages(pdf))


def test_the_period_in_figures_and_incidents(jakarta, demo_db: str) -> None:
    content, pdf, _ = jakarta
    filters = Filters(wilayah="31", as_of=dt.date(2024, 11, 30))
    with db.session_scope(demo_db) as session:
        arrived = population.arrivals_between(
            session, filters=filters, scope=Scope.national(),
            start=dt.date(2024, 10, 31), end=dt.date(2024, 11, 30),
        )  # fmt: skip
        incidents = stability.incidents(
            session, filters=filters, scope=Scope.national(), period_days=30
        )
    assert len(content.incidents) == len(incidents) > 0
    assert set(content.incidents["date"]) <= {dt.date(2024, 11, d) for d in range(1, 31)}
    text = " ".join(pages(pdf))
    assert f"Periode November 2024: {Policy(exact=False).count(arrived)} kedatangan baru" in text
    assert f"{len(incidents)} insiden tercatat" in text


def test_overdue_actions_come_first(nation, demo_db: str) -> None:
    content, pdf, _ = nation
    flags = list(content.actions["overdue"])
    assert any(flags) and flags == sorted(flags, reverse=True)
    with db.session_scope(demo_db) as session:
        expected = followups.actions(
            session,
            filters=Filters(as_of=dt.date(2024, 12, 31)),
            scope=Scope.national(),
            which=followups.ActionFilter(statuses=followups.PENDING),
        )
    assert list(content.actions["id"]) == list(expected["id"])
    first = content.actions.iloc[0]
    days = (dt.date(2024, 12, 31) - first["due_date"]).days
    assert f"Lewat {days} hari" in " ".join(pages(pdf))


@pytest.mark.parametrize("which", ["jakarta", "nation"])
def test_no_name_or_document_number_leaves_in_either_file(request, demo_db: str, which) -> None:
    _, pdf, xlsx = request.getfixturevalue(which)
    text = " ".join(pages(pdf)) + "\n" + workbook_strings(xlsx)
    with db.session_scope(demo_db) as session:
        personal = session.execute(
            select(Person.full_name, Person.document_number, Person.case_number, Person.source_ref)
        ).all()
        in_charge = session.scalars(select(Action.person_in_charge)).all()
    values = {v for row in personal for v in row if v}
    values |= {name.split(" (")[0] for name in in_charge if name}
    assert len(values) > 1000
    assert not [v for v in values if v in text]


def test_english_when_asked(demo_db: str) -> None:
    _, pdf, _ = build(demo_db, "31", "2024-11", lang="en")
    cover = pages(pdf)[0]
    assert "Coordination Meeting Brief · November 2024" in cover
    assert "1 Headline figures" in cover and "Active persons of concern 2,165" in cover  # 2,167


def test_a_kecamatan_brief_shows_it_among_its_neighbours(demo_db: str) -> None:
    content, pdf, _ = build(demo_db, "33.29.05", "2024-07")
    assert content.office == "Tim PORA Kecamatan Sirampog"
    assert content.map_view.parent == "33.29" and content.map_view.selected == "33.29.05"
    assert "Per kecamatan" in " ".join(pages(pdf))


# --- the workbook ----------------------------------------------------------------------------


def test_the_workbook_has_one_sheet_per_table(jakarta, demo_db: str) -> None:
    _, _, xlsx = jakarta
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == SHEETS
    areas = book["Per kabupaten-kota"]
    assert areas["A1"].value == "Angka orang dibulatkan ke kelipatan 5; <5 = 1–4."
    assert "Tim PORA Provinsi Daerah Khusus Ibukota Jakarta" in areas["A2"].value
    rows = list(areas.iter_rows(values_only=True))
    header = rows.index(("Wilayah", "Kode", "Jumlah", "%"))
    body = {r[1]: r[2] for r in rows[header + 1 :] if r[1]}
    with db.session_scope(demo_db) as session:
        expected = overview.by_area(
            session,
            filters=Filters(wilayah="31", as_of=dt.date(2024, 11, 30)),
            scope=Scope.national(),
        )
    exact = dict(zip(expected["code"], expected["count"], strict=True))
    assert body == {c: publish(int(n)) for c, n in exact.items()}
    # the total is rounded on its own, not summed from rounded parts
    assert rows[-1][0] == "Jumlah" and rows[-1][2] == publish(sum(exact.values()))
    statuses = [r[0] for r in book["Status UNHCR"].iter_rows(values_only=True)]
    assert t("status.refugee") in statuses and t("status.rejected") in statuses


def test_the_workbook_rounds_every_count_of_people(demo_db: str) -> None:
    content, _, xlsx = build(demo_db, "33", "2024-07")
    exact = dict(zip(content.areas["code"], map(int, content.areas["count"]), strict=True))
    assert exact["33.29"] == 3  # Brebes: three people
    rows = list(
        openpyxl.load_workbook(io.BytesIO(xlsx))["Per kabupaten-kota"].iter_rows(values_only=True)
    )
    cells = {r[1]: r[2] for r in rows if r[1] in exact}
    assert cells["33.29"] == "<5"
    for code, value in cells.items():
        assert value == ("<5" if 0 < exact[code] < 5 else publish(exact[code]))


def test_an_internal_brief_is_exact_and_marked_on_every_page_and_sheet(demo_db: str) -> None:
    with db.session_scope(demo_db) as session:
        content = brief.gather(
            session,
            region="33.29",
            period=brief.parse_period("2024-07", today=DEMO_AS_OF),
            scope=Scope.national(),
            lang="id",
            today=DEMO_AS_OF,
            internal=True,
        )
    pdf, xlsx = brief.render_pdf(content), brief.render_workbook(content)
    text = pages(pdf)
    assert all("TERBATAS — untuk anggota Tim PORA" in page for page in text)
    assert "Orang asing perhatian aktif 3" in text[0]
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    for sheet in book.worksheets:
        assert sheet["A1"].value == "TERBATAS — untuk anggota Tim PORA"
    rows = list(book["Per kecamatan"].iter_rows(values_only=True))
    assert ("Sirampog", "33.29.05", 3, "100,0%") in rows


# --- the command line ------------------------------------------------------------------------


def test_the_cli_writes_both_files_and_audits(
    demo_copy: str, use_db, tmp_path: Path, capsys
) -> None:
    use_db(demo_copy)
    out = tmp_path / "bahan"
    code = cli.main(["brief", "--region", "33.29", "--period", "2024-07", "--out", str(out)])
    assert code == 0
    pdf, xlsx = out / "bahan-rakor-33.29-2024-07.pdf", out / "bahan-rakor-33.29-2024-07.xlsx"
    assert "Tim PORA Kabupaten Brebes" in pages(pdf.read_bytes())[0]
    assert openpyxl.load_workbook(xlsx).sheetnames == [
        "Angka utama", "Per kecamatan", *SHEETS[2:]
    ]  # fmt: skip
    assert str(pdf) in capsys.readouterr().out
    with db.session_scope(demo_copy) as session:
        targets = session.scalars(
            select(AuditEntry.target).where(AuditEntry.event == "export")
        ).all()
    assert {pdf.name, xlsx.name} <= set(targets)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "99.99", "--period", "2024-07"], "Kode wilayah tidak dikenal: '99.99'"),
        (["--region", "33.29", "--period", "2024-13"], "Periode tidak dikenali: '2024-13'"),
        (["--region", "33.29", "--period", "2030"], "belum dimulai"),
        (["--region", "31", "--period", "2024", "--as", "kesbangpol.brebes"], "di luar cakupan"),
        (["--region", "33.29", "--period", "2024", "--as", "tidak.ada"], "Pengguna tidak dikenal"),
    ],
)
def test_the_cli_refuses_bad_input_and_writes_nothing(
    demo_db: str, use_db, tmp_path: Path, capsys, args, message
) -> None:
    use_db(demo_db)
    out = tmp_path / "bahan"
    assert cli.main(["brief", *args, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_cli_applies_the_users_scope(demo_copy: str, use_db, tmp_path: Path) -> None:
    use_db(demo_copy)
    args = [
        "brief",
        "--region",
        "33.29",
        "--period",
        "2024",
        "--out",
        str(tmp_path),
        "--lang",
        "en",
    ]
    assert cli.main([*args, "--as", "kesbangpol.brebes"]) == 0
    cover = pages((tmp_path / "bahan-rakor-33.29-2024.pdf").read_bytes())[0]
    assert "Coordination Meeting Brief · Year 2024" in cover
    with db.session_scope(demo_copy) as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.username == "kesbangpol.brebes"


# --- the page --------------------------------------------------------------------------------


def test_the_page_previews_the_figures_and_offers_audited_downloads(
    demo_copy: str, use_db, downloads
) -> None:
    use_db(demo_copy)
    params = {"wilayah": "31", "periode_rakor": "2024-11"}
    at = app_as(demo_copy, "pimpinan", page="app_pages/brief.py", params=params)
    assert not at.exception
    stem = "bahan-rakor-31-2024-11"
    assert set(downloads) == {f"{stem}.pdf", f"{stem}.xlsx"}
    assert at.title[0].value == "Bahan rakor · Tim PORA Provinsi Daerah Khusus Ibukota Jakarta"
    # protected by default: as a viewer sees the overview on the same day
    overview = metric_values(
        app_as(demo_copy, "pemirsa.jakarta", params={"wilayah": "31", "tanggal": "2024-11-30"})
    )
    assert metric_values(at) == overview
    buttons = {b.label: b for b in at.get("download_button")}
    assert set(buttons) == {"Unduh PDF", "Unduh Excel"}
    cover = pages(downloads[f"{stem}.pdf"])[0]
    assert all(f"{label} {value}" in cover for label, value in overview.items())
    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{stem}.xlsx"]))
    assert book.sheetnames == SHEETS
    buttons["Unduh PDF"].click().run()
    with db.session_scope(demo_copy) as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None
    assert (entry.event, entry.username, entry.target) == ("export", "pimpinan", f"{stem}.pdf")


def test_the_page_ignores_a_bad_period_with_a_notice(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(
        demo_db,
        "pimpinan",
        page="app_pages/brief.py",
        params={"wilayah": "33.29", "periode_rakor": "2024-13"},
    )
    assert not at.exception
    assert any("'2024-13'" in i.value for i in at.info)
    assert "November 2026" in at.subheader[0].value  # the current month instead


def test_the_period_picker_writes_the_url(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", page="app_pages/brief.py", params={"wilayah": "31"})
    assert at.subheader[0].value.startswith("Angka utama bahan rakor November 2026")
    at.button_group(key="brief_kind").set_value("year").run()
    at.selectbox(key="brief_year").select("2024").run()
    assert at.query_params["periode_rakor"] == "2024"
    assert "Tahun 2024 (data per 31 Desember 2024)" in at.subheader[0].value
    at.button_group(key="brief_kind").set_value("range").run()
    at.date_input(key="brief_range").set_value((dt.date(2024, 7, 1), dt.date(2024, 9, 30))).run()
    assert at.query_params["periode_rakor"] == "2024-07-01..2024-09-30"
    assert "(data per 30 September 2024)" in at.subheader[0].value
    at.button_group(key="brief_kind").set_value("month").run()
    assert at.query_params["periode_rakor"] == "2024-09"  # the month the range ended in
    assert not at.exception


def test_the_page_starts_at_the_users_region_and_asks_when_there_are_several(
    demo_db: str, use_db
) -> None:
    use_db(demo_db)
    own = app_as(demo_db, "kesbangpol.brebes", page="app_pages/brief.py")
    assert own.title[0].value == "Bahan rakor · Tim PORA Kabupaten Brebes"
    several = app_as(demo_db, "operator.pemalang", page="app_pages/brief.py")
    assert not several.exception
    assert any("Pilih wilayah" in i.value for i in several.info)
    assert not several.get("download_button")


def test_the_page_says_other_filters_do_not_apply(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page="app_pages/brief.py", params={"wilayah": "31", "wn": "AFG"})
    assert any("wilayah yang dipilih saja" in i.value for i in at.info)
    # the figures ignore the nationality filter, and are protected even for an administrator,
    # as a viewer sees them on the overview
    viewer = metric_values(app_as(demo_db, "pemirsa.jakarta", params={"wilayah": "31"}))
    assert metric_values(at) == viewer


# --- both databases --------------------------------------------------------------------------


def test_a_brief_on_each_database(any_db: str) -> None:
    """Three refugees who arrived in Sirampog in July 2024, nine asylum seekers in Tonjong."""
    arrived = dt.date(2024, 7, 3)
    with db.session_scope(any_db) as session:
        fixtures.load_regions(session)
        sirampog = [
            fixtures.person(f"S{i}", "33.29.05", nationality="PSE", arrival=arrived)
            for i in range(3)
        ]
        tonjong = [fixtures.person(f"T{i}", "33.29.06", status="asylum_seeker") for i in range(9)]
        session.add_all(sirampog + tonjong)
        session.flush()
        session.add_all(
            Movement(
                person_id=p.id,
                moved_on=arrived,
                to_region_code="33.29.05",
                to_kecamatan_code="33.29.05",
            )  # fmt: skip
            for p in sirampog
        )
    content, pdf, xlsx = build(any_db, "33.29", "2024-07")
    figures = {f.label: f.value for f in content.figures}
    assert figures["Orang asing perhatian aktif"] == "10"  # 12, rounded to 5
    assert figures["Pengungsi"] == "<5" and figures["Pencari suaka"] == "10"
    assert content.period_arrivals == 3
    text = " ".join(pages(pdf))
    assert "Periode Juli 2024: <5 kedatangan baru" in text
    # 12 people (published 10) are too few to break down by kecamatan
    assert "Terlalu sedikit untuk dirinci" in text and "Tonjong" not in text
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames[1] == "Per kecamatan"


def test_the_brief_shows_the_on_time_rate_per_agency(jakarta) -> None:
    """The on-time table equals the tracker's read for the brief's region and date, in the
    workbook and in the PDF."""
    content, pdf, xlsx = jakarta
    frame = content.on_time
    assert not frame.empty
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["Ketepatan waktu per instansi"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    head = next(i for i, r in enumerate(rows) if r[0] == "Instansi")
    months = sorted(set(frame["month"]))
    table = {r[0]: r[1:] for r in rows[head + 1 :]}
    for r in frame.itertuples():
        cell = table[r.agency][months.index(r.month)]
        assert cell == f"{round(r.rate * 100)}% ({r.due})"
    total_due = frame.groupby("month")["due"].sum()
    last = months[-1]
    assert table["Semua instansi"][-1].endswith(f"({total_due[last]})")
    text = " ".join(pages(pdf))
    assert "Ketepatan waktu per instansi" in text and "Semua instansi" in text


def test_each_headline_figure_has_the_same_month_last_year_beside_it(
    jakarta, demo_db: str, use_db
) -> None:
    """Jakarta, November 2024: beside each figure its value on 30 November 2023 (protected the
    same way) and the change between the two as shown, in the PDF and in the workbook."""
    content, pdf, xlsx = jakarta
    assert content.last_year_date == dt.date(2023, 11, 30)
    show = Policy(exact=False)
    with db.session_scope(demo_db) as session:
        now = overview.headline(
            session, filters=Filters("31", as_of=dt.date(2024, 11, 30)), scope=Scope.national()
        )
        then = overview.headline(
            session, filters=Filters("31", as_of=dt.date(2023, 11, 30)), scope=Scope.national()
        )
    before, after = publish(then.active), publish(now.active)
    assert before and after and before != after  # a real change to show
    sign = "+" if after > before else "\u2212"  # the typographic minus: "−70"
    change = f"{sign}{fmt_int(abs(after - before))}"
    cover = pages(pdf)[0]
    assert f"Setahun lalu: {show.count(then.active)} ({change})" in cover
    assert f"Setahun lalu: {show.count(then.refugees)}" in cover
    assert "sama pada 30 November 2023" in cover
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    rows = list(book["Angka utama"].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Angka")
    assert header[3:5] == ("Setahun lalu (30 November 2023)", "Selisih")
    active = next(r for r in rows if r and r[0] == "Orang asing perhatian aktif")
    assert active[1] == show.count(now.active) and active[3] == show.count(then.active)
    assert active[4].lstrip("'") == change  # "'" keeps a spreadsheet from reading a formula
    # the same figures a year earlier as the slides show them opened on that date
    use_db(demo_db)
    slides = metric_values(
        app_as(
            demo_db,
            "pimpinan",
            page="app_pages/presentation.py",
            params={"wilayah": "31", "tanggal": "2023-11-30"},
        )
    )
    assert {f.label: f.value for f in content.last_year} == slides
