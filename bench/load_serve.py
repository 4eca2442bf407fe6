"""`streamlit ...` with every script run timed: bench/load.py only.

Each line of $LOAD_RUN_LOG: `<epoch s at the end> <wall ms> <cpu ms of the script thread>`.
The CPU time is what one run costs the server whatever else the machine is doing; the wall
time adds the waiting (for the interpreter lock, the database, a busy machine).
"""

import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web.cli import main

_log = open(os.environ["LOAD_RUN_LOG"], "a", buffering=1)  # noqa: SIM115
_run = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        return _run(self, rerun_data)
    finally:
        end = time.time()
        _log.write(
            f"{end:.3f} {(time.perf_counter() - wall) * 1000:.1f} "
            f"{(time.thread_time() - cpu) * 1000:.1f}\n"
        )


if __name__ == "__main__":
    script_runner.ScriptRunner._run_script = _timed  # type: ignore[method-assign]
    sys.exit(main(prog_name="streamlit"))
