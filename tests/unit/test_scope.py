"""How a user's scope fits the region they ask for."""

from __future__ import annotations

import pytest

from pora_dash.access.scope import Scope

BREBES = Scope.of(["33.29"])
PEMALANG_OFFICE = Scope.of(["33.27", "33.28", "33.29", "33.76"])
NATION = Scope.national()


@pytest.mark.parametrize(
    ("scope", "asked", "shown"),
    [
        (NATION, None, None),
        (NATION, "31.71", "31.71"),
        (BREBES, None, "33.29"),  # one region: start there
        (BREBES, "33.29.05", "33.29.05"),  # inside: as asked
        (BREBES, "33", "33.29"),  # contains the one region: narrowed to it
        (BREBES, "31.71", None),  # outside: nothing
        (BREBES, "33.28", None),  # a neighbour: nothing
        (PEMALANG_OFFICE, None, None),  # several regions: their union
        (PEMALANG_OFFICE, "33", None),  # several inside: not narrowed to one
        (PEMALANG_OFFICE, "33.76", "33.76"),
    ],
)
def test_narrow(scope: Scope, asked, shown) -> None:
    assert scope.narrow(asked) == shown


@pytest.mark.parametrize(
    ("code", "allowed", "partly"),
    [
        ("33.29", True, True),
        ("33.29.05.2001", True, True),
        ("33", False, True),
        ("33.2", False, False),
        ("33.290", False, False),
        ("31", False, False),
    ],
)
def test_allows_is_by_whole_code_segments(code: str, allowed: bool, partly: bool) -> None:
    assert BREBES.allows(code) is allowed
    assert BREBES.covers_part_of(code) is partly
