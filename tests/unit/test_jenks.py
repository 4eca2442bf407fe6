"""The map's class breaks (render/jenks.py) are the Fisher–Jenks optimum: no partition of the
values into as many classes has less squared deviation, and mapclassify's FisherJenks (the
reference implementation, kept for this test only) finds none better."""

from __future__ import annotations

import itertools
import warnings

import mapclassify
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pora_dash.render import jenks


def deviation(values: list[float], uppers: list[float]) -> float:
    """Total squared deviation from the class means, classes by their upper bounds."""
    total, below = 0.0, -np.inf
    x = np.asarray(values, dtype=float)
    for upper in uppers:
        part = x[(x > below) & (x <= upper)]
        total += float(((part - part.mean()) ** 2).sum()) if len(part) else 0.0
        below = upper
    return total


def best_by_trying_all(values: list[float], k: int) -> float:
    x = sorted(values)
    best = np.inf
    for cuts in itertools.combinations(range(1, len(x)), k - 1):
        parts = np.split(np.asarray(x), cuts)
        best = min(best, sum(float(((p - p.mean()) ** 2).sum()) for p in parts))
    return best


counts = st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=9)


@settings(max_examples=200, deadline=None)
@given(values=counts, k=st.integers(min_value=2, max_value=5))
def test_no_partition_is_better(values: list[int], k: int) -> None:
    uppers = jenks.uppers(values, k)
    distinct = len(set(values))
    assert len(uppers) == min(k, distinct)
    assert uppers == sorted(set(uppers)) and uppers[-1] == max(values)
    got = deviation(values, uppers)
    assert got <= best_by_trying_all(values, min(k, distinct)) + 1e-6 * (1 + got)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(min_value=1, max_value=20000), min_size=6, max_size=300),
    k=st.integers(min_value=2, max_value=5),
)
def test_as_good_as_mapclassify(values: list[int], k: int) -> None:
    k = min(k, len(set(values)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = [float(b) for b in mapclassify.FisherJenks(values, k=k).bins]
    ours = jenks.uppers(values, k)
    assert deviation(values, ours) <= deviation(values, reference) * (1 + 1e-6) + 1e-6


def test_the_map_breaks_of_skewed_counts_match_mapclassify() -> None:
    rng = np.random.default_rng(7)
    values = [float(v) for v in np.round(rng.lognormal(4, 2, 514)) + 1]  # kab/kota counts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = [float(b) for b in mapclassify.FisherJenks(values, k=5).bins]
    assert jenks.uppers(values, 5) == reference
