"""Peak memory and time of refusing the hostile files of issue 18 (`python bench/hostile_bench.py`).

Each file is refused in a fresh process, so its peak RSS is its own: the process first imports
the importer (idle), then reads the file (`read_table`, what the page and the CLI call). The
target: under 300 MB above idle and under 5 s for the 1 GiB-string .xlsx (zip bomb).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pora_dash.importing.reading import read_table
from pora_dash.importing.problems import ImportInputError
path = sys.argv[1]
data = open(path, "rb").read()
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    read_table(data, path)
    key = None
except ImportInputError as exc:
    key = exc.problems[0].key
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"key": key, "seconds": elapsed, "above_idle_mb": (peak - idle) / 1024}))
"""


def main() -> int:
    from tests import hostile

    with tempfile.TemporaryDirectory() as folder:
        rows = []
        made = {name: path for name, (path, _) in hostile.files(Path(folder)).items()}
        # under the 200 MB unpacked limit: stopped while streaming, at the long text run
        made["bomb-100mib.xlsx"] = Path(folder) / "bomb-100mib.xlsx"
        made["bomb-100mib.xlsx"].write_bytes(hostile.xlsx_bomb(100))
        for name, path in made.items():
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(out.stdout)
            rows.append((name, path.stat().st_size, result))
    print("| file | size | refused as | time | peak RSS above idle |")
    print("| --- | ---: | --- | ---: | ---: |")
    for name, size, r in rows:
        print(
            f"| `{name}` | {size / 1024 / 1024:.1f} MB | `{r['key']}` | "
            f"{r['seconds'] * 1000:.0f} ms | {r['above_idle_mb']:.1f} MB |"
        )
    bomb = next(r for name, _, r in rows if name == "bomb.xlsx")
    return 0 if bomb["seconds"] < 5 and bomb["above_idle_mb"] < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
