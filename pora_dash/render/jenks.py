"""Fisher–Jenks natural breaks: the classes of sorted values with the least total squared
deviation from their class means (Fisher 1958, Jenks 1977), by dynamic programming.

mapclassify's `FisherJenks` computes the same optimum, but importing mapclassify loads scipy
and scikit-learn (about 108 MB per app process, measured in bench/), for a job of a few
lines of numpy. The tests check this against mapclassify and against every partition of
small inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def uppers(values: Sequence[float], k: int) -> list[float]:
    """The upper bound (largest value) of each of `k` optimal classes of `values`, ascending;
    fewer when there are fewer distinct values.

    >>> uppers([1, 2, 3, 10, 11, 12, 50, 52], 3)
    [3.0, 12.0, 52.0]
    >>> uppers([4, 4, 4], 2)
    [4.0]
    """
    x = np.sort(np.asarray(values, dtype=np.float64))
    n = len(x)
    k = min(k, len(np.unique(x)))
    if k <= 1:
        return [float(x[-1])] if n else []
    s1 = np.concatenate(([0.0], np.cumsum(x)))
    s2 = np.concatenate(([0.0], np.cumsum(x * x)))

    def cost(starts: np.ndarray, end: int) -> np.ndarray:
        """Squared deviation of x[start..end] (inclusive) for each start."""
        size = end + 1 - starts
        total = s1[end + 1] - s1[starts]
        return (s2[end + 1] - s2[starts]) - total * total / size

    # best[m][j]: least cost of x[0..j] in m + 1 classes; first[m][j]: where its last class starts
    best = np.full((k, n), np.inf)
    first = np.zeros((k, n), dtype=np.int64)
    best[0] = s2[1:] - s1[1:] * s1[1:] / np.arange(1, n + 1)
    for m in range(1, k):
        for j in range(m, n):
            starts = np.arange(m, j + 1)  # the last class is x[start..j], at least one value
            total = best[m - 1][starts - 1] + cost(starts, j)
            pick = int(np.argmin(total))
            best[m][j], first[m][j] = total[pick], starts[pick]
    out, end = [], n - 1
    for m in range(k - 1, -1, -1):
        out.append(float(x[end]))
        end = int(first[m][end]) - 1
    return out[::-1]
