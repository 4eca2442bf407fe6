"""Small-count suppression, complementary suppression, and the permission table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pora_dash import privacy
from pora_dash.privacy import SUPPRESSED, Policy, complementary, suppress_column


@pytest.mark.parametrize(
    ("n", "suppress", "shown"),
    [
        (0, True, "0"),
        (1, True, "<5"),
        (4, True, "<5"),
        (5, True, "5"),
        (12295, True, "12.295"),
        (3, False, "3"),
        (12295, False, "12.295"),
    ],
)
def test_count_display(n: int, suppress: bool, shown: str) -> None:
    assert Policy(suppress=suppress).count(n) == shown


def test_english_format() -> None:
    assert Policy(suppress=False, lang="en").count(12295) == "12,295"


@pytest.mark.parametrize(
    ("role", "presenting", "suppressed"),
    [
        ("admin", False, False),
        ("operator", False, False),
        ("analyst", False, False),
        ("leadership", False, True),
        ("agency", False, True),
        ("viewer", False, True),
        ("admin", True, True),
        ("operator", True, True),
    ],
)
def test_who_gets_suppressed_counts(role: str, presenting: bool, suppressed: bool) -> None:
    assert Policy.for_role(role, presenting=presenting).suppress is suppressed


def test_a_single_small_cell_drags_the_next_smallest_with_it() -> None:
    # total 55 is shown: hiding only the 3 would let 55 - 40 - 12 = 3 be recovered
    assert suppress_column([3, 40, 12], Policy()) == [SUPPRESSED, "40", SUPPRESSED]


def test_two_small_cells_need_no_extra_suppression() -> None:
    assert complementary([3, 2, 40]) == [True, True, False]


def test_zero_cells_are_not_used_as_complements() -> None:
    assert complementary([3, 0, 40]) == [True, False, True]


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12))
def test_no_single_hidden_cell_is_recoverable_from_the_total(counts: list[int]) -> None:
    hidden = complementary(counts)
    small = [0 < n < 5 for n in counts]
    assert all(h for h, s in zip(hidden, small, strict=True) if s)  # every small cell hidden
    hidden_nonzero = [n for n, h in zip(counts, hidden, strict=True) if h and n > 0]
    # with a visible total, the hidden part is either empty or at least two cells
    # (or one cell when there is no other non-zero cell to hide with it)
    others = [n for n, h in zip(counts, hidden, strict=True) if not h and n > 0]
    assert len(hidden_nonzero) != 1 or not others


def test_share_withheld_for_small_counts() -> None:
    assert Policy().share(3, 19) == "–"
    assert Policy(suppress=False).share(3, 19) == "15,8%"


@pytest.mark.parametrize("role", list(privacy.PERMISSIONS))
def test_only_record_roles_see_records(role: str) -> None:
    sees = privacy.can(role, "records") or privacy.can(role, "records_pseudonymized")
    assert sees == (role in {"admin", "operator", "analyst"})


def test_pseudonym_is_stable_and_secret_dependent() -> None:
    assert privacy.pseudonym(7, "s1") == privacy.pseudonym(7, "s1")
    assert privacy.pseudonym(7, "s1") != privacy.pseudonym(7, "s2")
    assert privacy.pseudonym(7, "s1") != privacy.pseudonym(8, "s1")
