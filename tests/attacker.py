"""An attacker of the disclosure rule, written apart from the rule's own code.

It reads what a protected audience is shown (as text: "1.235", "<5", "0", "–"), knows the
published rule (counts rounded to the nearest multiple of 5, 1–4 as "<5"), and knows which
sums hold between the figures (a total and its parts, consecutive months). From those alone it
narrows every figure to the values still possible; a count of 1–4 narrowed to one value is a
leak. Used by test_disclosure_attack.py and the browser tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

Interval = tuple[int, int]
Sum = tuple[Sequence[str], Sequence[str]]  # names: sum of the left = sum of the right


class Unpublished(AssertionError):
    """A protected output showed a count that is not a published value (a leak by itself)."""


def read(shown: str) -> Interval | None:
    """What a shown count tells the attacker: its possible true values, or None ("–")."""
    shown = shown.strip()
    if shown in ("–", "-", ""):
        return None
    if shown == "<5":
        return (1, 4)
    digits = re.sub(r"[.,\s]", "", shown)
    if not digits.isdigit():
        raise ValueError(f"not a count: {shown!r}")
    n = int(digits)
    if n % 5:
        raise Unpublished(f"{shown!r} is not a multiple of 5")
    if n == 0:
        return (0, 0)
    if n == 5:
        return (5, 7)  # 3 and 4 would be "<5"
    return (n - 2, n + 2)


MAX_ROUNDS = 200


def narrow(known: Mapping[str, Interval], sums: Iterable[Sum]) -> dict[str, Interval]:
    """Every figure narrowed by the sums until nothing changes (interval reasoning)."""
    box = dict(known)
    sums = [(list(a), list(b)) for a, b in sums]
    for a, b in sums:
        for name in (*a, *b):
            box.setdefault(name, (0, 10**9))  # a figure not shown: only that it is a count
    # Interval propagation converges in a few rounds on these tables; a chain of figures
    # with no bound can instead creep by one per round. Such creep pins nothing within the
    # cap, so the attacker stops there (it reports only what it has worked out exactly).
    changed, rounds = True, 0
    while changed and rounds < MAX_ROUNDS:
        changed, rounds = False, rounds + 1
        for left, right in sums:
            for side, other in ((left, right), (right, left)):
                other_lo = sum(box[n][0] for n in other)
                other_hi = sum(box[n][1] for n in other)
                for name in side:
                    rest_lo = sum(box[n][0] for n in side if n != name)
                    rest_hi = sum(box[n][1] for n in side if n != name)
                    lo = max(box[name][0], other_lo - rest_hi)
                    hi = min(box[name][1], other_hi - rest_lo)
                    if (lo, hi) != box[name]:
                        box[name] = (lo, hi)
                        changed = True
    return box


def leaks(
    true: Mapping[str, int], shown: Mapping[str, str | None], sums: Iterable[Sum]
) -> dict[str, int]:
    """The true counts of 1–4 the attacker works out exactly from `shown` and `sums`."""
    known = {k: iv for k, v in shown.items() if v is not None and (iv := read(v)) is not None}
    box = narrow(known, sums)
    return {
        name: n
        for name, n in true.items()
        if 0 < n < 5 and name in box and box[name][0] == box[name][1] == n
    }


def total_and_parts(total: str, parts: Iterable[str]) -> Sum:
    return ([total], list(parts))
