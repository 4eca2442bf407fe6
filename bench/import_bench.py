"""Import benchmark: a 100,000-row persons CSV into an empty database (regions, agencies),
then the same file again (the no-op path), then an updated list (every person's status
changed, every fifth moved: updates and movements), on SQLite or PostgreSQL.

    .venv/bin/python bench/import_bench.py                   # SQLite, 100,000 rows
    .venv/bin/python bench/import_bench.py --db postgresql   # postgresql+psycopg://postgres@127.0.0.1:5432/pora_import_bench
    .venv/bin/python bench/import_bench.py --rows 20000 --out /tmp/r.jsonl

Appends one JSON line per measurement to bench/results.jsonl (like bench/run.py): the phase
(`import.first`: validate + write everything in one transaction; `import.again`: the same file,
nothing to change; `import.updated`: every row updated, a fifth of them with a movement),
seconds, rows per second, the load average before and after, commit and database, and (unless
`--no-floor`) the floor: an empty Streamlit page's cold load measured first, the same way as
bench/run.py does, with the phase's time as a ratio to it (`ratio`: how many floors).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/pora_import_bench"


def _database(kind: str) -> str:
    from sqlalchemy import create_engine, text

    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="pora-import-bench-")) / "bench.db"
        return f"sqlite:///{path}"
    admin = create_engine(PG_URL.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text('DROP DATABASE IF EXISTS "pora_import_bench" WITH (FORCE)'))
        conn.execute(text('CREATE DATABASE "pora_import_bench"'))
    admin.dispose()
    return PG_URL


def _commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
    )
    return out.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.jsonl"))
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip measuring the empty Streamlit page (no ratio in the lines)",
    )
    args = parser.parse_args()
    floor_ms = None
    if not args.no_floor:  # before anything of the app is imported (run.py snapshots the tree)
        sys.path.insert(0, str(ROOT / "bench"))
        import run as pagebench

        floor_ms = pagebench.floor_cold_ms()
        print(f"floor (empty Streamlit page, cold load): {floor_ms:.0f} ms", flush=True)
    os.environ.setdefault("PORA_TODAY", "2026-11-22")
    os.environ["PORA_MAX_UPLOAD_MB"] = "200"

    from pora_dash.config import settings
    from pora_dash.importing import Actor, import_file
    from pora_dash.store import db
    from tests import import_world as world

    url = _database(args.db)
    db.upgrade(url)
    world.build(url)
    files = {
        "import.first": world.many_persons(args.rows),
        "import.again": world.many_persons(args.rows),
        "import.updated": world.many_persons(args.rows, updated=True),
    }
    settings.cache_clear()
    commit = _commit()  # the code measured (HEAD may move while this runs)
    lines = []
    for phase, data in files.items():
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        outcome = import_file(
            data, kind="persons", file_name=f"{phase}.csv", actor=Actor("bench"), url=url
        )
        seconds = time.perf_counter() - start
        lines.append(
            {
                "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "commit": commit,
                "db": args.db,
                "metric": phase,
                "unit": "s",
                "median": round(seconds, 2),
                "rows": args.rows,
                "rows_per_s": round(args.rows / seconds),
                "added": outcome.added,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "movements": outcome.movements,
                "file_mb": round(len(data) / 1024 / 1024, 1),
                "loadavg_1m": {"start": round(load_before, 2), "end": round(os.getloadavg()[0], 2)},
                **(
                    {"floor": round(floor_ms), "ratio": round(seconds * 1000 / floor_ms, 1)}
                    if floor_ms
                    else {}
                ),
            }
        )
        print(json.dumps(lines[-1]))
    with open(args.out, "a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
