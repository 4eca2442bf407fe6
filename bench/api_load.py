"""Load test of the API: 20 concurrent clients calling the read endpoints of one app process.

    .venv/bin/python bench/api_load.py [--clients 20] [--duration 60] [--scale 1] [--port 8860]
                                       [--out bench/results.jsonl]

1. prepares a SQLite database with the demo data (scale 1, seed 42) and the demo users in
   bench/.cache/api-sqlite-scale{N}.db (reused when present), and one token per client
   (spread over admin, analis and operator.pemalang; exact and protected figures);
2. starts one `streamlit run serve.py` (the app as deployed, with the API), rate limit raised
   so that the limit itself is not what is measured;
3. runs --clients threads, each with its own httpx client and token, calling for --duration
   seconds one read endpoint after another (random endpoint, random filter from a fixed list,
   JSON; one call in ten CSV with HXL), without pause;
4. samples the server's resident memory (/proc/PID/status VmRSS) every 0.5 s and its CPU time;
5. prints p50/p95 per endpoint and overall, calls per second, errors and the memory, and
   appends one JSON line to --out.

Every call is audited (one row per call in audit_log) as in production: that write is part
of what is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pora_dash import demo  # noqa: E402 - after the path above
from pora_dash.access import auth, tokens  # noqa: E402
from pora_dash.store import db  # noqa: E402
from pora_dash.store.bootstrap import create_demo_users, load_regions  # noqa: E402
from pora_dash.store.models import User  # noqa: E402
from tools import devserver  # noqa: E402

TODAY = "2026-11-22"
USERS = (("admin", True), ("analis", False), ("operator.pemalang", True), ("analis", True))
PATHS = (
    "/headline",
    "/counts/areas",
    "/counts/nationalities",
    "/counts/statuses",
    "/counts/sex-age",
    "/counts/accommodation",
    "/trend",
    "/followups/actions",
    "/followups/meetings",
    "/incidents",
    "/regions",
)
FILTERS = (
    {},
    {"wilayah": "31"},
    {"wilayah": "33.29"},
    {"wilayah": "31.71", "wn": "AFG"},
    {"wilayah": "12.71", "status": "refugee"},
    {"wilayah": "11", "jk": "F"},
    {"wilayah": "32.01", "usia": "anak"},
)


def database(scale: int) -> str:
    path = ROOT / "bench" / ".cache" / f"api-sqlite-scale{scale}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        db.upgrade(url)
        with db.session_scope(url) as session:
            load_regions(session)
            demo.seed_demo(session, scale=scale, seed=42, as_of=dt.date.fromisoformat(TODAY))
            create_demo_users(session)
    db.upgrade(url)  # a cache made before the last migration
    return url


def make_tokens(url: str, n: int) -> list[str]:
    out = []
    with db.session_scope(url) as session:
        for i in range(n):
            username, exact = USERS[i % len(USERS)]
            user = session.scalar(select(User).where(User.username == username))
            assert user is not None, username
            _, secret = tokens.create(
                session, auth._signed_in(session, user), name=f"bench {i}", days=1, write=False,
                exact=exact,
            )  # fmt: skip
            out.append(secret)
    return out


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {"PORA_DATABASE_URL": url, "PORA_TODAY": TODAY, "PORA_API_RATE_PER_MINUTE": "100000"}
    log = ROOT / "bench" / ".cache" / "api-load-server.log"
    try:
        return devserver.start("serve.py", port=port, cwd=ROOT, env=env, log=log)
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from None


def client(
    base: str, secret: str, until: float, seed: int, out: list, lock: threading.Lock
) -> None:
    rnd = random.Random(seed)
    headers = {"Authorization": f"Bearer {secret}"}
    mine = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
        while time.monotonic() < until:
            path = rnd.choice(PATHS)
            params = dict(rnd.choice(FILTERS))
            if rnd.random() < 0.1:
                params |= {"format": "csv", "hxl": "1"}
            t0 = time.perf_counter()
            try:
                status = http.get(path, params=params).status_code
            except httpx.HTTPError:
                status = 0
            mine.append((path, status, (time.perf_counter() - t0) * 1000))
    with lock:
        out.extend(mine)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--port", type=int, default=8860)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.jsonl"))
    args = ap.parse_args()

    url = database(args.scale)
    secrets = make_tokens(url, args.clients)
    proc = start_server(url, args.port)
    base = f"http://127.0.0.1:{args.port}/api/v1"
    samples: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(rss(proc.pid))
            stop.wait(0.5)

    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {secrets[0]}"}) as h:
            h.get("/headline")  # first call: imports and the regions index, not measured
        idle = rss(proc.pid)
        cpu0 = cpu_seconds(proc.pid)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        calls: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        until = time.monotonic() + args.duration
        started = time.monotonic()
        threads = [
            threading.Thread(target=client, args=(base, s, until, i, calls, lock))
            for i, s in enumerate(secrets)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        cpu = cpu_seconds(proc.pid) - cpu0
        stop.set()
        sampler.join()
        end = rss(proc.pid)
    finally:
        devserver.stop(proc)

    by_path: dict[str, list[float]] = defaultdict(list)
    errors = sum(1 for _, status, _ in calls if status != 200)
    for path, status, ms in calls:
        if status == 200:
            by_path[path].append(ms)
    every = [ms for values in by_path.values() for ms in values]
    result = {
        "bench": "api_load",
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "db": "sqlite",
        "scale": args.scale,
        "clients": args.clients,
        "duration_s": round(wall, 1),
        "calls": len(calls),
        "errors": errors,
        "calls_per_s": round(len(calls) / wall, 1),
        "p50_ms": round(statistics.median(every), 1) if every else None,
        "p95_ms": round(pct(every, 0.95), 1) if every else None,
        "rss_idle": idle,
        "rss_peak": max(samples or [end]),
        "rss_end": end,
        "server_cpu_cores": round(cpu / wall, 2),
        "loadavg_1m": os.getloadavg()[0],
        "per_endpoint": {
            p: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(pct(v, 0.95), 1)}
            for p, v in sorted(by_path.items())
        },
    }  # fmt: skip
    with open(args.out, "a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    print(f"{len(calls)} calls in {wall:.0f} s ({result['calls_per_s']}/s), {errors} errors")
    print(f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms")
    print(
        f"server RSS idle {idle / 1e6:.0f} MB, peak {result['rss_peak'] / 1e6:.0f} MB, "
        f"end {end / 1e6:.0f} MB; server CPU {result['server_cpu_cores']} cores"
    )
    for path, figures in result["per_endpoint"].items():
        print(
            f"  {path:28} n={figures['n']:5}  p50 {figures['p50_ms']:8} ms  p95 {figures['p95_ms']:8} ms"
        )
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
