"""The disclosure rule: what a protected audience may see of counts of people.

Team members (administrator, operator, analyst, leadership, agency member) see exact counts
within their scope on their own screen. Everything else is *protected*: the viewer role,
presentation mode, the rakor brief and every download (unless an exact-access user chooses the
internal variant, marked TERBATAS). For a protected audience, and only there:

- every count of people is rounded to the nearest multiple of 5; 1–4 is shown as "<5"; 0 is 0;
- totals and headline figures are rounded the same way, never summed from rounded parts;
- percentages and rates come from the published counts, shown only where the published base
  is at least 20;
- a breakdown (by nationality, status, area, month, ...) of a population whose published total
  is under 20 is not shown;
- a breakdown whose published figures, together with its total, would still let someone work
  out a count of 1–4 exactly is not shown either. That happens only when every figure of the
  breakdown sits at the edge of its rounding interval (a total of 22 shown as 20 with parts of
  13, 8 and 1 shown as 15, 10 and "<5": 22 − 13 − 8 = 1); `exposed` finds such cases.

Counts that are not people (actions, incidents, operations, meetings, kecamatan) are never
rounded. This module is the only place that knows the rule; every page, slide, file and API
answer goes through it.

>>> publish(0), publish(3), publish(7), publish(8), publish(12295)
(0, None, 5, 10, 12295)
>>> Policy(exact=False).count(3), Policy(exact=False).count(1234), Policy(exact=True).count(3)
('<5', '1.235', '3')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pora_dash.access.permissions import can
from pora_dash.i18n import DEFAULT_LANG, fmt_int, fmt_pct, fmt_signed

BASE = 5  # counts are published as multiples of this
SMALL = "<5"  # how a count of 1..BASE-1 is shown
MIN_BREAKDOWN = 20  # the smallest published total that may be broken down, or be a base
SLACK = BASE // 2  # nearest rounding moves a count by at most this much

Published = int | None  # a published count: a multiple of BASE, or None for "<5"


def publish(n: int) -> Published:
    """The published form of a count of people: the nearest multiple of 5, None for 1–4."""
    if n <= 0:
        return 0
    if n < BASE:
        return None
    return BASE * ((n + SLACK) // BASE)


def bounds(published: Published) -> tuple[int, int]:
    """What a published count tells anyone about the true count (inclusive bounds).

    >>> bounds(None), bounds(0), bounds(5), bounds(20)
    ((1, 4), (0, 0), (5, 7), (18, 22))
    """
    if published is None:
        return 1, BASE - 1
    if published == 0:
        return 0, 0
    if published == BASE:  # 3 and 4 are shown as "<5", so 5 means 5, 6 or 7
        return BASE, BASE + SLACK
    return published - SLACK, published + SLACK


Equation = tuple[Sequence[int], Sequence[int]]  # indices: sum of the left = sum of the right


def exposed(
    counts: Sequence[int], equations: Sequence[Equation], known: Sequence[int] = ()
) -> set[int]:
    """The counts of 1–4 that someone who sees only the published values, and knows that
    the equations hold, can work out exactly.

    The attacker's reasoning: each count lies within the bounds of its published value (the
    counts at the indices `known` are taken as known exactly: a total that other outputs may
    narrow down), and each equation narrows every term to what the others leave room for;
    repeated until nothing narrows further.

    >>> sorted(exposed([22, 13, 8, 1], [([0], [1, 2, 3])]))
    [3]
    >>> sorted(exposed([19, 13, 5, 1], [([0], [1, 2, 3])]))
    []
    >>> sorted(exposed([19, 13, 5, 1], [([0], [1, 2, 3])], known=[0]))
    [3]
    """
    low, high = zip(*(bounds(publish(n)) for n in counts), strict=True) if counts else ((), ())
    lo, hi = list(low), list(high)
    for i in known:
        lo[i] = hi[i] = counts[i]
    changed = True
    while changed:
        changed = False
        for left, right in equations:
            for side, other in ((left, right), (right, left)):
                other_lo, other_hi = sum(lo[i] for i in other), sum(hi[i] for i in other)
                side_lo, side_hi = sum(lo[i] for i in side), sum(hi[i] for i in side)
                for i in side:
                    new_lo = max(lo[i], other_lo - (side_hi - hi[i]))
                    new_hi = min(hi[i], other_hi - (side_lo - lo[i]))
                    if (new_lo, new_hi) != (lo[i], hi[i]):
                        lo[i], hi[i], changed = new_lo, new_hi, True
                        side_lo, side_hi = sum(lo[j] for j in side), sum(hi[j] for j in side)
    return {i for i, n in enumerate(counts) if 0 < n < BASE and lo[i] == hi[i] and i not in known}


@dataclass(frozen=True)
class Shown:
    """A protected (or exact) set of counts: the values to show, or why none are shown."""

    values: list[Published]
    withheld: str | None = None  # None, "too_few" or "would_reveal"

    @property
    def ok(self) -> bool:
        return self.withheld is None


@dataclass(frozen=True)
class Policy:
    """How counts of people are shown to one audience, in one language."""

    exact: bool = False
    lang: str = DEFAULT_LANG

    @classmethod
    def for_screen(cls, role: str, *, presenting: bool = False, lang: str = DEFAULT_LANG) -> Policy:
        """On a screen: exact for team members, protected for viewers and on a projector."""
        return cls(exact=exact_access(role) and not presenting, lang=lang)

    def protected(self) -> Policy:
        return replace(self, exact=False)

    def number(self, n: int | None) -> Published:
        """The count as this audience may see it (None: "<5")."""
        if n is None:
            return 0
        return int(n) if self.exact else publish(int(n))

    def count(self, n: int | None) -> str:
        """The count as text: '12.295', '<5', '0'."""
        return text(self.number(n), self.lang)

    def numbers(self, counts: Sequence[int]) -> list[Published]:
        return [self.number(n) for n in counts]

    def share(self, part: int | None, whole: int | None) -> str:
        """A percentage, from published counts, where the published base is at least 20."""
        value = self.share_value(part, whole)
        return "–" if value is None else fmt_pct(value, self.lang)

    def share_value(self, part: int | None, whole: int | None) -> float | None:
        """`share`'s number (None: not shown); `part` None means an unknown (hidden) part."""
        if part is None or not whole:
            return None
        if self.exact:
            return part / whole
        top, base = publish(part), publish(whole)
        if top is None or base is None or base < MIN_BREAKDOWN:
            return None
        return top / base

    def may_break_down(self, total: int) -> bool:
        """Whether a population of `total` may be broken down for this audience."""
        return self.exact or (publish(total) or 0) >= MIN_BREAKDOWN

    def breakdown(
        self, total: int, parts: Sequence[int], equations: Sequence[Equation] = ()
    ) -> Shown:
        """Parts of a population of `total` (parts add up to it) as this audience may see them.

        Protected: not shown when the published total is under 20, or when the published
        figures would let someone work out a part of 1–4 even knowing the exact total (as
        other breakdowns of the same population might narrow it). `equations` adds further
        sums that the audience sees hold (indices into [total, *parts])."""
        if self.exact:
            return Shown([int(n) for n in parts])
        if not self.may_break_down(total):
            return Shown([], "too_few")
        whole = ([0], list(range(1, len(parts) + 1)))
        if exposed([total, *parts], [whole, *equations], known=[0]):
            return Shown([], "would_reveal")
        return Shown([publish(int(n)) for n in parts])

    def check(
        self,
        counts: Sequence[int],
        equations: Sequence[Equation],
        base: int,
        known: Sequence[int] = (),
    ) -> Shown:
        """Any set of counts tied by `equations` (a cross-table with its margins, a monthly
        series), as this audience may see them; `base` is the population they break down and
        `known` the indices of counts assumed known exactly (the grand total)."""
        if self.exact:
            return Shown([int(n) for n in counts])
        if not self.may_break_down(base):
            return Shown([], "too_few")
        if exposed(counts, equations, known):
            return Shown([], "would_reveal")
        return Shown([publish(int(n)) for n in counts])


def exact_access(role: str) -> bool:
    """Team members see exact counts within their scope; the viewer role does not."""
    return can(role, "exact_counts")


NOT_SHOWN = "–"  # an entry left out of a table (a breakdown of too few people)


def text(value: Published | str, lang: str = DEFAULT_LANG) -> str:
    """A published count as text ("<5" for a small one; a marker like "–" as it is)."""
    if isinstance(value, str):
        return value
    return SMALL if value is None else fmt_int(value, lang)


def for_file(value: Published | str) -> int | str:
    """A published count for a file: a number stays a number, "<5" and markers are text."""
    if isinstance(value, str):
        return value
    return SMALL if value is None else int(value)


def change(now: int, before: int, policy: Policy) -> str | None:
    """A change between two counts as the audience may see it: '+15' or '−5', never
    computed from hidden values: the difference of the two published counts, or None when
    it cannot be stated (a side is "<5", or nothing changed)."""
    a, b = policy.number(now), policy.number(before)
    if a is None or b is None or a == b:
        return None
    return fmt_signed(a - b, policy.lang)
