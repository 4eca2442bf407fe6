"""Calendar events on a time chart: each name drawn twice, a white halo under the coloured
text, so a name stays legible where the next event's rule runs through it; a name in the
last fifth of the range goes left of its rule, not off the chart's edge."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pora_dash.render.charts import event_rules


def test_every_event_name_has_a_white_halo_under_it() -> None:
    day = dt.date(2024, 11, 27)
    events = pd.DataFrame(
        {
            "name": ["Pemungutan Suara Pilkada Serentak 2024", "Hari Pengungsi Sedunia 2024"],
            "kind": ["pilkada", "other"],
            "starts_on": [day, dt.date(2024, 6, 20)],
            "ends_on": [day, dt.date(2024, 6, 20)],
        }
    )
    spec = event_rules(events, "id", dt.date(2024, 1, 1), dt.date(2024, 12, 31)).to_dict()
    marks = [layer["mark"] for layer in spec["layer"]]
    texts = [m for m in marks if m["type"] == "text"]
    assert [m.get("stroke") for m in texts] == ["#ffffff", None, "#ffffff", None]
    assert texts[0]["strokeWidth"] >= 3
    assert [m["align"] for m in texts] == ["left", "left", "right", "right"]
    rows = [spec["datasets"][layer["data"]["name"]] for layer in spec["layer"][-4:][::2]]
    names = [r[0]["name"] for r in rows]
    assert names == ["Hari Pengungsi Sedunia 2024", "Pemungutan Suara Pilkada Serentak 2024"]
