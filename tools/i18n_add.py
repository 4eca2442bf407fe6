"""Add UI strings to both catalogs at once: `python tools/i18n_add.py < keys.json`.

keys.json maps each key to [Indonesian, English]. Existing keys are overwritten. The catalogs
are rewritten sorted, with a file lock so that two people adding keys at once lose nothing.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

CATALOGS = Path(__file__).resolve().parent.parent / "pora_dash" / "i18n"


def main() -> int:
    new = json.load(sys.stdin)
    bad = [k for k, v in new.items() if not (isinstance(v, list) and len(v) == 2)]
    if bad:
        print(f"each key needs [id, en]: {bad}", file=sys.stderr)
        return 2
    with open(CATALOGS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for i, lang in enumerate(("id", "en")):
            path = CATALOGS / f"{lang}.json"
            data = json.loads(path.read_text(encoding="utf-8"))
            data.update({k: v[i] for k, v in new.items()})
            text = json.dumps(dict(sorted(data.items())), ensure_ascii=False, indent=1)
            path.write_text(text + "\n", encoding="utf-8")
    print(f"{len(new)} keys added to id.json and en.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
