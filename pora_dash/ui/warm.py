"""No cold page after a write: the views users opened lately are read again, in the background,
as soon as any process commits a write.

Every cached read notes what it was asked (`Recent.note`: the read, the database, the filters,
the scope, the extra arguments), so the warmer repeats exactly the calls the pages make, with
the keys they will look up; nothing here lists pages. One daemon thread per app process looks
at the database's write counters every POLL_S seconds; when they changed (a write by this
process, another app process, the API or the command line), it reads again the MAX_VIEWS
views used most in the last WINDOW_S seconds, national and one-province views alike, and stops
after BUDGET_S seconds. The writer never waits for it: the writer's own request ends first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.store import db

POLL_S = 2.0
MAX_VIEWS = 60
WINDOW_S = 3600.0
BUDGET_S = 30.0
REMEMBERED = 500  # distinct views remembered per process (the oldest forgotten first)

LOG = logging.getLogger(__name__)


@dataclass
class Use:
    fn: Callable[..., Any]
    url: str
    filters: Filters
    scope: Scope
    extra: tuple
    count: int = 0
    last: float = 0.0


class Recent:
    """The views read lately in this process, with how often."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._lock = threading.Lock()
        self._uses: OrderedDict[tuple, Use] = OrderedDict()
        self._limit = limit

    def note(
        self, fn: Callable[..., Any], url: str, filters: Filters, scope: Scope, extra: tuple
    ) -> None:
        key = (fn.__module__, fn.__qualname__, url, filters.key(), scope.key(), extra)
        with self._lock:
            use = self._uses.pop(key, None) or Use(fn, url, filters, scope, extra)
            use.count += 1
            use.last = time.monotonic()
            self._uses[key] = use
            while len(self._uses) > self._limit:
                self._uses.popitem(last=False)

    def top(self, n: int = MAX_VIEWS, window_s: float = WINDOW_S) -> list[Use]:
        """The `n` views used most within the window, most used first."""
        since = time.monotonic() - window_s
        with self._lock:
            uses = [u for u in self._uses.values() if u.last >= since]
        return sorted(uses, key=lambda u: (-u.count, -u.last))[:n]

    def urls(self) -> set[str]:
        with self._lock:
            return {u.url for u in self._uses.values()}


def counters(urls: set[str]) -> dict[str, dict[str, int]]:
    """The write counters of each database (a SQLite file that is gone is left alone: opening
    it would create an empty one)."""
    out = {}
    for url in sorted(urls):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
            continue
        with db.session_scope(url) as session:
            out[url] = db.data_versions(session)
    return out


def warm(
    recent: Recent,
    read: Callable[[Use], Any],
    *,
    budget_s: float = BUDGET_S,
    limit: int = MAX_VIEWS,
) -> int:
    """Read the most used views again (through `read`, the cached read); how many were read."""
    started, done = time.monotonic(), 0
    for use in recent.top(limit):
        if time.monotonic() - started > budget_s:
            break
        try:
            read(use)
            done += 1
        except Exception:  # a view that fails now fails for its user too, with a message
            LOG.warning("warming %s failed", use.fn.__qualname__, exc_info=True)
    return done


def run(recent: Recent, read: Callable[[Use], Any], stop: threading.Event) -> None:
    """The warmer's loop: wait for a change of the write counters, then warm."""
    seen: dict[str, dict[str, int]] | None = None
    while not stop.wait(POLL_S):
        try:
            now = counters(recent.urls())
        except Exception:  # the database is away for a moment: try again at the next poll
            LOG.warning("warming: the database did not answer", exc_info=True)
            continue
        if seen is not None and now != seen:
            started = time.monotonic()
            count = warm(recent, read)
            LOG.info("warmed %d views in %.1f s", count, time.monotonic() - started)
        seen = now
