"""present/compare.py and the comparison's URL parameters: both sides as their own pages show
them, the change from shown counts only, and a bad parameter dropped with a notice."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from pora_dash.filters import Comparison, Filters, comparison_from_query_params, month_end
from pora_dash.present import compare
from pora_dash.present.compare import Sides
from pora_dash.present.disclosure import Policy, publish
from pora_dash.reads.followups import ActionCounts
from pora_dash.reads.overview import Arrivals, Headline

PROTECTED, EXACT = Policy(exact=False), Policy(exact=True)
SIDES = Sides("Kota Medan", "Kota Pekanbaru")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORA_TODAY", "2026-11-22")


@pytest.mark.parametrize(
    ("now", "before", "exact", "protected"),
    [
        (23, 12, "+11", "+15"),
        (12, 23, "−11", "−15"),
        (12, 11, "+1", "0"),  # both shown as 10
        (3, 12, "−9", "–"),  # "<5" on one side: no change can be stated
        (3, 1, "+2", "–"),
        (0, 0, "0", "0"),
        (0, 7, "−7", "−5"),
        (1234, 1000, "+234", "+235"),
    ],
)
def test_difference_is_of_the_counts_as_shown(now, before, exact, protected) -> None:
    assert compare.difference(now, before, EXACT) == exact
    assert compare.difference(now, before, PROTECTED) == protected


def test_a_protected_difference_never_uses_a_hidden_count() -> None:
    """Every difference a protected audience sees is the difference of two published counts."""
    for now, before in itertools.product(range(0, 40), repeat=2):
        shown = compare.difference(now, before, PROTECTED)
        a, b = publish(now), publish(before)
        if a is None or b is None:
            assert shown == "–"
        else:
            assert shown == ("0" if a == b else f"{'+' if a > b else '−'}{abs(a - b)}")


def parts(active: int, refugees: int, seekers: int, arrivals: int, kec: int, actions: int):  # type: ignore[no-untyped-def]
    head = Headline(active, refugees, seekers, refugees + seekers, kec, 3)
    return head, Arrivals(arrivals, 0, arrivals * 2, 0), ActionCounts(actions, 0)


def test_headline_table_shows_both_sides_as_their_cards_and_the_change() -> None:
    table = compare.headline_table(
        parts(1486, 1026, 327, 4, 10, 4), parts(879, 576, 224, 12, 7, 1), SIDES, PROTECTED
    )
    assert list(table.columns) == ["Angka", "Kota Medan", "Kota Pekanbaru", "Selisih"]
    rows = table.set_index("Angka")
    assert rows.loc["Orang asing perhatian aktif"].tolist() == ["1.485", "880", "+605"]
    assert rows.loc["Pengungsi"].tolist() == ["1.025", "575", "+450"]
    assert rows.loc["Kedatangan baru 30 hari"].tolist() == ["<5", "10", "–"]
    assert rows.loc["Memiliki dokumen UNHCR"].tolist() == ["90,9%", "90,9%", "0"]
    # kecamatan and actions are not people: exact, with their exact change
    assert rows.loc["Kecamatan dengan pengungsi"].tolist() == ["10", "7", "+3"]
    assert rows.loc["Tindak lanjut terbuka"].tolist() == ["4", "1", "+3"]


def test_headline_table_in_english_for_an_exact_audience() -> None:
    table = compare.headline_table(
        parts(1486, 1026, 327, 4, 10, 4),
        parts(879, 576, 224, 12, 7, 1),
        SIDES,
        Policy(exact=True, lang="en"),
    )
    rows = table.set_index("Figure")
    assert rows.loc["Refugees"].tolist() == ["1,026", "576", "+450"]
    assert rows.loc["New arrivals, 30 days"].iloc[2] == "−8"


def nat(**counts: int) -> pd.DataFrame:
    return pd.DataFrame({"nationality": list(counts), "count": list(counts.values())})


def test_side_by_side_is_the_union_of_rows_with_totals_and_changes() -> None:
    first = compare.nationality_side(nat(AFG=40, SOM=22, PSE=3), PROTECTED)
    second = compare.nationality_side(nat(AFG=31, IRQ=12), PROTECTED)
    out = compare.side_by_side(
        first, second, title="Kewarganegaraan", name=str, sides=SIDES, policy=PROTECTED
    )
    assert out.ok and out.withheld == (None, None)
    assert out.table.values.tolist() == [
        ["AFG", "40", "30", "+10"],
        ["SOM", "20", "0", "+20"],
        ["PSE", "<5", "0", "–"],  # "<5" sorts just above 0
        ["IRQ", "0", "10", "−10"],  # the typographic minus
        ["Jumlah", "65", "45", "+20"],
    ]


def test_a_side_too_small_to_break_down_is_left_out_but_the_other_is_shown() -> None:
    first = compare.nationality_side(nat(AFG=40, SOM=22), PROTECTED)
    second = compare.nationality_side(nat(PSE=3, AFG=9), PROTECTED)  # 12 people: too few
    out = compare.side_by_side(
        first, second, title="Kewarganegaraan", name=str, sides=SIDES, policy=PROTECTED
    )
    assert out.ok and out.withheld == (None, "too_few")
    assert out.table["Kota Pekanbaru"].unique().tolist() == ["–"]
    assert out.table["Selisih"].unique().tolist() == ["–"]
    assert out.table["Kota Medan"].tolist() == ["40", "20", "60"]
    # an exact audience sees both sides in full
    exact = compare.side_by_side(
        compare.nationality_side(nat(AFG=40, SOM=22), EXACT),
        compare.nationality_side(nat(PSE=3, AFG=9), EXACT),
        title="Kewarganegaraan",
        name=str,
        sides=SIDES,
        policy=EXACT,
    )
    assert exact.table.values.tolist()[-1] == ["Jumlah", "62", "12", "+50"]


def test_both_sides_withheld_shows_nothing() -> None:
    small = compare.nationality_side(nat(AFG=9), PROTECTED)
    out = compare.side_by_side(small, small, title="x", name=str, sides=SIDES, policy=PROTECTED)
    assert not out.ok and out.table.empty


def test_statuses_keep_their_order_and_zeros() -> None:
    frame = pd.DataFrame({"status": ["asylum_seeker", "refugee"], "count": [30, 60]})
    first = compare.status_side(frame, EXACT)
    out = compare.side_by_side(
        first, first, title="Status", name=str, sides=SIDES, policy=EXACT, ordered=True
    )
    assert out.table["Status"].tolist()[:2] == ["refugee", "asylum_seeker"]
    assert len(out.table) == 6  # five statuses and the total


def test_margin_side_is_the_origins_margin() -> None:
    from pora_dash.present.origins import nat_status_table  # the origins page's own table

    long = pd.DataFrame(
        {
            "row": ["AFG", "AFG", "SOM"],
            "column": ["refugee", "asylum_seeker", "refugee"],
            "count": [30, 12, 21],
        }
    )
    cross = nat_status_table(long)
    rows = compare.margin_side(cross, "rows", PROTECTED)
    assert rows.shown.values["count"].tolist() == [40, 20, 65]
    assert rows.raw["count"].tolist() == [42, 21, 63]


def test_sides_are_named_by_date_or_region() -> None:
    filters = Filters(wilayah="12.71", as_of=dt.date(2026, 11, 22))
    by_month = Comparison("period", Filters("12.71", as_of=dt.date(2025, 11, 30)), "banding", "x")
    assert Sides.of(filters, by_month, "Kota Medan", "id") == Sides(
        "22 November 2026", "30 November 2025"
    )
    by_region = Comparison("region", Filters("14.71", as_of=filters.as_of), "banding_wilayah", "")
    assert Sides.of(filters, by_region, "Kota Medan", "id") == Sides("Kota Medan", "Kota Pekanbaru")
    same = Comparison("region", filters, "banding_wilayah", "12.71")
    assert Sides.of(filters, same, "Kota Medan", "id").second == "Kota Medan (pembanding)"


@pytest.mark.parametrize(
    ("params", "kind", "other", "notices"),
    [
        ({"banding": "2025-11"}, "period", dt.date(2025, 11, 30), []),
        ({"banding": "2026-11"}, "period", dt.date(2026, 11, 22), []),  # this month: today
        ({"banding": "2025-13"}, None, None, [("notice.bad_param", "banding", "2025-13")]),
        ({"banding": "2027-01"}, None, None, [("notice.bad_param", "banding", "2027-01")]),
        ({"banding": "1989-12"}, None, None, [("notice.bad_param", "banding", "1989-12")]),
        ({"banding": "nov"}, None, None, [("notice.bad_param", "banding", "nov")]),
        ({"banding_wilayah": "14.71"}, "region", "14.71", []),
        (
            {"banding_wilayah": "99.99"},
            None,
            None,
            [("notice.bad_param", "banding_wilayah", "99.99")],
        ),
        (
            {"banding": "2025-11", "banding_wilayah": "14.71"},
            "period",
            dt.date(2025, 11, 30),
            [("notice.compare_one", "banding_wilayah", "14.71")],
        ),
        ({}, None, None, []),
    ],
)
def test_comparison_from_the_url(params, kind, other, notices) -> None:
    filters = Filters(wilayah="12.71", nationalities=("AFG",))
    found, notes = comparison_from_query_params(params, filters)
    assert notes == notices
    if kind is None:
        assert found is None
        return
    assert found is not None and found.kind == kind
    assert found.other.nationalities == ("AFG",)  # the rest of the filter is the page's
    if kind == "period":
        assert found.other.as_of == other and found.other.wilayah == "12.71"
    else:
        assert found.other.wilayah == other and found.other.as_of is None


def test_month_end() -> None:
    assert month_end("2024-02") == dt.date(2024, 2, 29)
    assert month_end("2024-2") is None


def test_year_before_and_recent_months() -> None:
    assert compare.year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert compare.recent_months(dt.date(2026, 1, 5), 2) == ["2026-01", "2025-12"]


def test_for_a_file_counts_stay_numbers() -> None:
    first = compare.nationality_side(nat(AFG=40, PSE=3), PROTECTED)
    out = compare.side_by_side(
        first, first, title="x", name=str, sides=SIDES, policy=PROTECTED, for_file=True
    )
    assert out.table.values.tolist() == [["AFG", 40, 40, "0"], ["PSE", "<5", "<5", "–"],
                                         ["Jumlah", 45, 45, "0"]]  # fmt: skip


def test_a_file_keeps_the_ascii_minus_the_screen_shows_the_typographic_one() -> None:
    first = compare.nationality_side(nat(AFG=30), PROTECTED)
    second = compare.nationality_side(nat(AFG=40), PROTECTED)
    kw = {"title": "x", "name": str, "sides": SIDES, "policy": PROTECTED}
    assert compare.side_by_side(first, second, **kw).table.iloc[0, 3] == "−10"
    assert compare.side_by_side(first, second, for_file=True, **kw).table.iloc[0, 3] == "-10"
