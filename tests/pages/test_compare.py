"""Comparison mode through AppTest on the demo data: `banding` (another month) and
`banding_wilayah` (another region) on the overview and the origins page, and the slide.

Each side must show what its own page shows when opened with that side's filter; the change
is the first side minus the second as shown; a viewer sees only published counts; a bad value
is dropped with a notice; a region outside the scope is refused, never shown."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from pora_dash.i18n import fmt_int
from pora_dash.present.disclosure import publish
from tests.apptest import app_as, metric_values

ORIGINS = "app_pages/origins.py"
PRESENTATION = "app_pages/presentation.py"
MEDAN, PEKANBARU = "12.71", "14.71"
PEOPLE = [
    "Orang asing perhatian aktif",
    "Pengungsi",
    "Pencari suaka",
    "Kedatangan baru 30 hari",
    "Kedatangan baru 90 hari",
]


def frames(at) -> list[pd.DataFrame]:  # type: ignore[no-untyped-def]
    return [d.value for d in at.dataframe]


def compared(at, first_column: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The comparison table whose first column is `first_column`, indexed by it."""
    found = [f for f in frames(at) if list(f.columns)[0] == first_column and "Selisih" in f]
    assert len(found) == 1, [list(f.columns) for f in frames(at)]
    return found[0].set_index(first_column)


def number(shown: str) -> int:
    return int(shown.replace(".", ""))


def expected_change(first: str, second: str) -> str:
    if "<5" in (first, second):
        return "–"
    diff = number(first) - number(second)
    return "0" if diff == 0 else f"{'+' if diff > 0 else '−'}{abs(diff):,}".replace(",", ".")


def page_table(at, first_column: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A page's own one-column count table (name -> count as shown)."""
    for f in frames(at):
        if list(f.columns)[0] == first_column and "Jumlah" in f and "Selisih" not in f:
            return {str(k): _shown(v) for k, v in zip(f[first_column], f["Jumlah"], strict=True)}
    raise AssertionError(f"no table {first_column}")


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<5"
    return f"{int(value):,}".replace(",", ".")  # type: ignore[call-overload]


def texts(at) -> str:  # type: ignore[no-untyped-def]
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info")
        for e in getattr(at, kind)
    ]
    parts += [" ".join(map(str, f.columns)) + f.to_string() for f in frames(at)]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("params", "other"),
    [
        ({"banding_wilayah": PEKANBARU}, {"wilayah": PEKANBARU}),
        ({"banding": "2025-11"}, {"wilayah": MEDAN, "tanggal": "2025-11-30"}),
    ],
    ids=["region", "month"],
)
def test_overview_sides_are_the_pages_of_each_filter(demo_db: str, use_db, params, other) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", params={"wilayah": MEDAN, **params})
    assert not at.exception
    alone = app_as(demo_db, "admin", params=other)
    head = compared(at, "Angka")
    first, second = head.columns[0], head.columns[1]
    assert head[first].to_dict() == metric_values(at)  # the page's own cards
    assert head[second].to_dict() == metric_values(alone)
    for label in PEOPLE:
        row = head.loc[label]
        assert row["Selisih"] == expected_change(row[first], row[second]), label
    nat = compared(at, "Kewarganegaraan").drop(index="Jumlah")
    assert nat[second][nat[second] != "0"].to_dict() == page_table(alone, "Kewarganegaraan")
    assert nat[first][nat[first] != "0"].to_dict() == page_table(at, "Kewarganegaraan")
    for name, row in nat.iterrows():
        assert row["Selisih"] == expected_change(row[first], row[second]), name
    status = compared(at, "Status UNHCR")
    assert status.loc["Jumlah", second] == metric_values(alone)["Orang asing perhatian aktif"]


@pytest.mark.parametrize(
    ("params", "other"),
    [
        ({"banding_wilayah": PEKANBARU}, {"wilayah": PEKANBARU}),
        ({"banding": "2024-11"}, {"wilayah": MEDAN, "tanggal": "2024-11-30"}),
    ],
    ids=["region", "month"],
)
def test_origins_sides_are_the_origins_tables_of_each_filter(
    demo_db: str, use_db, params, other
) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=ORIGINS, params={"wilayah": MEDAN, **params})
    assert not at.exception
    alone = app_as(demo_db, "admin", page=ORIGINS, params=other)
    nat = compared(at, "Kewarganegaraan")
    first, second = nat.columns[0], nat.columns[1]
    own, theirs = page_table(at, "Kewarganegaraan"), page_table(alone, "Kewarganegaraan")
    assert nat[first][lambda s: s != "0"].to_dict() == own
    assert nat[second][lambda s: s != "0"].to_dict() == theirs
    status = compared(at, "Status UNHCR")
    assert status[second].to_dict() == page_table(alone, "Status UNHCR")
    assert status[first].to_dict() == page_table(at, "Status UNHCR")
    for name, row in status.iterrows():
        assert row["Selisih"] == expected_change(row[first], row[second]), name


PUBLISHED = re.compile(r"^(0|<5|–|\d{1,3}(\.\d{3})*)$")


@pytest.mark.parametrize("page", [None, ORIGINS])
@pytest.mark.parametrize("params", [{"banding_wilayah": "31.74"}, {"banding": "2025-06"}])
def test_a_viewer_sees_only_published_counts(demo_db: str, use_db, page, params) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pemirsa.jakarta", page=page, params={"wilayah": "31.71", **params})
    assert not at.exception
    head = compared(at, "Angka")
    tables = [head.loc[PEOPLE], compared(at, "Kewarganegaraan"), compared(at, "Status UNHCR")]
    seen = 0
    for table in tables:
        for column in table.columns:
            for value in table[column]:
                value = value.lstrip("+−")  # the typographic minus, never a hyphen
                assert PUBLISHED.match(value), (column, value)
                if value not in ("<5", "–"):
                    assert number(value) % 5 == 0, (column, value)
                    seen += 1
    assert seen > 10


@pytest.mark.parametrize("page", [None, ORIGINS])
def test_a_bad_banding_gives_a_notice_and_the_normal_page(demo_db: str, use_db, page) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=page, params={"wilayah": MEDAN, "banding": "2025-13"})
    normal = app_as(demo_db, "admin", page=page, params={"wilayah": MEDAN})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("'banding'" in n and "'2025-13'" in n for n in notices), notices
    assert not [f for f in frames(at) if "Selisih" in f]
    assert not [s for s in at.subheader if s.value.startswith("Perbandingan")]
    assert metric_values(at) == metric_values(normal)
    assert len(at.dataframe) == len(normal.dataframe)


@pytest.mark.parametrize("page", [None, ORIGINS])
@pytest.mark.parametrize(
    ("user", "wilayah", "outside", "name"),
    [
        ("kesbangpol.brebes", "33.29", MEDAN, "Kota Medan"),
        ("pemirsa.jakarta", "31.71", "33.29", "Brebes"),
    ],
)
def test_a_region_outside_the_scope_is_refused(
    demo_db: str, use_db, page, user, wilayah, outside, name
) -> None:
    use_db(demo_db)
    at = app_as(demo_db, user, page=page, params={"wilayah": wilayah, "banding_wilayah": outside})
    assert not at.exception
    assert any("di luar cakupan" in i.value and outside in i.value for i in at.info)
    assert not [f for f in frames(at) if "Selisih" in f]
    assert name not in texts(at)


def test_the_control_writes_the_url(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", params={"wilayah": MEDAN, "banding": "2025-11"})
    at.selectbox(key="cmp_month").set_value("2025-10").run()
    assert at.query_params["banding"] == "2025-10"
    assert compared(at, "Angka").columns[1] == "31 Oktober 2025"
    at.button(key="cmp_close").click().run()
    assert "banding" not in at.query_params
    assert not [f for f in frames(at) if "Selisih" in f]


def test_the_comparison_slide_is_protected_for_a_team_member(demo_db: str, use_db) -> None:
    use_db(demo_db)
    params = {"wilayah": MEDAN, "banding_wilayah": PEKANBARU, "slide": "7"}
    at = app_as(demo_db, "pimpinan", page=PRESENTATION, params=params)
    assert not at.exception
    head = at.table[0].value.set_index("Angka")
    assert list(head.columns) == ["Kota Medan", "Kota Pekanbaru", "Selisih"]
    for label in PEOPLE:
        for value in head.loc[label]:
            value = value.lstrip("+-")
            assert value in ("<5", "–") or number(value) % 5 == 0, (label, value)
    exact = app_as(demo_db, "pimpinan", params={"wilayah": MEDAN})
    on_screen = number(metric_values(exact)["Orang asing perhatian aktif"])
    # the pimpinan's own screen is exact; the projector shows the published value of it
    assert head.loc["Orang asing perhatian aktif", "Kota Medan"] == fmt_int(publish(on_screen))


def test_the_comparison_slide_defaults_to_a_year_earlier(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", page=PRESENTATION, params={"wilayah": MEDAN, "slide": "7"})
    assert not at.exception
    assert list(at.table[0].value.columns) == [
        "Angka",
        "22 November 2026",
        "22 November 2025",
        "Selisih",
    ]


def test_switching_from_a_month_to_a_region(demo_db: str, use_db) -> None:
    """The kind follows the link once, then the user's choice: from a month comparison to a
    region one, and the URL holds only the new one."""
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=ORIGINS, params={"wilayah": MEDAN, "banding": "2025-11"})
    at.segmented_control(key="cmp_kind").set_value("region").run()
    assert at.selectbox(key="cmp_region").value is None  # nothing chosen yet
    assert at.query_params["banding"] == "2025-11"  # the comparison stays until a region is
    at.selectbox(key="cmp_region").set_value(PEKANBARU).run()
    assert at.query_params["banding_wilayah"] == PEKANBARU
    assert "banding" not in at.query_params
    assert list(compared(at, "Angka").columns[:2]) == ["Kota Medan", "Kota Pekanbaru"]
    assert at.segmented_control(key="cmp_kind").value == "region"


def test_the_comparison_downloads_are_protected_unless_internal(
    demo_db: str, use_db, monkeypatch: pytest.MonkeyPatch, downloads
) -> None:
    """A team member sees Medan exactly on screen; the comparison's workbook is rounded
    unless the internal variant is chosen, and then it holds the screen's exact figures."""
    from pora_dash.render import exports

    made: list[dict[str, pd.DataFrame]] = []
    real = exports.to_excel

    def record(sheets, header):  # type: ignore[no-untyped-def]
        made.append(dict(sheets))
        return real(sheets, header)

    monkeypatch.setattr(exports, "to_excel", record)
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", params={"wilayah": MEDAN, "banding_wilayah": PEKANBARU})
    downloads["perbandingan.xlsx"]  # the click on "Excel"
    book = next(m for m in reversed(made) if "Perbandingan angka utama" in m)
    statuses = book["Menurut status UNHCR"].set_index("Status UNHCR")
    exact = number(compared(at, "Status UNHCR").loc["Jumlah", "Kota Medan"])  # the screen
    assert statuses.loc["Jumlah", "Kota Medan"] == publish(exact)
    for value in statuses[["Kota Medan", "Kota Pekanbaru"]].to_numpy().ravel():
        assert value in ("<5", "–") or value % 5 == 0
    nat = book["Menurut kewarganegaraan"]
    assert all(v in ("<5", "–") or v % 5 == 0 for v in nat["Kota Pekanbaru"])
    assert book["Perbandingan angka utama"].iloc[0, 1] == fmt_int(publish(exact))

    at.toggle(key="internal_perbandingan").set_value(True).run()
    downloads["perbandingan.xlsx"]
    book = next(m for m in reversed(made) if "Perbandingan angka utama" in m)
    screen = compared(at, "Status UNHCR")
    statuses = book["Menurut status UNHCR"].set_index("Status UNHCR")
    assert [f"{v:,}".replace(",", ".") for v in statuses["Kota Medan"]] == list(
        screen["Kota Medan"]
    )
