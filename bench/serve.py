"""`streamlit ...` with every full (generation 2) garbage collection logged: bench only.

bench/run.py starts both servers (the floor and the app) through this wrapper, so it can tell
how much of a page load the server spent in collection pauses. Each line of $BENCH_GC_LOG:
`<epoch seconds at start> <generation> <pause ms> <objects collected>`. Younger generations
are collected far more often and briefly; they are not logged (the file write would cost more
than the pause).
"""

import gc
import os
import sys
import time

from streamlit.web.cli import main

_log = open(os.environ["BENCH_GC_LOG"], "a", buffering=1)  # noqa: SIM115
_started: list[float] = [0.0, 0.0]


def _on_gc(phase: str, info: dict) -> None:
    if info.get("generation") != 2:
        return
    if phase == "start":
        _started[0], _started[1] = time.time(), time.perf_counter()
    else:
        pause = (time.perf_counter() - _started[1]) * 1000
        _log.write(f"{_started[0]:.4f} 2 {pause:.2f} {info.get('collected', 0)}\n")


if __name__ == "__main__":
    gc.callbacks.append(_on_gc)
    sys.exit(main(prog_name="streamlit"))
