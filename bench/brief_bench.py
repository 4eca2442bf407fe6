"""Rakor brief benchmark: how long the PDF and the workbook take, for a kecamatan, a kab/kota,
a province and the nation, on the demo data (target: a few seconds each, warm).

    .venv/bin/python bench/brief_bench.py                  # SQLite, scale 10, 3 runs
    .venv/bin/python bench/brief_bench.py --scale 1 --runs 5 --out /tmp/r.jsonl

The database is `bench/.cache/brief-scale{N}.db` (seeded once, reused while its marker, the
scale and a hash of the generator, matches). The first brief of the process is measured apart
(`brief.cold`: boundaries, fonts and matplotlib loaded for the first time); then each case
`--runs` times (`brief.gather`, `brief.pdf`, `brief.xlsx`: medians). One JSON line per
measurement is appended to bench/results.jsonl, with the load average and the commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = "2026-11-22"
CASES = [("33.29.05", "2024-07"), ("31.75", "2024-10"), ("31", "2024-11"), (None, "2024")]


def _database(scale: int) -> str:
    from pora_dash.store.bootstrap import ensure_database

    demo = sorted(
        p for p in (ROOT / "pora_dash" / "demo").rglob("*") if p.suffix in (".py", ".json")
    )
    source = b"".join(
        p.read_bytes() for p in (*demo, ROOT / "pora_dash" / "store" / "bootstrap.py")
    )
    want = f"scale={scale} today={TODAY} generator={hashlib.sha256(source).hexdigest()[:16]}"
    path = ROOT / "bench" / ".cache" / f"brief-scale{scale}.db"
    mark = path.with_suffix(".marker")
    url = f"sqlite:///{path}"
    if not (path.exists() and mark.exists() and mark.read_text().strip() == want):
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in (path, mark, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        print(f"seeding {path.relative_to(ROOT)} at scale {scale} ...", file=sys.stderr)
        ensure_database(url, demo=True, scale=scale, seed=42)
        mark.write_text(want + "\n")
    return url


def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip()


def _one(url: str, region: str | None, period: str) -> dict[str, float]:
    from pora_dash import brief
    from pora_dash.access.scope import Scope
    from pora_dash.store import db

    today = dt.date.fromisoformat(TODAY)
    times: dict[str, float] = {}
    start = time.perf_counter()
    with db.session_scope(url) as session:
        content = brief.gather(
            session,
            region=region,
            period=brief.parse_period(period, today=today),
            scope=Scope.national(),
            lang="id",
            today=today,
        )
    times["brief.gather"] = time.perf_counter() - start
    start = time.perf_counter()
    brief.render_pdf(content)
    times["brief.pdf"] = time.perf_counter() - start
    start = time.perf_counter()
    brief.render_workbook(content)
    times["brief.xlsx"] = time.perf_counter() - start
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.jsonl"))
    args = parser.parse_args()
    os.environ["PORA_TODAY"] = TODAY
    url = _database(args.scale)

    def line(metric: str, seconds: float, case: str, **extra: object) -> dict[str, object]:
        return {
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": _commit(),
            "db": "sqlite",
            "scale": args.scale,
            "metric": metric,
            "case": case,
            "unit": "s",
            "median": round(seconds, 3),
            "loadavg_1m": round(os.getloadavg()[0], 2),
            **extra,
        }

    start = time.perf_counter()
    import pora_dash.brief  # noqa: F401  (matplotlib, fpdf2: part of the first brief's cost)

    _one(url, *CASES[1])
    lines = [line("brief.cold", time.perf_counter() - start, f"{CASES[1][0]} {CASES[1][1]}")]
    for region, period in CASES:
        samples = [_one(url, region, period) for _ in range(args.runs)]
        for metric in samples[0]:
            values = [s[metric] for s in samples]
            lines.append(
                line(
                    metric,
                    statistics.median(values),
                    f"{region or 'indonesia'} {period}",
                    max=round(max(values), 3),
                    runs=args.runs,
                )
            )
    with open(args.out, "a", encoding="utf-8") as fh:
        for entry in lines:
            print(json.dumps(entry))
            fh.write(json.dumps(entry) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
