"""What each role may see, and statistical disclosure control for counts that leave the database.

One switch decides whether small counts are suppressed: `Policy.suppress`, true for every
user without access to person records and always in presentation mode. Pages, maps, charts
and exports format counts through `Policy.count`, never by hand.

>>> p = Policy(suppress=True)
>>> p.count(3), p.count(0), p.count(12295)
('<5', '0', '12.295')
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from pora_dash.i18n import DEFAULT_LANG, fmt_int, fmt_pct

THRESHOLD = 5  # counts 1..4 are shown as "<5"
SUPPRESSED = "<5"

# The permission table (also in the README). Each role gets exactly what its work needs.
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "aggregates",
            "records",
            "records_view",
            "import",
            "quality",
            "edit_meetings",
            "edit_actions",
            "admin",
            "audit",
        }
    ),
    "leadership": frozenset({"aggregates"}),
    "analyst": frozenset({"aggregates", "records_pseudonymized", "records_view", "quality"}),
    "operator": frozenset(
        {
            "aggregates",
            "records",
            "records_view",
            "import",
            "quality",
            "edit_meetings",
            "edit_actions",
        }
    ),
    "agency": frozenset({"aggregates", "edit_own_actions"}),
    "viewer": frozenset({"aggregates"}),
}


def can(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def sees_records(role: str) -> bool:
    """Roles that see person records (named or pseudonymized) may see exact small counts."""
    return can(role, "records") or can(role, "records_pseudonymized")


@dataclass(frozen=True)
class Policy:
    """How counts are shown to the current viewer."""

    suppress: bool = True
    lang: str = DEFAULT_LANG

    @classmethod
    def for_role(cls, role: str, *, presenting: bool = False, lang: str = DEFAULT_LANG) -> Policy:
        return cls(suppress=presenting or not sees_records(role), lang=lang)

    def hides(self, n: int | None) -> bool:
        return self.suppress and n is not None and 0 < n < THRESHOLD

    def count(self, n: int | None) -> str:
        return SUPPRESSED if self.hides(n) else fmt_int(n, self.lang)

    def share(self, part: int, whole: int) -> str:
        """A percentage, withheld when either count is small enough to single someone out."""
        if not whole or self.hides(part) or self.hides(whole):
            return "–"
        return fmt_pct(part / whole, self.lang)

    def value(self, n: int | None) -> int | None:
        """The number for charts and map colours: None where the count is suppressed."""
        return None if self.hides(n) else n


def complementary(counts: Sequence[int], *, total_shown: bool = True) -> list[bool]:
    """Which cells to hide so that no small cell can be recovered from the others.

    Primary: every cell with 0 < n < 5. Secondary: when a visible total leaves exactly one
    hidden cell, hide the smallest other non-zero cell too (total minus the visible parts
    would otherwise give the small count back).

    >>> complementary([3, 40, 12])
    [True, False, True]
    >>> complementary([30, 40, 12])
    [False, False, False]
    """
    hidden = [0 < n < THRESHOLD for n in counts]
    if total_shown and sum(hidden) == 1:
        candidates = [(n, i) for i, n in enumerate(counts) if not hidden[i] and n > 0]
        if candidates:
            hidden[min(candidates)[1]] = True
    return hidden


def suppress_column(
    counts: Sequence[int], policy: Policy, *, total_shown: bool = True
) -> list[str]:
    """Counts as display strings with primary and complementary suppression applied."""
    if not policy.suppress:
        return [policy.count(n) for n in counts]
    hidden = complementary(counts, total_shown=total_shown)
    return [SUPPRESSED if h else policy.count(n) for n, h in zip(counts, hidden, strict=True)]


def pseudonym(person_id: int, secret: str) -> str:
    """A stable pseudonym for analysts: the same person always maps to the same code, and
    the code cannot be turned back into the id without the server's secret."""
    digest = hmac.new(secret.encode(), str(person_id).encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


# Columns that identify a person: never in aggregates, exports or presentation mode.
PERSONAL_COLUMNS = frozenset({"full_name", "document_number", "source_ref", "case_number"})


def export_column(
    counts: Sequence[int], policy: Policy, *, total_shown: bool = True
) -> list[int | str]:
    """Counts for a file: numbers stay numbers, suppressed cells become "<5"."""
    if not policy.suppress:
        return [int(n) for n in counts]
    hidden = complementary(counts, total_shown=total_shown)
    return [SUPPRESSED if h else int(n) for n, h in zip(counts, hidden, strict=True)]
