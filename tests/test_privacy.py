"""The permission table and the analysts' pseudonyms (how counts are shown: test_disclosure)."""

from __future__ import annotations

import pytest

from pora_dash import privacy


@pytest.mark.parametrize("role", list(privacy.PERMISSIONS))
def test_only_record_roles_see_records(role: str) -> None:
    sees = privacy.can(role, "records") or privacy.can(role, "records_pseudonymized")
    assert sees == (role in {"admin", "operator", "analyst"})


@pytest.mark.parametrize("role", list(privacy.PERMISSIONS))
def test_every_team_member_sees_exact_counts_and_the_viewer_does_not(role: str) -> None:
    assert privacy.can(role, "exact_counts") == (role != "viewer")


def test_pseudonym_is_stable_and_secret_dependent() -> None:
    assert privacy.pseudonym(7, "s1") == privacy.pseudonym(7, "s1")
    assert privacy.pseudonym(7, "s1") != privacy.pseudonym(7, "s2")
    assert privacy.pseudonym(7, "s1") != privacy.pseudonym(8, "s1")
