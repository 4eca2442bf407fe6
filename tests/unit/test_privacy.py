"""The permission table and the analysts' pseudonyms (how counts are shown: test_disclosure)."""

from __future__ import annotations

import pytest

from pora_dash.access import permissions


@pytest.mark.parametrize("role", list(permissions.PERMISSIONS))
def test_only_record_roles_see_records(role: str) -> None:
    sees = permissions.can(role, "records") or permissions.can(role, "records_pseudonymized")
    assert sees == (role in {"admin", "operator", "analyst"})


@pytest.mark.parametrize("role", list(permissions.PERMISSIONS))
def test_every_team_member_sees_exact_counts_and_the_viewer_does_not(role: str) -> None:
    assert permissions.can(role, "exact_counts") == (role != "viewer")


def test_pseudonym_is_stable_and_secret_dependent() -> None:
    assert permissions.pseudonym(7, "s1") == permissions.pseudonym(7, "s1")
    assert permissions.pseudonym(7, "s1") != permissions.pseudonym(7, "s2")
    assert permissions.pseudonym(7, "s1") != permissions.pseudonym(8, "s1")
