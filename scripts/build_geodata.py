#!/usr/bin/env python
"""Build data/ (regions and boundaries) from the reference geodata; dev/CI only.

Needs the ``geo`` extra (``pip install -e '.[geo]'``). Run from the project root::

    python scripts/build_geodata.py                      # ../shared/geodata -> data/
    python scripts/build_geodata.py --source DIR --out DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pora_dash.geo import geodata  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("../shared/geodata"),
        help="directory with wilayah.csv, penduduk.csv, luas.csv and the GeoJSON",
    )
    parser.add_argument("--out", type=Path, default=Path("data"), help="output directory")
    parser.add_argument(
        "--level",
        action="append",
        choices=geodata.LEVELS,
        dest="levels",
        help="build only these boundary levels (repeatable; default: all)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    notes: list[str] = []
    sizes = geodata.build(
        args.source,
        args.out,
        levels=args.levels or geodata.LEVELS,
        log=lambda msg: print(f"  {msg}", flush=True),
        notes=notes,
    )
    elapsed = time.perf_counter() - started

    print(f"\nWrote {args.out} in {elapsed:.1f} s:")
    for name, size in sizes.items():
        print(f"  {name:34} {size:>10,} B")
    print(f"  {'total':34} {sum(sizes.values()):>10,} B")
    print("\nBoundaries (uncompressed JSON; largest payload the map ships for one parent):")
    for level, st in geodata.payload_stats(args.out).items():
        print(
            f"  {level:10} {st['features']:>5} features {st['vertices']:>8,} vertices "
            f"{st['json_bytes']:>10,} B json {st['gzip_bytes']:>9,} B gz; largest parent "
            f"{st['largest_parent'] or '(nation)'}: {st['largest_parent_bytes']:,} B"
        )
    if notes:
        print("\nNotes on the source data:")
        for note in notes:
            print(f"  - {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
