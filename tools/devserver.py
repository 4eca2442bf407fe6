"""Start a `streamlit run` server for tests and benchmarks, wait until it answers, stop it.

One helper for tests/chromium.py and bench/{run,load,api_load}.py. It imports nothing from
pora_dash (the benchmarks import pora_dash from a snapshot copy, after this module is loaded)
and nothing from pytest.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

# How the server is launched: `python -m streamlit`, or a wrapper script that takes the same
# arguments (bench/serve.py, bench/load_serve.py).
STREAMLIT = ("-m", "streamlit")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    script: str,
    *,
    port: int,
    cwd: str | Path,
    env: Mapping[str, str],
    log: str | Path,
    launcher: Sequence[str] = STREAMLIT,
    options: Sequence[str] = (),
    timeout: float = 60.0,
    poll: float = 0.3,
    stop_timeout: float = 10.0,
) -> subprocess.Popen[bytes]:
    """`python <launcher> run <script>` on 127.0.0.1:`port`, headless, from `cwd`, with
    os.environ plus `env`, its output to the file `log`; returns once /_stcore/health answers
    "ok". If it exits or does not answer within `timeout` s, it is stopped and RuntimeError
    names the log."""
    cmd = [sys.executable, *launcher, "run", script, "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1", *options]  # fmt: skip
    with open(log, "w") as out:  # the child keeps its own descriptor
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    health = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(health, timeout=2) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc, stop_timeout)
            raise RuntimeError(f"{script} did not start; see {log}")
        time.sleep(poll)


def stop(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Terminate; kill what has not exited after `timeout` s."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def serving(
    script: str, *, stop_timeout: float = 10.0, **kwargs: object
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """start() on a free port; yields (base URL, process); always stopped."""
    port = free_port()
    proc = start(script, port=port, stop_timeout=stop_timeout, **kwargs)  # type: ignore[arg-type]
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop(proc, stop_timeout)
