"""The kinds of import, one module each: adding a kind is one module with its `KIND` and one
line here (and its i18n keys: `import.kind.<name>`, `import.kind_help.<name>`).

>>> list(KINDS)
['persons', 'sites', 'meetings', 'incidents']
>>> KINDS["persons"].min_level
3
"""

from __future__ import annotations

from pora_dash.importing.kinds import incidents, meetings, persons, sites
from pora_dash.importing.kinds.base import Kind
from pora_dash.importing.rows import Column, Row

KINDS: dict[str, Kind] = {
    k.name: k for k in (persons.KIND, sites.KIND, meetings.KIND, incidents.KIND)
}
COLUMNS: dict[str, tuple[Column, ...]] = {name: k.columns for name, k in KINDS.items()}
MODELS: dict[str, type[Row]] = {name: k.row for name, k in KINDS.items()}
