"""What each role may do and see: the permission table, and pseudonyms for analysts.

How counts of people are shown to an audience (exact or rounded to 5) is decided in one
other place, `pora_dash.present.disclosure`.

>>> can("viewer", "aggregates"), can("viewer", "records")
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac

# The permission table (also in the README). Each role gets exactly what its work needs.
# "exact_counts": the team sees exact counts of people within its scope on its own screen;
# without it (viewers) every count goes through present.disclosure's rounding.
# "api_tokens": personal API tokens (access/tokens.py); a token may write (imports) only
# for a role that also has "import".
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "aggregates",
            "exact_counts",
            "records",
            "records_view",
            "import",
            "quality",
            "edit_meetings",
            "edit_actions",
            "admin",
            "audit",
            "api_tokens",
        }
    ),
    "leadership": frozenset({"aggregates", "exact_counts"}),
    "analyst": frozenset(
        {
            "aggregates",
            "exact_counts",
            "records_pseudonymized",
            "records_view",
            "quality",
            "api_tokens",
        }
    ),
    "operator": frozenset(
        {
            "aggregates",
            "exact_counts",
            "records",
            "records_view",
            "import",
            "quality",
            "edit_meetings",
            "edit_actions",
            "api_tokens",
        }
    ),
    "agency": frozenset({"aggregates", "exact_counts", "edit_own_actions"}),
    "viewer": frozenset({"aggregates"}),
}


def can(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def pseudonym(person_id: int, secret: str) -> str:
    """A stable pseudonym for analysts: the same person always maps to the same code, and
    the code cannot be turned back into the id without the server's secret."""
    digest = hmac.new(secret.encode(), str(person_id).encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


# Columns that identify a person: never in aggregates, exports or presentation mode.
PERSONAL_COLUMNS = frozenset({"full_name", "document_number", "source_ref", "case_number"})


def may_edit(role: str, agency_id: int | None, owner_agency_id: int) -> bool:
    """Operators and administrators edit every action; agency members their agency's own."""
    if can(role, "edit_actions"):
        return True
    return can(role, "edit_own_actions") and agency_id is not None and agency_id == owner_agency_id
