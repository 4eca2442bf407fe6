"""Markdown tables of the latest benchmark results in bench/results.jsonl, for bench/README.md.

    .venv/bin/python bench/summary.py                 # the latest run of each database and scale
    .venv/bin/python bench/summary.py --since 2026-11-22T19:50

Pages: the median of the cold load (click on Masuk -> drawn and settled) and its ratio to the
floor (an empty Streamlit page's cold load measured in the same run), and the first load
after the server started (empty caches); filter changes: the median re-draw in ms. Then the
imports and the load test, each from its latest line.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results.jsonl"
IMPORT_PHASES = ("import.first", "import.again", "import.updated")  # bench/import_bench.py


def read(path: Path, since: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("timestamp", "") >= since]


def latest_runs(rows: list[dict[str, Any]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The lines of the latest bench/run.py run per (database, scale)."""
    runs: dict[tuple[str, int], dict[str, list[dict[str, Any]]]] = defaultdict(dict)
    for r in rows:
        if "bench" in r or "scale" not in r or r["metric"] in IMPORT_PHASES:
            continue  # the load test's and the imports' lines
        runs[(r["db"], r["scale"])].setdefault(r["timestamp"], []).append(r)
    return {key: by_time[max(by_time)] for key, by_time in runs.items()}


def _ms(v: float) -> str:
    return f"{v:,.0f}"


def page_table(runs: dict[tuple[str, int], list[dict[str, Any]]]) -> str:
    keys = sorted(runs, key=lambda k: (k[1], k[0] != "sqlite"))
    cells: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    floors: dict[tuple[str, int], str] = {}
    verdicts: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in keys:
        for r in runs[key]:
            m = r["metric"]
            if m == "floor.cold_load":
                floors[key] = _ms(r["median"])
            elif m.endswith(".cold") and "ratio" in r:
                mark = "" if r.get("verdict") != "FAIL" else " **FAIL**"
                cells[m.removesuffix(".cold")][key] = (
                    f"{_ms(r['median'])} ({r['ratio']:.2f}×; first {_ms(r['first'])}){mark}"
                )
                if r.get("verdict") == "FAIL":
                    verdicts[key].append(m)
            elif m.endswith((".after_write", ".after_write_warmed")):
                mark = "" if r.get("verdict") != "FAIL" else " **FAIL**"
                page, kind = m.rsplit(".", 1)
                when = "at once" if kind == "after_write" else "12 s later"
                cells[f"{page}, first load after a write ({when})"][key] = (
                    f"{_ms(r['median'])} ({r['ratio']:.2f}×){mark}"
                )
            elif m.endswith(".rerun") and m.startswith("filter_"):
                mark = "" if r.get("verdict") != "FAIL" else " **FAIL**"
                cells[m.removesuffix(".rerun")][key] = f"{_ms(r['median'])}{mark}"
    head = [f"{db} {scale}" for db, scale in keys]
    lines = [
        "| page | " + " | ".join(head) + " |",
        "| --- |" + " ---: |" * len(keys),
        "| floor (empty page, cold) | " + " | ".join(floors.get(k, "") for k in keys) + " |",
    ]
    for name in cells:
        lines.append(f"| `{name}` | " + " | ".join(cells[name].get(k, "") for k in keys) + " |")
    stamps = ", ".join(
        f"{db} {scale}: {runs[(db, scale)][0]['timestamp'][11:16]} UTC, commit "
        f"{runs[(db, scale)][0]['commit'][:7]}, load "
        f"{runs[(db, scale)][0]['loadavg_1m']['start']}–{runs[(db, scale)][0]['loadavg_1m']['end']}"
        for db, scale in keys
    )
    return "\n".join(lines) + f"\n\nRuns: {stamps}.\n"


def server_table(runs: dict[tuple[str, int], list[dict[str, Any]]]) -> str:
    """The query layer's time per call (each query in its own session, no cache), national,
    with its ratio to the run's floor (computed here for lines written before run.py did)."""
    keys = sorted(runs, key=lambda k: (k[1], k[0] != "sqlite"))
    cells: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    for key in keys:
        floor = next(r["median"] for r in runs[key] if r["metric"] == "floor.cold_load")
        for r in runs[key]:
            m = r["metric"]
            if m.startswith(("server.overview.sql.", "server.map.national.sql.")):
                cells[m.split(".sql.")[1]][key] = f"{r['median']:,.0f} ({r['median'] / floor:.2f}×)"
    head = [f"{db} {scale}" for db, scale in keys]
    lines = ["| query (national) | " + " | ".join(head) + " |", "| --- |" + " ---: |" * len(keys)]
    for name, by_key in cells.items():
        lines.append(f"| `{name}` | " + " | ".join(by_key.get(k, "") for k in keys) + " |")
    return "\n".join(lines) + "\n"


def other_table(rows: list[dict[str, Any]]) -> str:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["metric"] in IMPORT_PHASES or r["metric"].startswith("load."):
            latest[(r["db"], r["metric"])] = r
    lines = ["| figure | database | value |", "| --- | --- | ---: |"]
    for (db, metric), r in sorted(latest.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if metric in IMPORT_PHASES:
            value = f"{r['median']:.1f} s ({r.get('rows_per_s', '')} rows/s)"
            if "ratio" in r:
                value += f", {r['ratio']:,.1f}× the floor ({r['floor']} ms)"
        elif metric == "load.scope":
            value = f"{r['checks']} checks, {r['violations']} violations"
        elif metric == "load.server_rss":
            value = (
                ", ".join(f"{k} {r[k] / 1e6:,.0f} MB" for k in ("idle", "peak", "end") if k in r)
                or f"{r.get('median', 0):,.0f}"
            )
        elif "p50" in r:
            value = f"n {r.get('n', '')}, p50 {_ms(r['p50'])}, p95 {_ms(r['p95'])} {r['unit']}"
            if "ratio_p50" in r:
                value += f" ({r['ratio_p50']}× / {r['ratio_p95']}× the floor, {r['floor']} ms)"
        else:
            value = f"{r.get('median', '')} {r.get('unit', '')}"
        lines.append(f"| `{metric}` | {db} | {value} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="", help="only lines at or after this ISO timestamp")
    parser.add_argument("--file", default=str(RESULTS))
    args = parser.parse_args()
    rows = read(Path(args.file), args.since)
    runs = latest_runs(rows)
    print(page_table(runs))
    print(server_table(runs))
    print(other_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
