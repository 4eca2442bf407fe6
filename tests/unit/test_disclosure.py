"""The disclosure rule (present.disclosure): rounding to 5, "<5", totals, shares, breakdowns,
and the check that no small count can be worked out from a breakdown and its total.

The check (`exposed`) is compared here with a brute-force attacker that tries every set of
true counts consistent with what is published.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pora_dash.present.disclosure import (
    MIN_BREAKDOWN,
    Policy,
    bounds,
    change,
    exposed,
    publish,
)

PROTECTED, EXACT = Policy(exact=False), Policy(exact=True)


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (0, "0"),
        (1, "<5"),
        (4, "<5"),
        (5, "5"),
        (7, "5"),
        (8, "10"),
        (12, "10"),
        (13, "15"),
        (36, "35"),
        (12295, "12.295"),
        (12297, "12.295"),
        (12298, "12.300"),
    ],
)
def test_a_protected_audience_sees_counts_rounded_to_five(n: int, shown: str) -> None:
    assert PROTECTED.count(n) == shown


@pytest.mark.parametrize("n", [0, 3, 7, 12295])
def test_team_members_see_exact_counts(n: int) -> None:
    assert EXACT.count(n) == f"{n:,}".replace(",", ".")


def test_english_format() -> None:
    assert Policy(exact=True, lang="en").count(12295) == "12,295"


@pytest.mark.parametrize(
    ("role", "presenting", "exact"),
    [
        ("admin", False, True),
        ("operator", False, True),
        ("analyst", False, True),
        ("leadership", False, True),
        ("agency", False, True),
        ("viewer", False, False),
        ("admin", True, False),
        ("leadership", True, False),
    ],
)
def test_who_sees_exact_counts_on_screen(role: str, presenting: bool, exact: bool) -> None:
    assert Policy.for_screen(role, presenting=presenting).exact is exact


@given(st.integers(min_value=0, max_value=100_000))
def test_a_published_count_is_within_two_and_its_bounds_are_tight(n: int) -> None:
    published = publish(n)
    low, high = bounds(published)
    assert low <= n <= high
    assert all(publish(m) == published for m in range(low, high + 1))
    assert (low == 0 or publish(low - 1) != published) and publish(high + 1) != published
    if n >= 5:
        assert abs(int(published or 0) - n) <= 2
    else:
        assert (published is None) == (n > 0)


def test_shares_come_from_published_counts_with_a_base_of_twenty() -> None:
    assert PROTECTED.share(3, 19) == "–"  # a "<5" part
    assert PROTECTED.share(7, 17) == "–"  # base 15 < 20
    assert PROTECTED.share(7, 22) == "25,0%"  # 5 of 20, not 7 of 22
    assert EXACT.share(7, 22) == "31,8%"


def test_a_change_is_the_difference_of_what_is_shown() -> None:
    assert change(36, 22, PROTECTED) == "+15"  # 35 - 20
    assert change(3, 36, PROTECTED) is None  # a "<5" side
    assert change(21, 22, PROTECTED) is None  # both 20
    assert change(22, 23, EXACT) == "−1"


def test_no_breakdown_of_fewer_than_twenty() -> None:
    assert PROTECTED.breakdown(17, [10, 7]).withheld == "too_few"  # 17 -> 15
    assert PROTECTED.breakdown(18, [10, 8]).ok  # 18 -> 20
    assert EXACT.breakdown(3, [3]).values == [3]


def test_a_breakdown_that_gives_a_small_count_back_is_withheld() -> None:
    # 22 shown as 20 ([18, 22]); 13 -> 15 ([13, 17]); 8 -> 10 ([8, 12]): 22 - 13 - 8 = 1
    shown = PROTECTED.breakdown(22, [13, 8, 1])
    assert shown.withheld == "would_reveal"
    assert PROTECTED.breakdown(24, [13, 8, 3]).values == [15, 10, None]


def brute_force_pinned(counts: list[int], known_total: bool) -> set[int]:
    """Counts 1–4 (the total at 0 unless it is known, the parts after it) that every
    assignment consistent with the published values and the sum gives the same value: what
    an attacker learns exactly."""
    total, parts = counts[0], counts[1:]
    ranges = [range(lo, hi + 1) for lo, hi in (bounds(publish(p)) for p in parts)]
    low, high = (total, total) if known_total else bounds(publish(total))
    seen: list[set[int]] = [set() for _ in counts]
    for combo in itertools.product(*ranges):
        if low <= sum(combo) <= high:
            for i, v in enumerate((sum(combo), *combo)):
                seen[i].add(v)
    candidates = range(1 if known_total else 0, len(counts))
    return {i for i in candidates if 0 < counts[i] < 5 and len(seen[i]) == 1}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=4),
    st.booleans(),
)
def test_the_check_finds_exactly_what_a_brute_force_attacker_finds(
    parts: list[int], known_total: bool
) -> None:
    counts = [sum(parts), *parts]
    equation = ([0], list(range(1, len(counts))))
    found = exposed(counts, [equation], known=[0] if known_total else [])
    assert found == brute_force_pinned(counts, known_total)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
def test_a_shown_breakdown_never_lets_a_small_part_be_worked_out(parts: list[int]) -> None:
    total = sum(parts)
    shown = PROTECTED.breakdown(total, parts)
    if not shown.ok:
        assert shown.withheld == "too_few" or exposed(
            [total, *parts], [([0], list(range(1, len(parts) + 1)))], known=[0]
        )
        return
    assert (publish(total) or 0) >= MIN_BREAKDOWN
    # even knowing the exact total, no part of 1–4 is determined
    for i, p in enumerate(parts):
        if 0 < p < 5:
            others = [bounds(v) for j, v in enumerate(shown.values) if j != i]
            high = total - sum(lo for lo, _ in others)
            low = total - sum(hi for _, hi in others)
            assert min(high, 4) > max(low, 1)
