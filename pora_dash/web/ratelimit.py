"""A per-token rate limit for the API: a token bucket per token, in this process's memory.

Each token may make `per_minute` calls in a burst, refilled at `per_minute` calls a minute.
A call over the limit is answered 429 with `Retry-After` (whole seconds until one call is
allowed again). The buckets live in one process: with several app processes behind nginx
(docs/deployment.md) each keeps its own, so a token gets up to that many times the limit.

>>> clock = iter([0.0, 0.0, 0.0, 30.0]).__next__
>>> limit = RateLimit(2, clock=clock)
>>> limit.take(7), limit.take(7), limit.take(7), limit.take(7)
(0, 0, 30, 0)
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

MAX_BUCKETS = 10_000  # forget the least recently used beyond this (tokens are few)


class RateLimit:
    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # calls per second
        self.clock = clock
        self._buckets: dict[int, tuple[float, float]] = {}  # token id -> (calls left, when)
        self._lock = threading.Lock()

    def take(self, key: int) -> int:
        """Take one call from `key`'s bucket: 0 when allowed, else the seconds to wait."""
        now = self.clock()
        with self._lock:
            left, then = self._buckets.pop(key, (self.capacity, now))
            left = min(self.capacity, left + (now - then) * self.rate)
            if left >= 1:
                self._buckets[key] = (left - 1, now)
                wait = 0
            else:
                self._buckets[key] = (left, now)
                wait = max(1, math.ceil((1 - left) / self.rate))
            if len(self._buckets) > MAX_BUCKETS:
                del self._buckets[next(iter(self._buckets))]
            return wait
