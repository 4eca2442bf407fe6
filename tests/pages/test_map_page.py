"""The map page's table of areas: closed, it sends nothing (a closed table still made the
viewer's browser load the table's script beside the map); opened, it lists the areas of the
map with the figure as shown."""

from __future__ import annotations

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.reads import areas
from pora_dash.store import db
from tests.apptest import app_as


def test_the_areas_table_is_drawn_only_when_opened(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "kesbangpol.brebes", page="app_pages/map.py", params={"wilayah": "33.29"})
    assert not at.exception
    assert "Angka per wilayah" in [e.label for e in at.expander]
    assert not at.dataframe  # closed: no table element at all

    at.session_state["map_table"] = True  # what a click on the expander's header sets
    at.run()
    assert not at.exception
    [table] = at.dataframe
    shown = dict(zip(table.value["Kode"], table.value["Jumlah orang aktif"], strict=True))
    with db.session_scope(demo_db) as session:
        frame = areas.area_metrics(
            session,
            filters=Filters(wilayah="33.29"),
            scope=Scope.of(["33.29"]),
            period_days=Filters().period_days,
        )
    exact = {c: int(n) for c, n in zip(frame["code"], frame["active"], strict=True) if n}
    assert {c: int(v.replace(".", "")) for c, v in shown.items()} == exact
