"""Imports of agency lists (CSV, Excel): persons of concern, sites, meetings and their
follow-up actions, incidents. README "Impor data" describes the format.

- `reading`: bytes -> a table (CSV or XLSX, with limits on size and memory);
- `rows`: the column type and the value parsers every kind's row model is built from;
- `validation`: a header mapped to a kind's columns, a row validated by its model;
- `plan`: what every kind shares (Actor, Record, Plan, the row Context, generic writes);
- `kinds/`: one module per kind (columns, row model, resolve, diff, write), and the registry;
- `core`: `prepare` (check a whole file, write nothing) and `import_file` (one transaction);
- `entry` (one record typed in), `templates`, `review` (the preview's frames), `command` (CLI).

Adding a kind: one module in `kinds/` with its `KIND`, one line in `kinds/__init__.py`, its
i18n keys (`import.kind.<name>`, `import.kind_help.<name>`) and its README section.
"""

from pora_dash.importing.core import Actor, Outcome, Plan, import_file, prepare
from pora_dash.importing.kinds import KINDS as REGISTRY
from pora_dash.importing.problems import ImportInputError, Problem, render
from pora_dash.importing.reading import read_table, sheet_names

KINDS = tuple(REGISTRY)

__all__ = [
    "KINDS",
    "Actor",
    "ImportInputError",
    "Outcome",
    "Plan",
    "Problem",
    "import_file",
    "prepare",
    "read_table",
    "render",
    "sheet_names",
]
